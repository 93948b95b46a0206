package io.engram.core.kernel;

/**
 * Word-at-a-time bit kernels. {@link Long#bitCount} is a HotSpot intrinsic (POPCNT), so these are
 * already close to memory speed; the batch form gains by reusing each query word for four
 * candidates per pass.
 */
public final class ScalarBitKernels implements BitKernels {

    public static final ScalarBitKernels INSTANCE = new ScalarBitKernels();

    private ScalarBitKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int popCount(long[] a, int offset, int words) {
        java.util.Objects.checkFromIndexSize(offset, words, a.length);
        int count = 0;
        for (int i = 0; i < words; i++) {
            count += Long.bitCount(a[offset + i]);
        }
        return count;
    }

    @Override
    public int xorPopCount(long[] a, int aOffset, long[] b, int bOffset, int words, long lastWordMask) {
        checkWords(a.length, aOffset, b.length, bOffset, words);
        int last = words - 1;
        int count = 0;
        for (int i = 0; i < last; i++) {
            count += Long.bitCount(a[aOffset + i] ^ b[bOffset + i]);
        }
        return count + Long.bitCount((a[aOffset + last] ^ b[bOffset + last]) & lastWordMask);
    }

    @Override
    public int xnorPopCount(long[] a, int aOffset, long[] b, int bOffset, int words, long lastWordMask) {
        checkWords(a.length, aOffset, b.length, bOffset, words);
        int last = words - 1;
        int count = 0;
        for (int i = 0; i < last; i++) {
            count += Long.bitCount(~(a[aOffset + i] ^ b[bOffset + i]));
        }
        return count + Long.bitCount(~(a[aOffset + last] ^ b[bOffset + last]) & lastWordMask);
    }

    @Override
    public void xorPopCountBatch(long[] query, long[] codes, int first, int count, int words, long lastWordMask,
            int[] out) {
        checkBatch(query, codes, first, count, words, out);
        int last = words - 1;
        int c = 0;
        for (; c + 4 <= count; c += 4) {
            int base0 = (first + c) * words;
            int base1 = base0 + words;
            int base2 = base1 + words;
            int base3 = base2 + words;
            int d0 = 0;
            int d1 = 0;
            int d2 = 0;
            int d3 = 0;
            for (int i = 0; i < last; i++) {
                long q = query[i];
                d0 += Long.bitCount(q ^ codes[base0 + i]);
                d1 += Long.bitCount(q ^ codes[base1 + i]);
                d2 += Long.bitCount(q ^ codes[base2 + i]);
                d3 += Long.bitCount(q ^ codes[base3 + i]);
            }
            long q = query[last];
            out[c] = d0 + Long.bitCount((q ^ codes[base0 + last]) & lastWordMask);
            out[c + 1] = d1 + Long.bitCount((q ^ codes[base1 + last]) & lastWordMask);
            out[c + 2] = d2 + Long.bitCount((q ^ codes[base2 + last]) & lastWordMask);
            out[c + 3] = d3 + Long.bitCount((q ^ codes[base3 + last]) & lastWordMask);
        }
        for (; c < count; c++) {
            out[c] = xorPopCount(query, 0, codes, (first + c) * words, words, lastWordMask);
        }
    }

    static void checkWords(int aLength, int aOffset, int bLength, int bOffset, int words) {
        if (words <= 0) {
            throw new io.engram.core.InvalidArgumentException("word count must be positive, got " + words);
        }
        ScalarFloatKernels.checkRanges(aLength, aOffset, bLength, bOffset, words);
    }

    static void checkBatch(long[] query, long[] codes, int first, int count, int words, int[] out) {
        if (words <= 0 || query.length < words) {
            throw new io.engram.core.InvalidArgumentException(
                    "query must hold at least " + words + " words (positive), holds " + query.length);
        }
        if (first < 0 || count < 0 || ((long) first + count) * words > codes.length) {
            throw new IndexOutOfBoundsException("candidates [" + first + ", " + ((long) first + count) + ") of "
                    + words + " words exceed " + codes.length + " words");
        }
        if (out.length < count) {
            throw new IndexOutOfBoundsException("out holds " + out.length + " values, " + count + " needed");
        }
    }
}
