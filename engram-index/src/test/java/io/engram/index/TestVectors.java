package io.engram.index;

import io.engram.core.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded data for index tests, and exact ground truth by brute force. */
final class TestVectors {

    private TestVectors() {}

    /** {@code n} points around {@code clusters} Gaussian centres (spread 1) with noise σ. */
    static float[][] clustered(long seed, int n, int dim, int clusters, double sigma) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) gaussian(r);
            }
        }
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(clusters)];
            for (int j = 0; j < dim; j++) {
                out[i][j] = c[j] + (float) (sigma * gaussian(r));
            }
        }
        return out;
    }

    static float[][] gaussian(long seed, int n, int dim) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] out = new float[n][dim];
        for (float[] v : out) {
            for (int j = 0; j < dim; j++) {
                v[j] = (float) gaussian(r);
            }
        }
        return out;
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static long[] ids(int n) {
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> i);
        return ids;
    }

    /** Exact top-k ids by a naive scan with the index's metric semantics (ids = positions). */
    static long[] exactTopK(float[][] data, boolean[] excluded, float[] query, int k, Metric metric) {
        IndexDistance d = IndexDistance.of(metric);
        float[] q = d.prepare(query, query.length);
        int n = data.length;
        Integer[] order = new Integer[n];
        float[] dist = new float[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            dist[i] = excluded != null && excluded[i] ? Float.POSITIVE_INFINITY : d.distance(q, d.prepare(data[i], q.length), 0);
        }
        Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Float.compare(dist[a], dist[b]) : Integer.compare(a, b));
        int m = 0;
        long[] out = new long[k];
        for (int i = 0; i < n && m < k; i++) {
            if (dist[order[i]] != Float.POSITIVE_INFINITY) {
                out[m++] = order[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** |found ∩ truth| / |truth|. */
    static double recall(long[] found, long[] truth) {
        int hits = 0;
        for (long t : truth) {
            for (long f : found) {
                if (f == t) {
                    hits++;
                    break;
                }
            }
        }
        return truth.length == 0 ? 1.0 : (double) hits / truth.length;
    }
}
