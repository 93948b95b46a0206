package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;

/**
 * Frequency-preserving streaming sums (hdc-holon §9). A bundle is idempotent — a hundred copies of
 * a vector bundle to that vector — so it forgets how often something was seen; float sums keep
 * it, and a baseline built from them weights frequent patterns above rare ones.
 *
 * <p>{@link #normalize()} is the float unit vector (the Python behaviour the detectors rely on);
 * {@link #threshold()} is sgn(sums) (what the Rust reference calls {@code normalize}). Not
 * thread-safe.
 */
public final class Accumulator {
    private final double[] sums;
    private long count;

    public Accumulator(int dimensions) {
        HyperVector.checkDimensions(dimensions);
        this.sums = new double[dimensions];
    }

    public int dimensions() {
        return sums.length;
    }

    /** Vectors added (a weighted add counts once, whatever its weight). */
    public long count() {
        return count;
    }

    /** sums += v. */
    public void add(HyperVector v) {
        TernaryKernels.active().add(sums, Algebra.data(v, sums.length));
        count++;
    }

    /** sums += weight·v; count += 1. */
    public void addWeighted(HyperVector v, double weight) {
        Algebra.requireFinite(weight, "weight");
        byte[] x = Algebra.data(v, sums.length);
        double[] s = sums;
        for (int i = 0; i < s.length; i++) {
            s[i] += weight * x[i];
        }
        count++;
    }

    /** sums += other.sums; counts add. */
    public void merge(Accumulator other) {
        DimensionMismatchException.check(sums.length, other.sums.length);
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        count += other.count;
    }

    /** sums *= factor (count unchanged): older additions fade. */
    public void decay(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new InvalidArgumentException("decay factor must be finite and >= 0, got " + factor);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] *= factor;
        }
    }

    public void clear() {
        java.util.Arrays.fill(sums, 0);
        count = 0;
    }

    /** A copy of the raw sums. */
    public double[] sums() {
        return sums.clone();
    }

    /** sums/‖sums‖, zeros when the norm is below {@value Similarity#DEGENERATE_EPSILON}. */
    public double[] normalize() {
        double norm = Math.sqrt(squaredNorm());
        if (norm == Double.POSITIVE_INFINITY) {
            // Sums past ~1e154 (huge weights): Σs² overflows though the norm itself is finite.
            double m = maxAbs();
            norm = m * Math.sqrt(scaledSquares(m));
        }
        double[] out = new double[sums.length];
        if (norm < Similarity.DEGENERATE_EPSILON) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = sums[i] / norm;
        }
        return out;
    }

    /**
     * cos(v, {@link #normalize()}) without making the unit vector: a cosine does not see scale, so
     * it is cos(v, sums), which differs only in rounding; 0 when v is zero or the sums' norm is
     * below {@value Similarity#DEGENERATE_EPSILON} (where {@code normalize()} gives zeros).
     */
    public double cosine(HyperVector v) {
        double[] dotAndNorm = Similarity.dotAndSquaredNorm(v, sums); // the dot and the norm in one pass
        if (dotAndNorm[1] == Double.POSITIVE_INFINITY) {
            return Similarity.cosine(v, normalize()); // sums past ~1e154: their squares overflow
        }
        return Math.sqrt(dotAndNorm[1]) < Similarity.DEGENERATE_EPSILON ? 0.0 : Similarity.cosineOf(v, dotAndNorm);
    }

    /** sgn(sums). */
    public HyperVector threshold() {
        return HyperVector.signOf(sums);
    }

    /**
     * Remaining room for {@code k} distinguishable items: clamp(1 − (‖S‖²/d)/(d/(2 ln k)), 0, 1);
     * 1 when k < 2.
     */
    public double capacity(int k) {
        if (k < 2) {
            return 1.0;
        }
        int d = sums.length;
        double used = (squaredNorm() / d) / (d / (2 * Math.log(k)));
        return Math.max(0.0, Math.min(1.0, 1.0 - used));
    }

    /** min(d/‖S‖², 1): ≈ 1 for one ternary vector, ≈ 1/N for N unrelated ones; 0 when empty. */
    public double purity() {
        double sq = squaredNorm();
        return sq < Similarity.DEGENERATE_EPSILON ? 0.0 : Math.min(sums.length / sq, 1.0);
    }

    /** (Σs²)²/Σs⁴: how many dimensions carry the mass; 0 when empty. */
    public double participationRatio() {
        double m = maxAbs();
        if (m == 0 || Double.isNaN(m)) {
            return m == 0 ? 0.0 : Double.NaN;
        }
        // Scaled by the largest |sum|: the ratio does not change, and s⁴ neither overflows for huge
        // weighted sums nor underflows to 0 for tiny decayed ones.
        double s2 = 0;
        double s4 = 0;
        for (double s : sums) {
            double x = s / m;
            double q = x * x;
            s2 += q;
            s4 += q * q;
        }
        return s2 * s2 / s4;
    }

    private double maxAbs() {
        double m = 0;
        for (double s : sums) {
            m = Math.max(m, Math.abs(s));
        }
        return m;
    }

    /** Σ (s/m)². */
    private double scaledSquares(double m) {
        double sq = 0;
        for (double s : sums) {
            double x = s / m;
            sq += x * x;
        }
        return sq;
    }

    private double squaredNorm() {
        double sq = 0;
        for (double s : sums) {
            sq += s * s;
        }
        return sq;
    }
}
