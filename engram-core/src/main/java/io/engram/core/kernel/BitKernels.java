package io.engram.core.kernel;

/**
 * Kernels over bit vectors stored as {@code long[]} words (bit i of a vector lives in word i/64,
 * bit i%64). When the bit count is not a multiple of 64, the last word carries padding; every
 * distance takes a {@code lastWordMask} (see {@link #lastWordMask(int)}) so that padding never
 * counts, which matters for XNOR where zero padding would otherwise count as agreement.
 *
 * <p>Binary-code indexes store candidates contiguously, {@code words} longs each; the batch form
 * scores several candidates per pass over the query's words.
 */
public interface BitKernels {

    String name();

    /** Popcount of {@code words} words of {@code a} starting at {@code offset}. */
    int popCount(long[] a, int offset, int words);

    /** Hamming distance: popcount of (a XOR b) over {@code words} words, last word masked. */
    int xorPopCount(long[] a, int aOffset, long[] b, int bOffset, int words, long lastWordMask);

    /** Agreement count: popcount of NOT(a XOR b) over {@code words} words, last word masked. */
    int xnorPopCount(long[] a, int aOffset, long[] b, int bOffset, int words, long lastWordMask);

    /**
     * Hamming distances of one query against {@code count} consecutive candidates of
     * {@code codes}, each {@code words} long, starting at candidate {@code first}:
     * {@code out[i] = xorPopCount(query, codes[first + i])}.
     */
    void xorPopCountBatch(long[] query, long[] codes, int first, int count, int words, long lastWordMask, int[] out);

    /** The mask of valid bits in the last word of a {@code bits}-bit vector (all ones when full). */
    static long lastWordMask(int bits) {
        if (bits <= 0) {
            throw new io.engram.core.InvalidArgumentException("bit count must be positive, got " + bits);
        }
        int rem = bits & 63;
        return rem == 0 ? -1L : (1L << rem) - 1;
    }

    /** Number of 64-bit words needed to hold {@code bits} bits. */
    static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }
}
