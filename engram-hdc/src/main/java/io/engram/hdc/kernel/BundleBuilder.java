package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;

/**
 * Column sums that end in a sign threshold: the one way every bundle-shaped result (bundle,
 * role–filler maps, sequences, stripes) is built. Adding a bound pair or a permuted vector folds
 * straight into the sums, so an encoder allocates no intermediate vectors.
 *
 * <p>Unit additions start on the bit-planes ({@link BitSlicedCounts}): binding and counting 64
 * columns per word operation, with a result that is born as planes, so an encoder never touches
 * the int8 form of its atoms. A weighted or permuted addition or the 128th addition moves the
 * counts into byte sums once: after k unit additions every sum lies in
 * [−k, k], so up to {@value #BYTE_LIMIT} additions fit a byte, four times narrower than an int;
 * past that (or for any weighted addition) the sums widen to ints. Results are identical in every
 * form.
 *
 * <p>Not thread-safe; reusable after {@link #clear()}.
 */
public final class BundleBuilder {
    /** Unit additions that byte sums can hold without overflow. */
    static final int BYTE_LIMIT = 127;

    private static final TernaryKernels KERNELS = TernaryKernels.active();

    private final int dimensions;
    private final BitSlicedCounts counts;
    /** Whether the sums are still the bit-sliced counts (else {@link #small} or {@link #sums}). */
    private boolean onPlanes = true;
    /** Byte sums, created when the counts leave the planes. */
    private byte[] small;
    /** Null while the byte sums suffice. */
    private int[] sums;
    private int count;

    public BundleBuilder(int dimensions) {
        HyperVector.checkDimensions(dimensions);
        this.dimensions = dimensions;
        this.counts = new BitSlicedCounts(dimensions);
    }

    public int dimensions() {
        return dimensions;
    }

    /** Vectors added since creation or the last {@link #clear()}. */
    public int count() {
        return count;
    }

    /** sums += v. */
    public BundleBuilder add(HyperVector v) {
        DimensionMismatchException.check(dimensions, v.dimensions());
        if (planesHaveRoom()) {
            counts.add(v.planes());
            count++;
            return this;
        }
        byte[] d = v.data();
        if (roomForUnit()) {
            KERNELS.add(small, d);
        } else {
            KERNELS.add(sums, d);
        }
        count++;
        return this;
    }

    /** sums += weight·v. */
    public BundleBuilder add(HyperVector v, int weight) {
        byte[] d = check(v);
        leavePlanes();
        int[] s = widened();
        for (int i = 0; i < s.length; i++) {
            s[i] += weight * d[i];
        }
        count++;
        return this;
    }

    /** sums += a ⊙ b (a bound role–filler pair). */
    public BundleBuilder addBound(HyperVector a, HyperVector b) {
        DimensionMismatchException.check(dimensions, a.dimensions());
        DimensionMismatchException.check(dimensions, b.dimensions());
        if (planesHaveRoom()) {
            counts.addBound(a.planes(), b.planes());
            count++;
            return this;
        }
        byte[] x = a.data();
        byte[] y = b.data();
        if (roomForUnit()) {
            KERNELS.addProduct(small, x, y);
        } else {
            KERNELS.addProduct(sums, x, y);
        }
        count++;
        return this;
    }

    /** sums += permute(v, k), with {@link Algebra#permute}'s direction: element i takes v[(i+k) mod d]. */
    public BundleBuilder addPermuted(HyperVector v, int k) {
        byte[] d = check(v);
        leavePlanes();
        int n = d.length;
        int shift = Math.floorMod(k, n);
        int head = n - shift;
        if (roomForUnit()) {
            byte[] s = small;
            for (int i = 0; i < head; i++) {
                s[i] += d[i + shift];
            }
            for (int i = head; i < n; i++) {
                s[i] += d[i - head];
            }
        } else {
            int[] s = sums;
            for (int i = 0; i < head; i++) {
                s[i] += d[i + shift];
            }
            for (int i = head; i < n; i++) {
                s[i] += d[i - head];
            }
        }
        count++;
        return this;
    }

    /** sgn of the sums; 0 where they cancel (no random tie-break). */
    public HyperVector build() {
        if (onPlanes) {
            long[] planes = new long[2 * HyperVector.planeWords(dimensions)];
            counts.sign(planes);
            return HyperVector.wrapPlanes(planes, dimensions);
        }
        byte[] out = new byte[dimensions];
        if (sums == null) {
            KERNELS.sign(small, out);
        } else {
            KERNELS.sign(sums, out);
        }
        return HyperVector.wrap(out);
    }

    /** The current sum of column {@code i}. */
    public int sum(int i) {
        java.util.Objects.checkIndex(i, dimensions);
        if (onPlanes) {
            return counts.sum(i);
        }
        return sums == null ? small[i] : sums[i];
    }

    public void clear() {
        counts.clear();
        onPlanes = true;
        if (small != null) {
            java.util.Arrays.fill(small, (byte) 0);
        }
        sums = null;
        count = 0;
    }

    /** Whether the next unit addition goes to the bit-sliced counts; moves them to bytes when they are full. */
    private boolean planesHaveRoom() {
        if (!onPlanes) {
            return false;
        }
        if (counts.hasRoom()) {
            return true;
        }
        leavePlanes();
        return false;
    }

    /** Moves the bit-sliced counts into the byte sums (at most 127 additions, so bytes hold them). */
    private void leavePlanes() {
        if (onPlanes) {
            if (small == null) {
                small = new byte[dimensions];
            }
            counts.addTo(small);
            counts.clear();
            onPlanes = false;
        }
    }

    /** Whether one more unit addition still fits the byte sums (and they are still in use). */
    private boolean roomForUnit() {
        if (sums != null) {
            return false;
        }
        if (count < BYTE_LIMIT) {
            return true;
        }
        widened();
        return false;
    }

    /** The int sums, created from the byte sums on first need. */
    private int[] widened() {
        if (sums == null) {
            int[] s = new int[dimensions];
            for (int i = 0; i < dimensions; i++) {
                s[i] = small[i];
            }
            sums = s;
        }
        return sums;
    }

    private byte[] check(HyperVector v) {
        DimensionMismatchException.check(dimensions, v.dimensions());
        return v.data();
    }
}
