package io.engram.bench.ann;

import io.engram.index.SearchResult;
import io.engram.index.rabitq.IvfParams;
import io.engram.index.rabitq.RabitqIvfIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * {@link RabitqIvfIndex}: k-means lists of residual RaBitQ codes with the paper's estimator, exact
 * rerank decided by the error bound. The sweep knob is the number of lists probed.
 *
 * <p><b>Build.</b> {@link RabitqIvfIndex#build} over the train rows (id = row number) with
 * {@link IvfParams#DEFAULTS} (lists = ⌈√n⌉, seed 42, ε₀ = 1.9), on a pool of {@code threads}
 * workers. Build time includes k-means.
 *
 * <p><b>Metrics.</b> As {@link RabitqEngine}: L2, and cosine on unit-length vectors; inner product
 * is rejected.
 */
public final class RabitqIvfEngine implements AnnEngine {

    public static final String NAME = "engram-ivf-rabitq";
    /** The same index with 4-bit extended codes refining candidates before the exact rerank. */
    public static final String NAME_4_BIT = "engram-ivf-rabitq-b4";
    static final int[] DEFAULT_SWEEP = {1, 2, 3, 4, 6, 8, 12, 16, 32, 64};

    private final String name;
    private final IvfParams params;

    public RabitqIvfEngine() {
        this(NAME, IvfParams.DEFAULTS);
    }

    public RabitqIvfEngine(String name, IvfParams params) {
        this.name = name;
        this.params = params;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lists", params.lists() == 0 ? "ceil(sqrt(n))" : params.lists());
        p.put("epsilon0", params.epsilon0());
        p.put("bits", params.bits());
        p.put("seed", params.seed());
        p.put("trainIterations", params.trainIterations());
        p.put("trainSample", params.trainSample());
        p.put("search", "probe nearest lists, 4-bit query planes, exact L2² rerank where the bound admits");
        return p;
    }

    @Override
    public String sweepName() {
        return "probes";
    }

    @Override
    public int[] defaultSweep() {
        return DEFAULT_SWEEP.clone();
    }

    @Override
    public Index build(Dataset data, int threads) {
        float[][] train = RabitqEngine.l2Rows(name, data);
        long[] ids = LongStream.range(0, train.length).toArray();
        RabitqIvfIndex index = RabitqEngine.onThreads(threads,
                () -> RabitqIvfIndex.build(data.dimension(), ids, train, params));
        return new RabitqEngine.L2Index(data.metric(), data.dimension()) {
            @Override
            SearchResult searchL2(float[] query, int k, int probes) {
                return index.search(query, k, probes);
            }

            @Override
            public long indexBytes() {
                return index.memoryBytes();
            }

            @Override
            public Map<String, Object> info() {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("lists", index.lists());
                int[] sizes = index.listSizes();
                int max = 0;
                for (int s : sizes) {
                    max = Math.max(max, s);
                }
                info.put("largestList", max);
                return info;
            }
        };
    }
}
