package io.engram.index.rabitq;

import io.engram.core.InvalidArgumentException;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import io.engram.core.random.RustStdRng;
import java.util.stream.IntStream;

/**
 * Lloyd's k-means for IVF partitions: seeded from {@link RustStdRng} (a shuffled sample's first k
 * rows as initial centres), trained on at most {@code maxSample} rows, empty clusters re-seeded by
 * splitting the largest. Assignment runs on all cores; the update sums each cluster in row order in
 * double, so the result depends only on the data and the seed.
 */
final class KMeans {
    private KMeans() {}

    /**
     * Trains {@code k} centres over rows of {@code data} ({@code n} rows of {@code dim}, row-major) and
     * returns them row-major.
     */
    static float[] train(float[][] data, int dim, int k, int iterations, int maxSample, long seed) {
        int n = data.length;
        InvalidArgumentException.check(k >= 1 && k <= n, "list count must be in 1..%d (the row count), got %d", n, k);
        RustStdRng rng = new RustStdRng(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int sampleSize = Math.max(k, Math.min(n, maxSample));
        for (int i = 0; i < sampleSize; i++) { // partial Fisher–Yates: order[0..sampleSize) is a uniform sample
            int j = i + rng.genIndex(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] centres = new float[k * dim];
        for (int c = 0; c < k; c++) {
            System.arraycopy(data[order[c]], 0, centres, c * dim, dim);
        }
        int[] assignment = new int[sampleSize];
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int iter = 0; iter < iterations; iter++) {
            float[] current = centres;
            IntStream.range(0, sampleSize).parallel()
                    .forEach(i -> assignment[i] = nearest(data[order[i]], current, k, dim));
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < sampleSize; i++) {
                int c = assignment[i];
                float[] v = data[order[i]];
                counts[c]++;
                int base = c * dim;
                for (int j = 0; j < dim; j++) {
                    sums[base + j] += v[j];
                }
            }
            float[] next = new float[k * dim];
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                for (int j = 0; j < dim; j++) {
                    next[c * dim + j] = (float) (sums[c * dim + j] / counts[c]);
                }
            }
            splitIntoEmpty(next, counts, k, dim);
            centres = next;
        }
        return centres;
    }

    /** Gives each empty cluster half of the largest one: its centre nudged apart in opposite directions. */
    private static void splitIntoEmpty(float[] centres, int[] counts, int k, int dim) {
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                continue;
            }
            int largest = 0;
            for (int o = 1; o < k; o++) {
                if (counts[o] > counts[largest]) {
                    largest = o;
                }
            }
            for (int j = 0; j < dim; j++) {
                float v = centres[largest * dim + j];
                float nudge = (j % 2 == 0 ? 1 : -1) * (Math.abs(v) * 1e-3f + 1e-6f);
                centres[c * dim + j] = v + nudge;
                centres[largest * dim + j] = v - nudge;
            }
            counts[c] = counts[largest] / 2;
            counts[largest] -= counts[c];
        }
    }

    /** Index of the centre nearest {@code v} by L2² (first on ties). */
    static int nearest(float[] v, float[] centres, int k, int dim) {
        FloatKernels f = Kernels.floats();
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float d = f.squareDistance(v, 0, centres, c * dim, dim);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }
}
