package io.engram.bench.ann;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.TopK;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact nearest neighbours of every query, by brute force: the reference that recall is measured
 * against.
 *
 * <p>Values are the metric's raw values ({@link Metric}): squared Euclidean distance for L2, cosine
 * similarity for cosine, dot product for ip. Ties break by the smaller train row.
 *
 * <p>Cached files ({@code <cache>/groundtruth/<dataset>-<metric>-<n>x<dim>-q<queries>-k<k>.gt}) use
 * the core {@link FileHeader} (magic {@value #MAGIC}, CRC32C-checked) and repeat the key inside
 * the payload together with a fingerprint of the vectors; a file whose key or checksum does not
 * match is recomputed, never trusted.
 *
 * @param k neighbours per query
 * @param ids ids[q][j] = train row of the j-th nearest neighbour of query q
 * @param values the matching raw metric values
 */
public record GroundTruth(int k, int[][] ids, float[][] values) {

    /** The depth ann-benchmarks stores. */
    public static final int DEFAULT_K = 100;

    static final String MAGIC = "ENGRGTRU";
    static final int VERSION = 1;
    private static final long MAX_PAYLOAD = 1L << 31;

    public int queryCount() {
        return ids.length;
    }

    /** Brute force over {@code threads} threads, one query at a time per thread. */
    public static GroundTruth compute(Dataset data, int k, int threads) {
        InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
        int depth = Math.min(k, data.size());
        InvalidArgumentException.check(depth > 0, "ground truth depth must be positive, got %d", k);
        float[][] train = prepare(data.metric(), data.train());
        float[][] queries = prepare(data.metric(), data.queries());
        int[][] ids = new int[queries.length][];
        float[][] values = new float[queries.length][];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            FloatKernels kernels = Kernels.floats();
            TopK top = data.metric().newTopK(depth);
            long[] outIds = new long[depth];
            for (int q; (q = next.getAndIncrement()) < queries.length; ) {
                nearest(kernels, data.metric(), train, queries[q], top);
                int n = top.drainSorted(outIds, values[q] = new float[depth]);
                ids[q] = new int[n];
                for (int j = 0; j < n; j++) {
                    ids[q][j] = (int) outIds[j];
                }
            }
        };
        runOn(Math.min(threads, queries.length), worker);
        return new GroundTruth(depth, ids, values);
    }

    /** Offers every train row to {@code top} (cleared first). */
    static void nearest(FloatKernels kernels, Metric metric, float[][] train, float[] query, TopK top) {
        top.clear();
        int dim = query.length;
        for (int i = 0; i < train.length; i++) {
            float raw = metric == Metric.L2
                    ? kernels.squareDistance(query, 0, train[i], 0, dim)
                    : kernels.dot(query, 0, train[i], 0, dim);
            if (!top.cannotEnter(raw)) {
                top.offer(i, raw);
            }
        }
    }

    /** Unit-length copies for cosine (so the kernel is a dot product); the rows themselves otherwise. */
    static float[][] prepare(Metric metric, float[][] rows) {
        if (metric != Metric.COSINE) {
            return rows;
        }
        FloatKernels kernels = Kernels.floats();
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float norm = kernels.norm(rows[i]);
            out[i] = rows[i].clone();
            if (norm > 0) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] /= norm;
                }
            }
        }
        return out;
    }

    /**
     * The ground truth of {@code data} at depth {@code k}, read from {@code cacheDir} when a
     * matching file is there, otherwise computed and written there.
     */
    public static GroundTruth cached(Dataset data, int k, int threads, Path cacheDir) throws IOException {
        int depth = Math.min(k, data.size());
        Path file = cacheFile(data, depth, cacheDir);
        if (Files.isRegularFile(file)) {
            try {
                return read(file, data, depth);
            } catch (CorruptFileException e) {
                System.err.println("engram: recomputing ground truth, cached file rejected: " + e.getMessage());
            }
        }
        GroundTruth truth = compute(data, depth, threads);
        Files.createDirectories(file.getParent());
        truth.write(file, data);
        return truth;
    }

    static Path cacheFile(Dataset data, int k, Path cacheDir) {
        String name = data.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return cacheDir.resolve("groundtruth").resolve(String.format("%s-%s-%dx%d-q%d-k%d.gt", name,
                data.metric().name().toLowerCase(java.util.Locale.ROOT), data.size(), data.dimension(),
                data.queries().length, k));
    }

    void write(Path file, Dataset data) throws IOException {
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeUtf8(data.name()).writeLong(data.fingerprint()).writeInt(data.metric().code())
                .writeInt(data.size()).writeInt(data.dimension()).writeInt(ids.length).writeInt(k);
        for (int q = 0; q < ids.length; q++) {
            payload.writeInts(ids[q]).writeFloats(values[q]);
        }
        LittleEndianWriter out = new LittleEndianWriter(FileHeader.SIZE + payload.size());
        FileHeader.write(out, MAGIC, VERSION, 0, payload.asSegment());
        AtomicFiles.write(file, out);
    }

    static GroundTruth read(Path file, Dataset data, int k) throws IOException {
        FileHeader.Verified verified = FileHeader.read(ByteBuffer.wrap(Files.readAllBytes(file)), MAGIC, VERSION, MAX_PAYLOAD);
        LittleEndianReader in = verified.payloadReader();
        String name = in.readUtf8("dataset name", 4096);
        long fingerprint = in.readLong();
        int metric = in.readInt();
        int n = in.readInt();
        int dim = in.readInt();
        int queries = in.readInt();
        int depth = in.readInt();
        if (!name.equals(data.name()) || fingerprint != data.fingerprint() || metric != data.metric().code()
                || n != data.size() || dim != data.dimension() || queries != data.queries().length || depth != k) {
            throw new CorruptFileException(String.format(
                    "%s holds %s (fingerprint %x, metric %d, %dx%d, %d queries, k %d), expected %s (fingerprint %x,"
                            + " metric %d, %dx%d, %d queries, k %d)", file, name, fingerprint, metric, n, dim, queries,
                    depth, data.name(), data.fingerprint(), data.metric().code(), data.size(), data.dimension(),
                    data.queries().length, k));
        }
        int[][] ids = new int[queries][];
        float[][] values = new float[queries][];
        for (int q = 0; q < queries; q++) {
            ids[q] = in.readIntArray("neighbour ids", depth);
            values[q] = in.readFloatArray("neighbour values", depth);
            for (int id : ids[q]) {
                if (id < 0 || id >= n) {
                    throw new CorruptFileException(file + ": neighbour id " + id + " outside 0.." + (n - 1));
                }
            }
        }
        in.expectEnd("ground truth payload");
        return new GroundTruth(depth, ids, values);
    }

    static void runOn(int threads, Runnable worker) {
        if (threads <= 1) {
            worker.run();
            return;
        }
        List<Thread> started = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = Thread.ofPlatform().name("engram-groundtruth-" + t).start(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            started.add(thread);
        }
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing ground truth", e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException e = new IllegalStateException("ground truth worker failed", failures.getFirst());
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
