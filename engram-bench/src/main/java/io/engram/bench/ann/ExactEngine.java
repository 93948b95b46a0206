package io.engram.bench.ann;

import io.engram.core.Metric;
import io.engram.core.TopK;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import java.util.Map;

/** Brute force with the core kernels: the exact reference, one point, no search knob. */
public final class ExactEngine implements AnnEngine {

    public static final String NAME = "exact";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        return Map.of("kernels", Kernels.floats().name());
    }

    @Override
    public String sweepName() {
        return "";
    }

    @Override
    public int[] defaultSweep() {
        return new int[] {0};
    }

    @Override
    public Index build(Dataset data, int threads) {
        Metric metric = data.metric();
        float[][] train = GroundTruth.prepare(metric, data.train());
        long bytes = (long) train.length * data.dimension() * Float.BYTES;
        return new Index() {
            private final FloatKernels kernels = Kernels.floats();
            private final float[] query = new float[data.dimension()];
            private TopK top;
            private float[] values = new float[0];

            @Override
            public int search(float[] q, int k, int searchParam, long[] ids) {
                if (top == null || top.k() != k) {
                    top = metric.newTopK(k);
                    values = new float[k];
                }
                System.arraycopy(q, 0, query, 0, query.length);
                float[] prepared = metric == Metric.COSINE ? GroundTruth.prepare(metric, new float[][] {query})[0] : query;
                GroundTruth.nearest(kernels, metric, train, prepared, top);
                return top.drainSorted(ids, values);
            }

            @Override
            public long indexBytes() {
                return bytes;
            }

            @Override
            public void close() {}
        };
    }
}
