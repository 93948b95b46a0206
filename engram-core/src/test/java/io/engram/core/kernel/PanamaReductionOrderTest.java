package io.engram.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API float kernels must give bit-identical results whether C2 has compiled them or
 * not, so their reduction order is fixed and documented. This test replays that order in scalar
 * Java (four lane-wise accumulators, then a pairwise lane tree, then the scalar tail) and demands
 * equal bits; a kernel that went back to {@code reduceLanes} would fail it on most inputs.
 */
class PanamaReductionOrderTest {

    private static final PanamaFloatKernels PANAMA = new PanamaFloatKernels();

    @Test
    void dotAndSquareDistanceFollowTheDocumentedOrder() {
        SplittableRandom random = new SplittableRandom(7);
        for (int length : new int[] {1, 3, 7, 16, 31, 64, 100, 128, 384, 784, 1000}) {
            for (int round = 0; round < 20; round++) {
                float[] a = randomVector(random, length);
                float[] b = randomVector(random, length);
                assertThat(Float.floatToIntBits(PANAMA.dot(a, 0, b, 0, length)))
                        .as("dot, length %d", length).isEqualTo(Float.floatToIntBits(modelDot(a, b, false)));
                assertThat(Float.floatToIntBits(PANAMA.squareDistance(a, 0, b, 0, length)))
                        .as("squareDistance, length %d", length).isEqualTo(Float.floatToIntBits(modelDot(a, b, true)));
            }
        }
    }

    @Test
    void repeatedCallsAgreeAcrossCompilation() {
        SplittableRandom random = new SplittableRandom(11);
        float[] a = randomVector(random, 384);
        float[] b = randomVector(random, 384);
        float first = PANAMA.dot(a, 0, b, 0, 384);
        // Enough calls for C2 to compile the kernel part-way through.
        for (int i = 0; i < 200_000; i++) {
            assertThat(PANAMA.dot(a, 0, b, 0, 384)).isEqualTo(first);
        }
    }

    private static float[] randomVector(SplittableRandom random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1) * (random.nextInt(4) == 0 ? 1000f : 1f);
        }
        return v;
    }

    /** The kernel's order in scalar form: difference=true gives the squared distance. */
    private static float modelDot(float[] a, float[] b, boolean difference) {
        int lanes = PanamaFloatKernels.floatLanes();
        boolean fma = PanamaFloatKernels.usesFma();
        int length = a.length;
        int i = 0;
        float sum = 0f;
        if (length >= lanes) {
            float[][] acc = new float[4][lanes];
            for (; i <= length - 4 * lanes; i += 4 * lanes) {
                for (int j = 0; j < 4; j++) {
                    accumulate(acc[j], a, b, i + j * lanes, lanes, difference, fma);
                }
            }
            for (; i <= length - lanes; i += lanes) {
                accumulate(acc[0], a, b, i, lanes, difference, fma);
            }
            float[] v = new float[lanes];
            for (int l = 0; l < lanes; l++) {
                v[l] = (acc[0][l] + acc[1][l]) + (acc[2][l] + acc[3][l]);
            }
            for (int h = lanes / 2; h >= 1; h /= 2) {
                float[] next = new float[lanes];
                for (int l = 0; l < lanes; l++) {
                    next[l] = v[l] + v[(l + h) & (lanes - 1)];
                }
                v = next;
            }
            sum = v[0];
        }
        for (; i < length; i++) {
            float x = difference ? a[i] - b[i] : a[i];
            float y = difference ? x : b[i];
            sum += x * y;
        }
        return sum;
    }

    private static void accumulate(float[] acc, float[] a, float[] b, int offset, int lanes, boolean difference, boolean fma) {
        for (int l = 0; l < lanes; l++) {
            float x = difference ? a[offset + l] - b[offset + l] : a[offset + l];
            float y = difference ? x : b[offset + l];
            acc[l] = fma ? Math.fma(x, y, acc[l]) : x * y + acc[l];
        }
    }
}
