package io.engram.index;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;

/**
 * The one place that turns a {@link Metric} into an index distance where smaller is better.
 *
 * <p>Internally indexes rank by a cheap <em>internal</em> distance: squared L2 for {@link Metric#L2}
 * (no square root per candidate), {@code 1 − dot} for {@link Metric#COSINE} over unit vectors, and
 * {@code −dot} for {@link Metric#INNER_PRODUCT}. {@link #toReported} converts to the distance users
 * see (Euclidean distance for L2; the others are reported as is). Both are monotone, so ranking by
 * either gives the same order.
 */
public final class IndexDistance {

    private static final FloatKernels KERNELS = Kernels.floats();

    private final Metric metric;

    private IndexDistance(Metric metric) {
        this.metric = metric;
    }

    public static IndexDistance of(Metric metric) {
        InvalidArgumentException.check(metric != Metric.HAMMING,
                "metric %s is not supported by float vector indexes; use l2, cosine or ip", metric);
        return new IndexDistance(metric);
    }

    public Metric metric() {
        return metric;
    }

    /** Internal distance between {@code query} and row {@code offset} of {@code slab}. */
    public float distance(float[] query, float[] slab, int offset) {
        int dim = query.length;
        return switch (metric) {
            case L2 -> KERNELS.squareDistance(query, 0, slab, offset, dim);
            case COSINE -> 1f - KERNELS.dot(query, 0, slab, offset, dim);
            case INNER_PRODUCT -> -KERNELS.dot(query, 0, slab, offset, dim);
            case HAMMING -> throw new AssertionError("rejected in of()");
        };
    }

    /** Internal distance between two rows of one slab (graph construction). */
    public float distance(float[] slab, int offsetA, int offsetB, int dim) {
        return distance(slab, offsetA, slab, offsetB, dim);
    }

    /** Internal distance between {@code dim} floats of {@code a} and of {@code b} at the offsets. */
    public float distance(float[] a, int offsetA, float[] b, int offsetB, int dim) {
        return switch (metric) {
            case L2 -> KERNELS.squareDistance(a, offsetA, b, offsetB, dim);
            case COSINE -> 1f - KERNELS.dot(a, offsetA, b, offsetB, dim);
            case INNER_PRODUCT -> -KERNELS.dot(a, offsetA, b, offsetB, dim);
            case HAMMING -> throw new AssertionError("rejected in of()");
        };
    }

    /**
     * Internal distances from {@code query} to four rows of {@code slab}, written to
     * {@code out[0..3]}, computed in one pass so that the loads of the four rows overlap. Each value
     * depends only on its row, but may differ from {@link #distance(float[], int, float[], int, int)}
     * in the last bits (see {@code FloatKernels.squareDistance4}).
     */
    public void distance4(float[] query, int queryOffset, float[] slab, int offset0, int offset1, int offset2,
            int offset3, int dim, float[] out) {
        switch (metric) {
            case L2 -> KERNELS.squareDistance4(query, queryOffset, slab, offset0, offset1, offset2, offset3, dim, out, 0);
            case COSINE, INNER_PRODUCT -> {
                KERNELS.dot4(query, queryOffset, slab, offset0, offset1, offset2, offset3, dim, out, 0);
                boolean cosine = metric == Metric.COSINE;
                for (int r = 0; r < 4; r++) {
                    out[r] = cosine ? 1f - out[r] : -out[r];
                }
            }
            case HAMMING -> throw new AssertionError("rejected in of()");
        }
    }

    /**
     * The internal distance from a dot product: {@code 1 − dot} (cosine over unit vectors),
     * {@code −dot} (inner product) or {@code |q|² − 2·dot + |x|²} (squared L2). Lets a search
     * score approximate (quantized) rows whose dot product and squared norm it knows.
     */
    public float fromDot(float dot, float querySquare, float rowSquare) {
        return switch (metric) {
            case COSINE -> 1f - dot;
            case INNER_PRODUCT -> -dot;
            case L2 -> querySquare - 2f * dot + rowSquare;
            case HAMMING -> throw new AssertionError("rejected in of()");
        };
    }

    /**
     * Turns the first {@code n} internal distances into reported ones in place and restores the
     * contract's tie order (ascending id within equal reported distances: sqrt can map two
     * internal distances to one reported value).
     */
    public void report(long[] ids, float[] distances, int n) {
        for (int i = 0; i < n; i++) {
            distances[i] = toReported(distances[i]);
        }
        orderTiesById(ids, distances, n);
    }

    /** Within runs of equal distance, ascending id (the contract's tie order). */
    static void orderTiesById(long[] ids, float[] distances, int n) {
        for (int i = 1; i < n; i++) {
            long id = ids[i];
            int j = i - 1;
            while (j >= 0 && distances[j] == distances[i] && ids[j] > id) {
                ids[j + 1] = ids[j];
                j--;
            }
            ids[j + 1] = id;
        }
    }

    /**
     * The argument checks every {@code search} makes before any empty-index shortcut (spec order:
     * k, then the dimension, then the output arrays).
     */
    static void checkSearch(int k, int dimension, float[] query, long[] ids, float[] distances) {
        InvalidArgumentException.check(k > 0, "k must be positive, got %d", k);
        DimensionMismatchException.check(dimension, query.length);
        InvalidArgumentException.check(ids.length >= k && distances.length >= k,
                "result arrays must hold k = %d entries, hold %d and %d", k, ids.length, distances.length);
    }

    /** The distance reported to users for an internal distance. */
    public float toReported(float internal) {
        return metric == Metric.L2 ? (float) Math.sqrt(Math.max(internal, 0f)) : internal;
    }

    /**
     * The largest internal distance whose reported distance is ≤ {@code reported}, so that
     * {@code internal ≤ internalThreshold(t)} holds exactly when {@code toReported(internal) ≤ t}.
     * Squaring in float alone would lose to rounding; this does not: a
     * candidate whose Euclidean distance rounds to exactly t is kept, one just above is not.
     */
    public float internalThreshold(float reported) {
        if (metric != Metric.L2 || reported == Float.POSITIVE_INFINITY) {
            return reported;
        }
        if (reported < 0) {
            return -1f; // no squared distance reports below zero
        }
        float limit = (float) ((double) reported * reported);
        // toReported is monotone; walk the few ulps that float rounding of sqrt and square leaves.
        while (limit > 0 && toReported(limit) > reported) {
            limit = Math.nextDown(limit);
        }
        while (limit < Float.MAX_VALUE && toReported(Math.nextUp(limit)) <= reported) {
            limit = Math.nextUp(limit);
        }
        return limit;
    }

    /**
     * Validates a vector and returns what the index stores or queries with: a copy, normalised to
     * unit length for cosine.
     *
     * @throws io.engram.core.DimensionMismatchException on a wrong length
     * @throws InvalidArgumentException on NaN or infinite components, or a zero vector under cosine
     */
    public float[] prepare(float[] vector, int dimension) {
        float[] copy = new float[dimension];
        prepareInto(vector, dimension, copy, 0);
        return copy;
    }

    /**
     * {@link #prepare} for a batch, after checking that ids and vectors pair up; a bad vector fails
     * the whole batch before the index changes.
     */
    float[][] prepareAll(long[] ids, float[][] vectors, int dimension) {
        InvalidArgumentException.check(ids.length == vectors.length,
                "ids and vectors differ in length: %d ids, %d vectors", ids.length, vectors.length);
        float[][] prepared = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            prepared[i] = prepare(vectors[i], dimension);
        }
        return prepared;
    }

    /**
     * As {@link #prepare} but writes into {@code out} at {@code offset} (no allocation: the search
     * path prepares queries into per-thread scratch).
     */
    public void prepareInto(float[] vector, int dimension, float[] out, int offset) {
        DimensionMismatchException.check(dimension, vector.length);
        for (int i = 0; i < vector.length; i++) {
            float x = vector[i];
            if (!Float.isFinite(x)) {
                throw new InvalidArgumentException("vector component " + i + " is " + x + "; components must be finite");
            }
        }
        System.arraycopy(vector, 0, out, offset, dimension);
        if (metric == Metric.COSINE) {
            float norm = (float) Math.sqrt(KERNELS.dot(out, offset, out, offset, dimension));
            InvalidArgumentException.check(norm > 0f, "cannot normalise a zero vector for cosine");
            float inverse = 1f / norm;
            for (int i = 0; i < dimension; i++) {
                out[offset + i] *= inverse;
            }
        }
    }
}
