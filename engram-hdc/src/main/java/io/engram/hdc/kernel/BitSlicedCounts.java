package io.engram.hdc.kernel;

import java.util.Arrays;

/**
 * Column sums of unit ternary additions kept as bit-sliced binary counters over the bit-planes:
 * per column, the number of +1s and the number of −1s added so far, bit k of every column's count
 * in one plane of words. Adding a vector (or a bound pair) ripples a carry through the levels with
 * a few word operations per level, 64 columns at a time, instead of one byte operation per column;
 * the sign of the sum is a word-wise comparison of the two counts, written straight into planes.
 *
 * <p>Levels grow with the number of additions (⌈log2(n+1)⌉), so a bundle of a handful of role–filler
 * pairs touches three levels; the array grows with them, so a small bundle stays small.
 *
 * <p>Counts are exact: {@link #sum} and {@link #addTo} give the same integers as adding the
 * elements one by one. Not thread-safe; reusable after {@link #clear()}.
 */
final class BitSlicedCounts {
    /** Levels available: counts up to 2^7 − 1 = 127 additions. */
    static final int MAX_LEVELS = 7;
    static final int MAX_COUNT = (1 << MAX_LEVELS) - 1;
    /** Levels allocated up front: enough for 7 additions. */
    private static final int INITIAL_LEVELS = 3;

    private static final TernaryKernels KERNELS = TernaryKernels.active();

    private final int dimensions;
    private final int words;
    /** Level k: +1 counts at [2k·words, (2k+1)·words), −1 counts next; unused levels are zero. */
    private long[] counts;
    private int levels;
    private int count;

    BitSlicedCounts(int dimensions) {
        this.dimensions = dimensions;
        this.words = HyperVector.planeWords(dimensions);
        this.counts = new long[2 * INITIAL_LEVELS * words];
    }

    int count() {
        return count;
    }

    /** Whether one more addition fits the counters. */
    boolean hasRoom() {
        return count < MAX_COUNT;
    }

    /** counts += v, for planes {@code v} (sign plane then non-zero plane). */
    void add(long[] v) {
        grow();
        KERNELS.count(v, null, counts, levels);
    }

    /** counts += a ⊙ b: non-zero where both are, negative where exactly one is. */
    void addBound(long[] a, long[] b) {
        grow();
        KERNELS.count(a, b, counts, levels);
    }

    /** Counts one more addition and makes room for its carry; new levels are zero. */
    private void grow() {
        count++;
        int needed = 32 - Integer.numberOfLeadingZeros(count);
        if (needed > levels) {
            levels = needed;
            if (2 * levels * words > counts.length) {
                counts = Arrays.copyOf(counts, 2 * levels * words);
            }
        }
    }

    /** sgn(plus − minus) into planes {@code out}: from the top level down, the first level where the counts differ decides. */
    void sign(long[] out) {
        KERNELS.countSign(counts, levels, out);
    }

    /** The sum of column {@code i}: +1 count minus −1 count. */
    int sum(int i) {
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
        for (int i = 0; i < dimensions; i++) {
            sums[i] += (byte) sum(i);
        }
    }

    void clear() {
        Arrays.fill(counts, 0, 2 * levels * words, 0L);
        levels = 0;
        count = 0;
    }
}
