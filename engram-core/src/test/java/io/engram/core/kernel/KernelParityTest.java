package io.engram.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.engram.core.DimensionMismatchException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against the scalar ones: integer and bit kernels bit-identical, float
 * kernels within {@link Kernels#FLOAT_RELATIVE_TOLERANCE}. The scalar kernels in turn are checked
 * against double-precision sums.
 */
class KernelParityTest {

    static final int[] LENGTHS = {1, 7, 15, 16, 17, 63, 64, 65, 127, 384, 784, 1536};
    static final long SEED = 0x5EED_2026L;
    static final int TRIALS = 20;

    static FloatKernels scalar;
    static FloatKernels panama;
    static BitKernels scalarBits;
    static BitKernels panamaBits;

    @BeforeAll
    static void kernels() {
        assumeTrue(Kernels.vectorApiAvailable(), "Vector API unavailable in this JVM: nothing to compare");
        scalar = Kernels.scalarFloats();
        panama = Kernels.panamaFloats();
        scalarBits = Kernels.scalarBits();
        panamaBits = Kernels.panamaBits();
    }

    static int[] lengths() {
        return LENGTHS;
    }

    /** Each length draws from its own seed, named in every assertion message so a failure can be replayed. */
    static SplittableRandom random(int length) {
        return new SplittableRandom(seedFor(length));
    }

    static long seedFor(int length) {
        return SEED ^ (length * 0x9E3779B97F4A7C15L);
    }

    static float[] floats(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1) * (r.nextInt(4) == 0 ? 100f : 1f);
        }
        return v;
    }

    static byte[] bytes(SplittableRandom r, int n) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) r.nextInt(256);
        }
        return v;
    }

    static long[] longs(SplittableRandom r, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextLong();
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void floatKernelsAgreeWithinTolerance(int n) {
        SplittableRandom r = random(n);
        for (int t = 0; t < TRIALS; t++) {
            float[] a = floats(r, n);
            float[] b = floats(r, n);
            double absDot = 0;
            double exactDot = 0;
            double exactL2 = 0;
            for (int i = 0; i < n; i++) {
                absDot += Math.abs((double) a[i] * b[i]);
                exactDot += (double) a[i] * b[i];
                double d = (double) a[i] - b[i];
                exactL2 += d * d;
            }
            double dotTolerance = Kernels.FLOAT_RELATIVE_TOLERANCE * absDot;
            double l2Tolerance = Kernels.FLOAT_RELATIVE_TOLERANCE * exactL2;
            assertThat((double) scalar.dot(a, b)).as("scalar dot vs exact, n=%d seed=%d", n, seedFor(n)).isCloseTo(exactDot, within(dotTolerance));
            assertThat((double) panama.dot(a, b)).as("panama dot vs scalar, n=%d seed=%d", n, seedFor(n))
                    .isCloseTo(scalar.dot(a, b), within(dotTolerance));
            assertThat((double) scalar.squareDistance(a, b)).as("scalar L2 vs exact, n=%d seed=%d", n, seedFor(n)).isCloseTo(exactL2, within(l2Tolerance));
            assertThat((double) panama.squareDistance(a, b)).as("panama L2 vs scalar, n=%d seed=%d", n, seedFor(n))
                    .isCloseTo(scalar.squareDistance(a, b), within(l2Tolerance));
            assertThat(panama.cosine(a, b)).as("cosine, n=%d seed=%d", n, seedFor(n))
                    .isCloseTo(scalar.cosine(a, b), org.assertj.core.data.Offset.offset((float) Kernels.FLOAT_RELATIVE_TOLERANCE));
            assertThat((double) panama.norm(a)).isCloseTo(scalar.norm(a), within(Kernels.FLOAT_RELATIVE_TOLERANCE * scalar.norm(a)));
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void integerKernelsAreBitIdentical(int n) {
        SplittableRandom r = random(n);
        for (int t = 0; t < TRIALS; t++) {
            byte[] a = bytes(r, n);
            byte[] b = bytes(r, n);
            int exactDot = 0;
            int exactL2 = 0;
            int exactInt4 = 0;
            for (int i = 0; i < n; i++) {
                exactDot += a[i] * b[i];
                exactL2 += (a[i] - b[i]) * (a[i] - b[i]);
                exactInt4 += (a[i] & 15) * (b[i] & 15) + ((a[i] & 0xFF) >> 4) * ((b[i] & 0xFF) >> 4);
            }
            assertThat(scalar.dotInt8(a, b)).isEqualTo(exactDot);
            assertThat(panama.dotInt8(a, b)).as("int8 dot, n=%d seed=%d", n, seedFor(n)).isEqualTo(exactDot);
            assertThat(scalar.squareDistanceInt8(a, b)).isEqualTo(exactL2);
            assertThat(panama.squareDistanceInt8(a, b)).as("int8 L2, n=%d seed=%d", n, seedFor(n)).isEqualTo(exactL2);
            assertThat(scalar.dotInt4Packed(a, b)).isEqualTo(exactInt4);
            assertThat(panama.dotInt4Packed(a, b)).as("int4 dot, n=%d seed=%d", n, seedFor(n)).isEqualTo(exactInt4);
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void integerKernelsAtTheExtremes(int n) {
        byte[] min = new byte[n];
        byte[] max = new byte[n];
        java.util.Arrays.fill(min, Byte.MIN_VALUE);
        java.util.Arrays.fill(max, Byte.MAX_VALUE);
        assertThat(panama.dotInt8(min, min)).isEqualTo(n * 128 * 128).isEqualTo(scalar.dotInt8(min, min));
        assertThat(panama.squareDistanceInt8(min, max)).isEqualTo(n * 255 * 255).isEqualTo(scalar.squareDistanceInt8(min, max));
        byte[] nibbles = new byte[n];
        java.util.Arrays.fill(nibbles, (byte) 0xFF);
        assertThat(panama.dotInt4Packed(nibbles, nibbles)).isEqualTo(n * 2 * 225).isEqualTo(scalar.dotInt4Packed(nibbles, nibbles));
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void bitKernelsAreBitIdenticalWithMaskedTails(int n) {
        SplittableRandom r = random(n);
        // n as a bit count (masked tail) and n as a word count (full last word).
        for (int bits : new int[] {n, n * 64}) {
            int words = BitKernels.wordsFor(bits);
            long mask = BitKernels.lastWordMask(bits);
            for (int t = 0; t < TRIALS; t++) {
                long[] a = longs(r, words);
                long[] b = longs(r, words);
                int exactXor = 0;
                for (int bit = 0; bit < bits; bit++) {
                    long x = (a[bit >> 6] ^ b[bit >> 6]) >>> (bit & 63);
                    exactXor += (int) (x & 1);
                }
                assertThat(scalarBits.xorPopCount(a, 0, b, 0, words, mask)).isEqualTo(exactXor);
                assertThat(panamaBits.xorPopCount(a, 0, b, 0, words, mask)).as("xor, bits=%d seed=%d", bits, seedFor(n)).isEqualTo(exactXor);
                assertThat(scalarBits.xnorPopCount(a, 0, b, 0, words, mask)).isEqualTo(bits - exactXor);
                assertThat(panamaBits.xnorPopCount(a, 0, b, 0, words, mask)).as("xnor, bits=%d seed=%d", bits, seedFor(n)).isEqualTo(bits - exactXor);
                assertThat(panamaBits.popCount(a, 0, words)).isEqualTo(scalarBits.popCount(a, 0, words));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void batchFormsEqualSingleCalls(int n) {
        SplittableRandom r = random(n);
        int rows = 13;
        float[] query = floats(r, n);
        float[] block = floats(r, n * (rows + 2));
        for (FloatKernels k : new FloatKernels[] {scalar, panama}) {
            float[] dots = new float[rows];
            float[] l2s = new float[rows];
            k.dotBatch(query, block, 2, rows, dots);
            k.squareDistanceBatch(query, block, 2, rows, l2s);
            for (int i = 0; i < rows; i++) {
                assertThat(dots[i]).isEqualTo(k.dot(query, 0, block, (2 + i) * n, n));
                assertThat(l2s[i]).isEqualTo(k.squareDistance(query, 0, block, (2 + i) * n, n));
            }
        }
        int bits = n * 3;
        int words = BitKernels.wordsFor(bits);
        long mask = BitKernels.lastWordMask(bits);
        long[] q = longs(r, words);
        long[] codes = longs(r, words * (rows + 1));
        for (BitKernels k : new BitKernels[] {scalarBits, panamaBits}) {
            int[] out = new int[rows];
            k.xorPopCountBatch(q, codes, 1, rows, words, mask, out);
            for (int i = 0; i < rows; i++) {
                assertThat(out[i]).isEqualTo(scalarBits.xorPopCount(q, 0, codes, (1 + i) * words, words, mask));
            }
        }
    }

    @Test
    void offsetsSelectTheRightSlices() {
        float[] a = {9, 9, 1, 2, 3};
        float[] b = {4, 5, 6, 9};
        for (FloatKernels k : new FloatKernels[] {scalar, panama}) {
            assertThat(k.dot(a, 2, b, 0, 3)).isEqualTo(32f);
            assertThat(k.squareDistance(a, 2, b, 0, 3)).isEqualTo(27f);
        }
    }

    @Test
    void cosineOfZeroVectorIsZero() {
        float[] zero = new float[17];
        float[] one = new float[17];
        one[3] = 1;
        assertThat(scalar.cosine(zero, one)).isZero();
        assertThat(panama.cosine(zero, one)).isZero();
        assertThat(panama.cosine(one, one)).isEqualTo(1f);
    }

    @Test
    void mismatchedLengthsNameBothDimensions() {
        for (FloatKernels k : new FloatKernels[] {scalar, panama}) {
            assertThatThrownBy(() -> k.dot(new float[3], new float[4]))
                    .isInstanceOf(DimensionMismatchException.class)
                    .hasMessageContaining("expected 3").hasMessageContaining("got 4");
            assertThatThrownBy(() -> k.dotInt8(new byte[5], new byte[2])).isInstanceOf(DimensionMismatchException.class);
            assertThatThrownBy(() -> k.dot(new float[4], 2, new float[4], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> k.dotBatch(new float[4], new float[10], 1, 2, new float[2]))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("10 floats");
        }
        for (BitKernels k : new BitKernels[] {scalarBits, panamaBits}) {
            assertThatThrownBy(() -> k.xorPopCount(new long[2], 0, new long[1], 0, 2, -1L))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThatThrownBy(() -> BitKernels.lastWordMask(0)).hasMessageContaining("got 0");
    }

    private static org.assertj.core.data.Offset<Double> within(double tolerance) {
        return org.assertj.core.data.Offset.offset(Math.max(tolerance, Double.MIN_NORMAL));
    }
}
