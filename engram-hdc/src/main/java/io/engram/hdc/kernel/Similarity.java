package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.kernel.Kernels;

/**
 * Similarity and distance between hypervectors with the Rust mappings of hdc-holon §7: euclidean
 * and manhattan similarities are 1/(1 + distance), a norm below {@value #DEGENERATE_EPSILON} gives
 * cosine 0, and mismatched dimensions throw.
 */
public final class Similarity {
    /** Norms (or norm products) below this count as zero. */
    public static final double DEGENERATE_EPSILON = 1e-10;

    /** The metrics {@link #of(Metric, HyperVector, HyperVector)} dispatches on. */
    public enum Metric { COSINE, DOT, EUCLIDEAN, MANHATTAN, HAMMING, OVERLAP, AGREEMENT, CHEBYSHEV }

    private Similarity() {}

    /** The similarity of {@code a} and {@code b} under {@code metric}. */
    public static double of(Metric metric, HyperVector a, HyperVector b) {
        return switch (metric) {
            case COSINE -> cosine(a, b);
            case DOT -> dot(a, b);
            case EUCLIDEAN -> euclidean(a, b);
            case MANHATTAN -> manhattan(a, b);
            case HAMMING -> hamming(a, b);
            case OVERLAP -> overlap(a, b);
            case AGREEMENT -> agreement(a, b);
            case CHEBYSHEV -> chebyshev(a, b);
        };
    }

    /** Σ a_i b_i, exact (a ternary kernel: products stay in byte lanes, Vector API when available). */
    public static int dot(HyperVector a, HyperVector b) {
        if ((a.hasPlanes() || !a.hasData()) && (b.hasPlanes() || !b.hasData())) {
            // Both already in planes (bound vectors, reused atoms): no packing, no unpacking.
            io.engram.core.DimensionMismatchException.check(a.dimensions(), b.dimensions());
            long[] x = a.planes();
            long[] y = b.planes();
            int w = HyperVector.planeWords(a.dimensions());
            int both = 0;
            int negative = 0;
            for (int i = 0; i < w; i++) {
                long nonZero = x[w + i] & y[w + i];
                both += Long.bitCount(nonZero);
                negative += Long.bitCount((x[i] ^ y[i]) & nonZero);
            }
            return both - 2 * negative;
        }
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        return TernaryKernels.active().dot(x, y);
    }

    /** dot/(‖a‖‖b‖); 0 when either vector is all zeros. ‖v‖² of a ternary vector is its nnz. */
    public static double cosine(HyperVector a, HyperVector b) {
        int d = dot(a, b);
        long nn = (long) a.nnz() * b.nnz();
        return nn == 0 ? 0.0 : d / Math.sqrt((double) nn);
    }

    /** Cosine of a ternary vector and a float vector (detector baselines); 0 when a norm is below epsilon. */
    public static double cosine(HyperVector a, double[] b) {
        return cosineOf(a, dotAndSquaredNorm(a, b));
    }

    /** The cosine from {@link #dotAndSquaredNorm}'s pair. */
    static double cosineOf(HyperVector a, double[] dotAndNorm) {
        double denominator = Math.sqrt(a.nnz() * dotAndNorm[1]);
        return denominator < DEGENERATE_EPSILON ? 0.0 : dotAndNorm[0] / denominator;
    }

    /** {a·b, ‖b‖²} in one pass over b. */
    static double[] dotAndSquaredNorm(HyperVector a, double[] b) {
        DimensionMismatchException.check(b.length, a.dimensions());
        double[] dotAndNorm = new double[2];
        if (a.hasData()) {
            TernaryKernels.active().dotWithNorm(a.data(), b, dotAndNorm);
        } else {
            // A bundle or bound vector born as planes: read them rather than unpack (same sums).
            TernaryKernels.active().dotWithNorm(a.planes(), b, dotAndNorm);
        }
        return dotAndNorm;
    }

    /** Cosine of two float vectors; 0 when the product of norms is below epsilon. */
    public static double cosine(double[] a, double[] b) {
        DimensionMismatchException.check(a.length, b.length);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        double denominator = Math.sqrt(na) * Math.sqrt(nb);
        return denominator < DEGENERATE_EPSILON ? 0.0 : dot / denominator;
    }

    /** ‖a − b‖. */
    public static double euclideanDistance(HyperVector a, HyperVector b) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        return Math.sqrt(Kernels.floats().squareDistanceInt8(x, 0, y, 0, x.length));
    }

    /** 1/(1 + ‖a − b‖). */
    public static double euclidean(HyperVector a, HyperVector b) {
        return 1.0 / (1.0 + euclideanDistance(a, b));
    }

    /** Σ|a_i − b_i|. */
    public static int manhattanDistance(HyperVector a, HyperVector b) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        int s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s;
    }

    /** 1/(1 + Σ|a − b|). */
    public static double manhattan(HyperVector a, HyperVector b) {
        return 1.0 / (1.0 + manhattanDistance(a, b));
    }

    /** Fraction of positions where a_i = b_i. */
    public static double hamming(HyperVector a, HyperVector b) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        int same = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) {
                same++;
            }
        }
        return (double) same / x.length;
    }

    /** Equal positions among those where a or b is non-zero, over that count; 0 when none is active. */
    public static double overlap(HyperVector a, HyperVector b) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        int active = 0;
        int same = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0 || y[i] != 0) {
                active++;
                if (x[i] == y[i]) {
                    same++;
                }
            }
        }
        return active == 0 ? 0.0 : (double) same / active;
    }

    /** (#same-sign non-zero − #opposite-sign)/d, in [−1, 1]. */
    public static double agreement(HyperVector a, HyperVector b) {
        // a_i·b_i is +1 exactly on same-sign non-zeros and −1 on opposite signs.
        return (double) dot(a, b) / a.dimensions();
    }

    /** max|a_i − b_i| (0, 1 or 2 on ternary vectors). */
    public static int chebyshevDistance(HyperVector a, HyperVector b) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    /** 1 − max|a − b|/2, 0 beyond a distance of 2. */
    public static double chebyshev(HyperVector a, HyperVector b) {
        int dist = chebyshevDistance(a, b);
        return dist > 2 ? 0.0 : 1.0 - dist / 2.0;
    }

    /** (Σ|a − b|^p)^(1/p), p ≥ 1. */
    public static double minkowskiDistance(HyperVector a, HyperVector b, double p) {
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new InvalidArgumentException("minkowski p must be finite and >= 1, got " + p);
        }
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        // |a − b| takes only the values 0, 1 and 2, so count them instead of calling pow per element.
        int ones = 0;
        int twos = 0;
        for (int i = 0; i < x.length; i++) {
            int diff = Math.abs(x[i] - y[i]);
            if (diff == 1) {
                ones++;
            } else if (diff == 2) {
                twos++;
            }
        }
        return Math.pow(ones + twos * Math.pow(2, p), 1.0 / p);
    }

    /** 1/(1 + minkowski distance). */
    public static double minkowski(HyperVector a, HyperVector b, double p) {
        return 1.0 / (1.0 + minkowskiDistance(a, b, p));
    }

    /** Cosine of (a ⊙ w, b ⊙ w). */
    public static double weightedCosine(HyperVector a, HyperVector b, double[] weights) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        DimensionMismatchException.check(x.length, weights.length);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < x.length; i++) {
            double w2 = weights[i] * weights[i];
            dot += x[i] * y[i] * w2;
            na += x[i] * x[i] * w2;
            nb += y[i] * y[i] * w2;
        }
        double denominator = Math.sqrt(na) * Math.sqrt(nb);
        return denominator < DEGENERATE_EPSILON ? 0.0 : dot / denominator;
    }

    /** √Σ w_i (a_i − b_i)². */
    public static double weightedEuclideanDistance(HyperVector a, HyperVector b, double[] weights) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        DimensionMismatchException.check(x.length, weights.length);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            int diff = x[i] - y[i];
            s += weights[i] * diff * diff;
        }
        return Math.sqrt(s);
    }

    /** 1/(1 + weighted euclidean distance). */
    public static double weightedEuclidean(HyperVector a, HyperVector b, double[] weights) {
        return 1.0 / (1.0 + weightedEuclideanDistance(a, b, weights));
    }

    /** z = sim·√d: how many standard deviations a similarity lies above chance (0 when d = 0). */
    public static double significance(double similarity, int dimensions) {
        if (dimensions < 0) {
            throw new InvalidArgumentException("dimensions must be >= 0, got " + dimensions);
        }
        return dimensions == 0 ? 0.0 : similarity * Math.sqrt(dimensions);
    }
}
