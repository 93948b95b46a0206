package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import io.engram.index.SearchResult;
import io.engram.index.rabitq.RabitqPlusIndex;
import io.engram.index.rabitq.RotationKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * {@link RabitqPlusIndex}: 1-bit RaBitQ codes scanned in full, the best k·rerank estimates reranked
 * exactly against the stored originals. The sweep knob is the rerank factor.
 *
 * <p><b>Build.</b> {@link RabitqPlusIndex#build} (parallel encode, bit-identical to serial adds) over
 * the train rows, id = row number, seed 42, {@link RotationKind#HAAR_DENSE} unless told otherwise.
 * The encode runs on its own {@link ForkJoinPool} of {@code threads} workers, so the run's thread
 * count is honoured.
 *
 * <p><b>Metrics.</b> RaBitQ scores squared L2 only. Cosine is run on unit-length train rows and
 * queries (L2 order on unit vectors is cosine order); inner product is rejected.
 */
public final class RabitqEngine implements AnnEngine {

    public static final String NAME = "engram-rabitq";
    public static final long SEED = 42;
    static final int[] DEFAULT_SWEEP = {1, 2, 5, 10, 20, 50};

    private final RotationKind rotation;

    public RabitqEngine() {
        this(RotationKind.HAAR_DENSE);
    }

    public RabitqEngine(RotationKind rotation) {
        this.rotation = rotation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rotation", rotation.name());
        p.put("seed", SEED);
        p.put("bits", 1);
        p.put("search", "full scan of 1-bit codes, exact L2² rerank of the best k·rerank");
        return p;
    }

    @Override
    public String sweepName() {
        return "rerank";
    }

    @Override
    public int[] defaultSweep() {
        return DEFAULT_SWEEP.clone();
    }

    @Override
    public Index build(Dataset data, int threads) {
        float[][] train = l2Rows(NAME, data);
        long[] ids = LongStream.range(0, train.length).toArray();
        RabitqPlusIndex index = onThreads(threads,
                () -> RabitqPlusIndex.build(data.dimension(), SEED, 1, rotation, ids, train));
        return new L2Index(data.metric(), data.dimension()) {
            @Override
            SearchResult searchL2(float[] query, int k, int rerank) {
                return index.search(query, k, rerank);
            }

            @Override
            public long indexBytes() {
                return index.memoryBytes();
            }

            @Override
            public Map<String, Object> info() {
                return Map.of("size", index.size(), "rotation", index.rotationKind().name());
            }
        };
    }

    /**
     * The train rows an L2-only engine indexes: the rows themselves for L2, unit-length copies for
     * cosine; inner product is rejected.
     */
    static float[][] l2Rows(String engine, Dataset data) {
        Metric metric = data.metric();
        if (metric != Metric.L2 && metric != Metric.COSINE) {
            throw new InvalidArgumentException(engine + " does not support metric " + metric
                    + ": RaBitQ estimates squared L2 distance, so only L2 and COSINE (on unit-length vectors) are supported");
        }
        return GroundTruth.prepare(metric, data.train());
    }

    /** Runs {@code build} on a pool of {@code threads} workers, so that its parallel streams use that many. */
    static <T> T onThreads(int threads, Supplier<T> build) {
        InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(build::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("build failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** An L2 index searched with (for cosine) unit-length queries; results copied out in order. */
    abstract static class L2Index implements Index {
        private final boolean normalise;
        private final float[] unit;
        private final FloatKernels kernels = Kernels.floats();

        L2Index(Metric metric, int dimension) {
            this.normalise = metric == Metric.COSINE;
            this.unit = new float[dimension];
        }

        abstract SearchResult searchL2(float[] query, int k, int searchParam);

        @Override
        public final int search(float[] query, int k, int searchParam, long[] ids) {
            float[] q = query;
            if (normalise) {
                float norm = kernels.norm(query);
                for (int i = 0; i < unit.length; i++) {
                    unit[i] = norm > 0 ? query[i] / norm : query[i];
                }
                q = unit;
            }
            SearchResult result = searchL2(q, k, searchParam);
            long[] found = result.ids();
            int n = Math.min(k, found.length);
            System.arraycopy(found, 0, ids, 0, n);
            return n;
        }

        @Override
        public void close() {}
    }
}
