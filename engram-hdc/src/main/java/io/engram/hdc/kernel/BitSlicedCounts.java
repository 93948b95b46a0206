package io.engram.hdc.kernel;

import java.util.Arrays;

/**
 * Column sums of unit ternary additions kept as bit-sliced binary counters over the bit-planes:
 * per column, the number of +1s and the number of −1s added so far, bit k of every column's count
 * in one plane of words. Adding a vector (or a bound pair) ripples a carry through the levels with
 * a few word operations per level, 64 columns at a time, instead of one byte operation per column;
 * the sign of the sum is a word-wise comparison of the two counts, written straight into planes.
 *
 * <p>Levels grow with the number of additions (⌈log2(n+1)⌉); the array grows with them. The first
 * {@value TernaryKernels#FEW} additions are only remembered: a bundle that ends there (a record of a
 * few fields) is counted in one pass with its counters in registers ({@link TernaryKernels#signOfFew});
 * one more addition, or a question about the sums, counts them into the stored counters first.
 *
 * <p>Counts are exact: {@link #sum} and {@link #addTo} give the same integers as adding the
 * elements one by one. Not thread-safe; reusable after {@link #clear()}.
 */
final class BitSlicedCounts {
    /** Levels available: counts up to 2^7 − 1 = 127 additions. */
    static final int MAX_LEVELS = 7;
    static final int MAX_COUNT = (1 << MAX_LEVELS) - 1;
    /** Levels allocated when counters are first stored (past {@value TernaryKernels#FEW} additions): enough for 31. */
    private static final int INITIAL_LEVELS = 5;

    private static final TernaryKernels KERNELS = TernaryKernels.active();

    private final int dimensions;
    private final int words;
    /** Level k: +1 counts at [2k·words, (2k+1)·words), −1 counts next; unused levels are zero. Null until needed. */
    private long[] counts;
    private int levels;
    private int count;
    /** Additions not yet counted: a[k] ⊙ b[k] (a[k] the all-+1 planes for a plain addition). */
    private final long[][] pendingA = new long[TernaryKernels.FEW][];
    private final long[][] pendingB = new long[TernaryKernels.FEW][];
    private int pending;
    /** Planes of the all-+1 vector, made on the first plain addition. */
    private long[] ones;

    BitSlicedCounts(int dimensions) {
        this.dimensions = dimensions;
        this.words = HyperVector.planeWords(dimensions);
    }

    int count() {
        return count + pending;
    }

    /** Whether one more addition fits the counters. */
    boolean hasRoom() {
        return count() < MAX_COUNT;
    }

    /** counts += v, for planes {@code v} (sign plane then non-zero plane). */
    void add(long[] v) {
        if (ones == null) {
            ones = new long[2 * words];
            Arrays.fill(ones, words, 2 * words, -1L); // non-zero everywhere, sign plane clear
            if ((dimensions & 63) != 0) {
                ones[2 * words - 1] = (1L << dimensions) - 1; // padding bits stay 0
            }
        }
        addBound(ones, v);
    }

    /**
     * counts += a ⊙ b: non-zero where both are, negative where exactly one is. {@code b}'s cache
     * lines are {@linkplain CacheLines#touch touched}: pass the filler there, and the role, which
     * every record shares and which stays cached, as {@code a}.
     */
    void addBound(long[] a, long[] b) {
        if (pending == TernaryKernels.FEW) {
            flush();
        }
        if (levels == 0) {
            CacheLines.touch(b);
            pendingA[pending] = a;
            pendingB[pending] = b;
            pending++;
            return;
        }
        grow();
        KERNELS.count(a, b, counts, levels);
    }

    /** Counts the remembered additions into the stored counters. */
    private void flush() {
        int n = pending;
        pending = 0;
        for (int k = 0; k < n; k++) {
            grow();
            KERNELS.count(pendingA[k], pendingB[k], counts, levels);
            pendingA[k] = null;
            pendingB[k] = null;
        }
    }

    /** Counts one more addition and makes room for its carry; new levels are zero. */
    private void grow() {
        count++;
        int needed = 32 - Integer.numberOfLeadingZeros(count);
        if (needed > levels) {
            levels = needed;
            if (counts == null) {
                counts = new long[2 * Math.max(levels, INITIAL_LEVELS) * words];
            } else if (2 * levels * words > counts.length) {
                counts = Arrays.copyOf(counts, 2 * levels * words);
            }
        }
    }

    /** sgn(plus − minus) into planes {@code out}: from the top level down, the first level where the counts differ decides. */
    void sign(long[] out) {
        if (levels == 0) {
            KERNELS.signOfFew(pendingA, pendingB, pending, out);
        } else {
            flush();
            KERNELS.countSign(counts, levels, out);
        }
    }

    /** The sum of column {@code i}: +1 count minus −1 count. */
    int sum(int i) {
        flush();
        int word = i >>> 6;
        int sum = 0;
        for (int k = 0; k < levels; k++) {
            sum += (int) ((counts[2 * k * words + word] >>> i) & 1L) << k;
            sum -= (int) ((counts[(2 * k + 1) * words + word] >>> i) & 1L) << k;
        }
        return sum;
    }

    /** sums[i] += sum(i) for every column (the caller guarantees byte sums cannot overflow). */
    void addTo(byte[] sums) {
        flush();
        for (int i = 0; i < dimensions; i++) {
            sums[i] += (byte) sum(i);
        }
    }

    void clear() {
        Arrays.fill(pendingA, 0, pending, null);
        Arrays.fill(pendingB, 0, pending, null);
        pending = 0;
        if (counts != null) {
            Arrays.fill(counts, 0, 2 * levels * words, 0L);
        }
        levels = 0;
        count = 0;
    }
}
