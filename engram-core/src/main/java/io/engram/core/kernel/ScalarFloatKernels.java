package io.engram.core.kernel;

import java.util.Objects;

/**
 * Plain loops that add strictly left to right without FMA. This is the reference order: results
 * equal a naive Rust or C loop over f32 bit for bit, which the reference-parity code paths (RaBitQ
 * goldens) rely on, and it is the fallback when the Vector API is absent. It is deliberately not
 * unrolled into several accumulators: that would change the rounding and buy little next to SIMD.
 */
public final class ScalarFloatKernels implements FloatKernels {

    public static final ScalarFloatKernels INSTANCE = new ScalarFloatKernels();

    private ScalarFloatKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        float dot = 0f;
        float normA = 0f;
        float normB = 0f;
        for (int i = 0; i < length; i++) {
            float x = a[aOffset + i];
            float y = b[bOffset + i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return Kernels.cosineFromSums(dot, normA, normB);
    }

    @Override
    public int dotInt8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public int squareDistanceInt8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int sum = 0;
        for (int i = 0; i < length; i++) {
            int d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public int dotInt4Packed(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int sum = 0;
        for (int i = 0; i < length; i++) {
            int x = a[aOffset + i];
            int y = b[bOffset + i];
            sum += (x & 0x0F) * (y & 0x0F) + ((x >>> 4) & 0x0F) * ((y >>> 4) & 0x0F);
        }
        return sum;
    }

    static void checkRanges(int aLength, int aOffset, int bLength, int bOffset, int length) {
        Objects.checkFromIndexSize(aOffset, length, aLength);
        Objects.checkFromIndexSize(bOffset, length, bLength);
    }
}
