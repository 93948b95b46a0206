package io.engram.bench.ann;

import io.engram.core.Metric;
import io.engram.index.HnswIndex;
import io.engram.index.SearchParams;
import io.engram.index.VectorIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Any {@link VectorIndex} of engram-index, made by a factory. The sweep value goes to
 * {@link SearchParams#ef(int)}, or to {@link SearchParams#withProbes(int)} when the sweep is named
 * {@code "probes"} (LSH); indexes without a knob get a one-value sweep.
 * Indexes that build in parallel ({@link HnswIndex#addAll(long[], float[][], int)}) get the
 * thread count.
 */
public final class EngramIndexEngine implements AnnEngine {

    /** Creates an empty index for a dimension and metric. */
    @FunctionalInterface
    public interface Factory {
        VectorIndex create(int dimension, Metric metric);
    }

    private final String name;
    private final Map<String, Object> params;
    private final String sweepName;
    private final int[] sweep;
    private final Factory factory;

    /**
     * @param name registry name
     * @param params construction parameters for the report
     * @param sweepName name of the search knob ("" when the index has none)
     * @param sweep default sweep values (a single 0 when there is no knob)
     * @param factory makes the empty index
     */
    public EngramIndexEngine(String name, Map<String, Object> params, String sweepName, int[] sweep, Factory factory) {
        this.name = name;
        this.params = new LinkedHashMap<>(params);
        this.sweepName = sweepName;
        this.sweep = sweep.clone();
        this.factory = factory;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public String sweepName() {
        return sweepName;
    }

    @Override
    public int[] defaultSweep() {
        return sweep.clone();
    }

    @Override
    public Index build(Dataset data, int threads) {
        VectorIndex index = factory.create(data.dimension(), data.metric());
        long[] ids = LongStream.range(0, data.size()).toArray();
        if (index instanceof HnswIndex hnsw) {
            hnsw.addAll(ids, data.train(), threads);
        } else {
            index.addAll(ids, data.train());
        }
        if (!index.supportsIncrementalUpdates()) {
            index.rebuild(); // the KD-tree: adds wait in its pending buffer until a rebuild (timed as build)
        }
        boolean probes = sweepName.equals("probes");
        return new Index() {
            private float[] distances = new float[0];
            private SearchParams searchParams = SearchParams.DEFAULTS;

            @Override
            public int search(float[] query, int k, int searchParam, long[] out) {
                if (distances.length < k) {
                    distances = new float[k];
                }
                if (probes ? searchParams.probes() != searchParam : searchParams.ef() != searchParam) {
                    searchParams = probes ? SearchParams.DEFAULTS.withProbes(searchParam) : SearchParams.ef(searchParam);
                }
                return index.search(query, k, searchParams, out, distances);
            }

            @Override
            public long indexBytes() {
                return index.memoryBytes();
            }

            @Override
            public Map<String, Object> info() {
                return Map.of("type", index.type());
            }

            @Override
            public void close() {
                index.clear();
            }
        };
    }
}
