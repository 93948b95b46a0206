package io.engram.index.rabitq;

import io.engram.core.kernel.Kernels;

/**
 * The reference's 1-bit code layout: bit i of a D-bit code is the sign of rotated coordinate i
 * ({@code r[i] >= 0}, so −0.0 gives 1), packed most-significant-bit first into u64 words (bit i in
 * word i/64 at position 63 − i%64). Padding bits of the last word are 0, and every agreement count
 * masks them, since XNOR of two zero paddings would otherwise count as agreement.
 */
public final class SignCodes {
    private SignCodes() {}

    public static int wordsFor(int dim) {
        return (dim + 63) >>> 6;
    }

    /** The mask keeping the top {@code dim − 64·(words − 1)} bits of the last word (all ones when D % 64 = 0). */
    public static long lastWordMask(int dim) {
        int rem = dim & 63;
        return rem == 0 ? -1L : -1L << (64 - rem);
    }

    /** Packs the signs of {@code rotated[0..dim)} into {@code out[offset..offset + wordsFor(dim))}. */
    public static void packSigns(float[] rotated, int dim, long[] out, int offset) {
        int words = wordsFor(dim);
        for (int w = 0; w < words; w++) {
            long word = 0;
            int base = w << 6;
            int end = Math.min(64, dim - base);
            for (int b = 0; b < end; b++) {
                if (rotated[base + b] >= 0.0f) {
                    word |= 1L << (63 - b);
                }
            }
            out[offset + w] = word;
        }
    }

    /** Bit {@code i} of the code at {@code offset}. */
    public static boolean bit(long[] codes, int offset, int i) {
        return (codes[offset + (i >>> 6)] << (i & 63)) < 0;
    }

    /**
     * Agreement count: popcount of NOT(a XOR b) over {@code words} words, the last word ANDed with
     * {@code lastMask} (core's kernel takes any mask, so the MSB-first one works as is).
     */
    public static int agreement(long[] a, int aOffset, long[] b, int bOffset, int words, long lastMask) {
        return Kernels.bits().xnorPopCount(a, aOffset, b, bOffset, words, lastMask);
    }

    /**
     * √(Σ x²) with a sequential f32 sum, as the reference computes norms: core's scalar dot is that
     * sum (the Vector API kernel would reorder it).
     */
    public static float norm(float[] v, int dim) {
        return (float) Math.sqrt(Kernels.scalarFloats().dot(v, 0, v, 0, dim));
    }

    /** Exact L2² with a sequential f32 sum (core's scalar kernel); {@code b} is read from {@code bOffset}. */
    public static float l2Squared(float[] a, float[] b, int bOffset, int dim) {
        return Kernels.scalarFloats().squareDistance(a, 0, b, bOffset, dim);
    }

    /**
     * The symmetric estimator's table: {@code lut[b] = cos(π·(1 − b/D))}, every step in f32 as the
     * reference does.
     */
    public static float[] cosineTable(int dim) {
        float[] lut = new float[dim + 1];
        float d = dim;
        for (int b = 0; b <= dim; b++) {
            float x = (float) Math.PI * (1.0f - b / d);
            lut[b] = cosf(x);
        }
        return lut;
    }

    /** f32 cosine; the reference calls the platform's {@code cosf}. */
    static float cosf(float x) {
        return (float) Math.cos(x);
    }
}
