package io.engram.bench.ann;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.io.AtomicFiles;
import io.engram.embed.Embedder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Embeds a {@link TextSplit} and keeps the vectors in a directory, so that only the first load pays
 * for the model.
 *
 * <p>The directory holds {@code queries.fvecs}, {@code train.fvecs} and {@code manifest.properties}.
 * The manifest names the embedder, the chunk size, the dimension, the counts and a SHA-256 of the
 * texts; vectors are reused only when all of these match, so a changed corpus (a package index
 * that moved on) or another model rebuilds them. The manifest is removed before and written after
 * the vector files, so a manifest on disk always describes complete files.
 *
 * <p>Texts are embedded in chunks of {@value #CHUNK} at fixed positions (chunk c is rows
 * c·{@value #CHUNK} up to the next multiple), several chunks at once. The fixed positions matter:
 * MiniLM's int8 model moves a vector slightly with the texts batched beside it, and fixed chunks
 * make every row the same however many rows are embedded or threads used. The cache may hold only
 * a prefix of train (always a whole number of chunks): a small request embeds only what it needs,
 * and a larger one later appends the missing chunks.
 */
final class TextVectorCache {

    /** Texts per {@code embedAll} call. */
    static final int CHUNK = 256;
    static final int FORMAT = 1;
    static final String MANIFEST = "manifest.properties";
    static final String TRAIN = "train.fvecs";
    static final String QUERIES = "queries.fvecs";
    private static final int PROGRESS_EVERY = 10_000;

    /** Embedded queries and the first requested train rows. */
    record Vectors(float[][] train, float[][] queries) {}

    /** What produced a cache's vectors; all but {@code embedded} and {@code dim} must match to reuse them. */
    record Manifest(int format, String embedder, int chunk, String corpusSha256, int queries, int trainTotal,
                    int embedded, int dim) {

        boolean sameSource(Manifest other) {
            return format == other.format && embedder.equals(other.embedder) && chunk == other.chunk
                    && corpusSha256.equals(other.corpusSha256) && queries == other.queries
                    && trainTotal == other.trainTotal;
        }

        String encode() {
            return String.format(Locale.ROOT, """
                    # vectors of a text dataset; see engram-bench TextVectorCache
                    format=%d
                    embedder=%s
                    chunk=%d
                    corpus.sha256=%s
                    queries=%d
                    train.total=%d
                    train.embedded=%d
                    dimension=%d
                    """, format, embedder, chunk, corpusSha256, queries, trainTotal, embedded, dim);
        }

        /** The manifest in {@code dir}, or null when there is none or it does not parse. */
        static Manifest read(Path dir) throws IOException {
            Path file = dir.resolve(MANIFEST);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
                return new Manifest(Integer.parseInt(p.getProperty("format")), p.getProperty("embedder"),
                        Integer.parseInt(p.getProperty("chunk")), p.getProperty("corpus.sha256"),
                        Integer.parseInt(p.getProperty("queries")), Integer.parseInt(p.getProperty("train.total")),
                        Integer.parseInt(p.getProperty("train.embedded")), Integer.parseInt(p.getProperty("dimension")));
            } catch (RuntimeException e) { // a missing key or a bad number: rebuild rather than trust it
                return null;
            }
        }
    }

    private TextVectorCache() {}

    /**
     * The queries and the first {@code trainCount} train vectors of {@code split}, from {@code dir}
     * when it holds them for the same texts and embedder, otherwise embedded with the embedder that
     * {@code open} returns (opened only then, closed after) on {@code threads} threads and cached.
     *
     * @param embedderId names the embedder and any setting that changes its vectors
     * @param log receives cache decisions and embedding progress
     */
    static Vectors load(Path dir, TextSplit split, int trainCount, String embedderId,
                        Supplier<? extends Embedder> open, int threads, PrintStream log) throws IOException {
        int total = split.train().size();
        int queryCount = split.queries().size();
        InvalidArgumentException.check(trainCount > 0 && trainCount <= total,
                "train count must be in 1..%d, got %d", total, trainCount);
        InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
        Manifest wanted = new Manifest(FORMAT, embedderId, CHUNK, sha256(split), queryCount, total, 0, 0);
        Manifest found = Manifest.read(dir);
        float[][] queries = null;
        float[][] cachedTrain = new float[0][];
        if (found != null && found.sameSource(wanted)) {
            try {
                queries = FvecsFile.read(dir.resolve(QUERIES), queryCount, queryCount, found.dim());
                // All cached rows when growing (the new file repeats them), else just those asked for.
                int reuse = Math.min(trainCount, found.embedded());
                cachedTrain = FvecsFile.read(dir.resolve(TRAIN), reuse, found.embedded(), found.dim());
                if (found.embedded() >= trainCount) {
                    return new Vectors(cachedTrain, queries);
                }
                log.printf(Locale.ROOT, "engram: %s holds %,d of the %,d train vectors asked for; embedding the rest%n",
                        dir, found.embedded(), trainCount);
            } catch (CorruptFileException | java.nio.file.NoSuchFileException e) {
                log.println("engram: re-embedding, cached vectors rejected: " + e.getMessage());
                queries = null;
                cachedTrain = new float[0][];
            }
        } else {
            log.println("engram: " + (found == null ? "no embedded vectors in " + dir
                    : "cached vectors in " + dir + " are for other texts or another embedder") + "; embedding");
        }
        int target = Math.min(total, roundUpToChunk(trainCount));
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(MANIFEST));
        int dim;
        try (Embedder embedder = open.get()) {
            dim = embedder.dimension();
            if (cachedTrain.length > 0 && cachedTrain[0].length != dim) {
                throw new CorruptFileException("cached vectors have dimension " + cachedTrain[0].length
                        + " but " + embedderId + " gives " + dim);
            }
            int toEmbed = (queries == null ? queryCount : 0) + target - cachedTrain.length;
            Progress progress = new Progress(toEmbed, log);
            log.printf(Locale.ROOT, "engram: embedding %,d texts with %s on %d threads...%n", toEmbed, embedderId, threads);
            if (queries == null) {
                queries = embed(embedder, split.queries(), 0, queryCount, threads, progress);
                FvecsFile.write(dir.resolve(QUERIES), queries);
            }
            float[][] added = embed(embedder, split.train(), cachedTrain.length, target, threads, progress);
            float[][] train = new float[target][];
            System.arraycopy(cachedTrain, 0, train, 0, cachedTrain.length);
            System.arraycopy(added, 0, train, cachedTrain.length, added.length);
            FvecsFile.write(dir.resolve(TRAIN), train);
            progress.done();
            Manifest written = new Manifest(FORMAT, embedderId, CHUNK, wanted.corpusSha256(), queryCount, total,
                    target, dim);
            AtomicFiles.write(dir.resolve(MANIFEST), written.encode().getBytes(StandardCharsets.UTF_8));
            return new Vectors(java.util.Arrays.copyOf(train, trainCount), queries);
        }
    }

    static int roundUpToChunk(int n) {
        return (int) Math.min(Integer.MAX_VALUE, ((long) n + CHUNK - 1) / CHUNK * CHUNK);
    }

    /** Rows {@code from..to} of {@code texts} ({@code from} a chunk boundary), chunk by chunk on a pool. */
    static float[][] embed(Embedder embedder, List<String> texts, int from, int to, int threads, Progress progress)
            throws IOException {
        float[][] out = new float[to - from][];
        if (to <= from) {
            return out;
        }
        AtomicInteger nextChunk = new AtomicInteger(from / CHUNK);
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("engram-embed-", 0).factory());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int c; (c = nextChunk.getAndIncrement()) * (long) CHUNK < to; ) {
                        int start = c * CHUNK;
                        int end = Math.min(to, start + CHUNK);
                        float[][] vectors = embedder.embedAll(texts.subList(start, end));
                        System.arraycopy(vectors, 0, out, start - from, vectors.length);
                        progress.add(vectors.length);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("embedding failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while embedding", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** SHA-256 of the query and train texts, each length-prefixed so that no two lists collide. */
    static String sha256(TextSplit split) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (List<String> texts : List.of(split.queries(), split.train())) {
            digest.update(intBytes(texts.size()));
            for (String text : texts) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                digest.update(intBytes(bytes.length));
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Counts embedded texts and reports every {@value #PROGRESS_EVERY} with the rate so far. */
    static final class Progress {
        private final int total;
        private final PrintStream log;
        private final long startNanos = System.nanoTime();
        private int done; // guarded by this

        Progress(int total, PrintStream log) {
            this.total = total;
            this.log = log;
        }

        synchronized void add(int n) {
            int before = done;
            done += n;
            if (done / PROGRESS_EVERY > before / PROGRESS_EVERY) {
                report();
            }
        }

        synchronized void done() {
            report();
        }

        private void report() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            log.printf(Locale.ROOT, "engram: embedded %,d / %,d texts in %.1f s (%.0f texts/s)%n", done, total,
                    seconds, done / Math.max(seconds, 1e-9));
        }
    }
}
