package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;

/**
 * Integer column sums that end in a sign threshold: the one way every bundle-shaped result
 * (bundle, role–filler maps, sequences, stripes) is built. Adding a bound pair or a permuted
 * vector folds straight into the sums, so an encoder allocates no intermediate vectors.
 *
 * <p>Not thread-safe; reusable after {@link #clear()}.
 */
public final class BundleBuilder {
    private static final TernaryKernels KERNELS = TernaryKernels.active();

    private final int[] sums;
    private int count;

    public BundleBuilder(int dimensions) {
        HyperVector.checkDimensions(dimensions);
        this.sums = new int[dimensions];
    }

    public int dimensions() {
        return sums.length;
    }

    /** Vectors added since creation or the last {@link #clear()}. */
    public int count() {
        return count;
    }

    /** sums += v. */
    public BundleBuilder add(HyperVector v) {
        KERNELS.add(sums, check(v));
        count++;
        return this;
    }

    /** sums += weight·v. */
    public BundleBuilder add(HyperVector v, int weight) {
        byte[] d = check(v);
        int[] s = sums;
        for (int i = 0; i < s.length; i++) {
            s[i] += weight * d[i];
        }
        count++;
        return this;
    }

    /** sums += a ⊙ b (a bound role–filler pair). */
    public BundleBuilder addBound(HyperVector a, HyperVector b) {
        KERNELS.addProduct(sums, check(a), check(b));
        count++;
        return this;
    }

    /** sums += permute(v, k), with {@link Algebra#permute}'s direction: element i takes v[(i+k) mod d]. */
    public BundleBuilder addPermuted(HyperVector v, int k) {
        byte[] d = check(v);
        int n = d.length;
        int shift = Math.floorMod(k, n);
        int[] s = sums;
        int head = n - shift;
        for (int i = 0; i < head; i++) {
            s[i] += d[i + shift];
        }
        for (int i = head; i < n; i++) {
            s[i] += d[i - head];
        }
        count++;
        return this;
    }

    /** sgn of the sums; 0 where they cancel (no random tie-break). */
    public HyperVector build() {
        byte[] out = new byte[sums.length];
        KERNELS.sign(sums, out);
        return HyperVector.wrap(out);
    }

    /** The current sum of column {@code i}. */
    public int sum(int i) {
        return sums[i];
    }

    public void clear() {
        java.util.Arrays.fill(sums, 0);
        count = 0;
    }

    private byte[] check(HyperVector v) {
        DimensionMismatchException.check(sums.length, v.dimensions());
        return v.data();
    }
}
