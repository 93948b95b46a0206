package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;

/**
 * The float pipeline of hdc-holon §5.3 (Rust 04-04): unthresholded products, projections and sums
 * for callers that keep magnitudes until a final {@link HyperVector#signOf(double[])}.
 */
public final class FloatOps {
    private FloatOps() {}

    /** Element-wise product. */
    public static double[] bind(double[] a, double[] b) {
        DimensionMismatchException.check(a.length, b.length);
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** a − (a·b / b·b)·b; a unchanged when b·b ≤ 1e−10. */
    public static double[] negate(double[] a, double[] b) {
        double bb = ExtendedAlgebra.dot(b, b);
        double scale = bb <= Similarity.DEGENERATE_EPSILON ? 0.0 : ExtendedAlgebra.dot(a, b) / bb;
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - scale * b[i];
        }
        return out;
    }

    /** Cosine; 0 when the norm product is below 1e−10. */
    public static double cosine(double[] a, double[] b) {
        return Similarity.cosine(a, b);
    }

    /** Plain element-wise sum, no threshold. */
    public static double[] bundle(java.util.List<double[]> vectors) {
        if (vectors.isEmpty()) {
            throw new io.engram.core.InvalidArgumentException("bundle needs at least one vector, got none");
        }
        int d = vectors.getFirst().length;
        double[] out = new double[d];
        for (double[] v : vectors) {
            DimensionMismatchException.check(d, v.length);
            for (int i = 0; i < d; i++) {
                out[i] += v[i];
            }
        }
        return out;
    }
}
