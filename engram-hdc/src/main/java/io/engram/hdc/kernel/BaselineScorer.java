package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;

/**
 * Cosines of many ternary vectors against one fixed vector, such as a detector's frozen baseline.
 *
 * <p>A baseline learnt by adding ternary vectors ({@link Accumulator} sums without decay) holds
 * small integers s. Then the dot is counted exactly on bit-planes: with u = s + m ≥ 0 (m = max |s|)
 * stored as one plane per bit, a·s = Σ_k 2^k·(|P ∧ u_k| − |N ∧ u_k|) − m·(|P| − |N|), where P and N
 * mark a's +1 and −1 elements — a few vector popcounts per 64 elements instead of a double
 * multiply-add per element. Σ s² is exact too, so the cosine is rounded only in its last few
 * steps (the conversions, the square root and the division). Since a cosine does not change with the scale of either vector, scoring the sums equals
 * scoring their normalization (the detectors' baselines), and it agrees with
 * {@link Similarity#cosine(HyperVector, double[])} to that method's rounding.
 *
 * <p>Any other baseline (fractions, decayed sums, magnitudes of 2^{@value #MAX_LEVELS}/2 or more,
 * or so many large values that Σ s² might pass 2^62) is scored by
 * {@link Similarity#cosine(HyperVector, double[])}. The baseline is copied; immutable and
 * thread-safe.
 */
public final class BaselineScorer {
    /** Widest integer range counted exactly: u = s + m must fit in this many bits. */
    static final int MAX_LEVELS = 24;

    private final int dimensions;
    /** The copied baseline, kept only when it is not counted exactly. */
    private final double[] baseline;
    /** Bit-planes of u, {@code levels} of w words; null when the baseline is not small integers. */
    private final long[] bits;
    private final int levels;
    private final long offset;
    private final double squaredNorm;

    /** A scorer of {@code baseline}, whose values must all be finite. */
    public BaselineScorer(double[] baseline) {
        long max = 0;
        boolean integral = true;
        for (int i = 0; i < baseline.length; i++) {
            double v = baseline[i];
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException(String.format(java.util.Locale.ROOT,
                        "expected finite baseline values, got %s at index %d", v, i));
            }
            if (integral && (v != Math.rint(v) || Math.abs(v) >= 1 << (MAX_LEVELS - 1))) {
                integral = false;
            }
            max = integral ? Math.max(max, (long) Math.abs(v)) : max;
        }
        // Σ s² ≤ d·max² must fit a long (and stay exact).
        integral &= (double) max * max * baseline.length < 0x1p62;
        this.dimensions = baseline.length;
        if (!integral) {
            this.baseline = baseline.clone();
            this.bits = null;
            this.levels = 0;
            this.offset = 0;
            this.squaredNorm = Double.NaN;
            return;
        }
        this.baseline = null;
        int w = HyperVector.planeWords(baseline.length);
        this.offset = max;
        this.levels = 64 - Long.numberOfLeadingZeros(2 * max);
        this.bits = new long[Math.max(1, levels) * w];
        long squares = 0;
        for (int i = 0; i < baseline.length; i++) {
            long s = (long) baseline[i];
            squares += s * s;
            long u = s + max;
            for (int k = 0; k < levels; k++) {
                bits[k * w + (i >>> 6)] |= ((u >>> k) & 1L) << i;
            }
        }
        this.squaredNorm = squares;
    }

    public int dimensions() {
        return dimensions;
    }

    /** Whether dots are counted exactly on bit-planes (the baseline is small integers). */
    public boolean exact() {
        return bits != null;
    }

    /**
     * {@link #cosine(HyperVector)} of the bound pair a ⊙ b (a role and its filler), counted from
     * both vectors' planes without making the pair; the same value as scoring the bound vector.
     */
    public double cosine(HyperVector a, HyperVector b) {
        DimensionMismatchException.check(dimensions, a.dimensions());
        DimensionMismatchException.check(dimensions, b.dimensions());
        if (bits == null) {
            return Similarity.cosine(Algebra.bind(a, b), baseline);
        }
        long[] x = a.planes();
        long[] y = b.planes();
        long dot = TernaryKernels.active().dotBitSlicedBound(x, y, bits, levels, offset);
        int w = x.length >>> 1;
        long nnz = 0;
        for (int i = 0; i < w; i++) {
            nnz += Long.bitCount(x[w + i] & y[w + i]);
        }
        double denominator = Math.sqrt(nnz * squaredNorm);
        return denominator < Similarity.DEGENERATE_EPSILON ? 0.0 : dot / denominator;
    }

    /** cos(a, baseline); 0 when either norm is zero (below {@value Similarity#DEGENERATE_EPSILON}). */
    public double cosine(HyperVector a) {
        DimensionMismatchException.check(dimensions, a.dimensions());
        if (bits == null) {
            return Similarity.cosine(a, baseline);
        }
        long dot = TernaryKernels.active().dotBitSliced(a.planes(), bits, levels, offset);
        double denominator = Math.sqrt(a.nnz() * squaredNorm);
        return denominator < Similarity.DEGENERATE_EPSILON ? 0.0 : dot / denominator;
    }
}
