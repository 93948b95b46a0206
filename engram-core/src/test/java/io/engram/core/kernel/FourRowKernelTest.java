package io.engram.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The four-row kernels agree with the single-row kernels within the parity tolerance, and each
 * row's result depends on that row alone: the same row in another slot, beside other rows, gives
 * the same bits.
 */
class FourRowKernelTest {

    private static List<FloatKernels> implementations() {
        List<FloatKernels> all = new ArrayList<>();
        all.add(Kernels.scalarFloats());
        if (Kernels.vectorApiAvailable()) {
            all.add(Kernels.panamaFloats());
        }
        return all;
    }

    @Test
    void everyRowAgreesWithTheSingleRowKernel() {
        SplittableRandom random = new SplittableRandom(31);
        for (FloatKernels k : implementations()) {
            for (int length : KernelParityTest.LENGTHS) {
                float[] query = KernelParityTest.floats(random, length + 2);
                float[] rows = KernelParityTest.floats(random, 9 * length + 7);
                int[] offsets = {5 + 3 * length, 7, 6 + 8 * length, 5 + 3 * length}; // unordered, one repeated
                float[] out = new float[6];
                k.squareDistance4(query, 2, rows, offsets[0], offsets[1], offsets[2], offsets[3], length, out, 1);
                for (int r = 0; r < 4; r++) {
                    float single = k.squareDistance(query, 2, rows, offsets[r], length);
                    assertThat(out[1 + r]).as("%s squareDistance4 length %d row %d", k.name(), length, r)
                            .isCloseTo(single, within(tolerance(query, 2, rows, offsets[r], length, true)));
                }
                k.dot4(query, 2, rows, offsets[0], offsets[1], offsets[2], offsets[3], length, out, 2);
                for (int r = 0; r < 4; r++) {
                    float single = k.dot(query, 2, rows, offsets[r], length);
                    assertThat(out[2 + r]).as("%s dot4 length %d row %d", k.name(), length, r)
                            .isCloseTo(single, within(tolerance(query, 2, rows, offsets[r], length, false)));
                }
            }
        }
    }

    @Test
    void aRowsResultDoesNotDependOnItsSlotOrCompanions() {
        SplittableRandom random = new SplittableRandom(37);
        for (FloatKernels k : implementations()) {
            for (int length : KernelParityTest.LENGTHS) {
                float[] query = KernelParityTest.floats(random, length);
                float[] rows = KernelParityTest.floats(random, 5 * length);
                float[] first = new float[4];
                float[] second = new float[4];
                k.squareDistance4(query, 0, rows, 0, length, 2 * length, 3 * length, length, first, 0);
                k.squareDistance4(query, 0, rows, 4 * length, 3 * length, 0, 4 * length, length, second, 0);
                assertThat(Float.floatToIntBits(second[2])).as("%s row 0 moved to slot 2", k.name())
                        .isEqualTo(Float.floatToIntBits(first[0]));
                assertThat(Float.floatToIntBits(second[1])).as("%s row 3 moved to slot 1", k.name())
                        .isEqualTo(Float.floatToIntBits(first[3]));
                k.dot4(query, 0, rows, 0, length, 2 * length, 3 * length, length, first, 0);
                k.dot4(query, 0, rows, 3 * length, 0, length, 4 * length, length, second, 0);
                assertThat(Float.floatToIntBits(second[1])).isEqualTo(Float.floatToIntBits(first[0]));
                assertThat(Float.floatToIntBits(second[0])).isEqualTo(Float.floatToIntBits(first[3]));
            }
        }
    }

    @Test
    void int8RowsAgreeWithAnExactSumAndDoNotDependOnTheirSlot() {
        SplittableRandom random = new SplittableRandom(41);
        for (FloatKernels k : implementations()) {
            for (int length : KernelParityTest.LENGTHS) {
                float[] query = KernelParityTest.floats(random, length + 3);
                byte[] rows = new byte[6 * length + 5];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (byte) (random.nextInt(255) - 127);
                }
                int[] offsets = {1 + 4 * length, 5, 2 + 2 * length, 1 + 4 * length};
                float[] out = new float[5];
                k.dotInt8Rows4(query, 3, rows, offsets[0], offsets[1], offsets[2], offsets[3], length, out, 1);
                for (int r = 0; r < 4; r++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (int i = 0; i < length; i++) {
                        double t = (double) query[3 + i] * rows[offsets[r] + i];
                        exact += t;
                        magnitude += Math.abs(t);
                    }
                    assertThat((double) out[1 + r]).as("%s dotInt8Rows4 length %d row %d", k.name(), length, r)
                            .isCloseTo(exact, within(1e-5 * magnitude + 1e-30));
                }
                float[] moved = new float[4];
                k.dotInt8Rows4(query, 3, rows, offsets[2], offsets[0], offsets[1], offsets[1], length, moved, 0);
                assertThat(Float.floatToIntBits(moved[1])).as("%s row 0 moved to slot 1", k.name())
                        .isEqualTo(Float.floatToIntBits(out[1]));
                assertThat(Float.floatToIntBits(moved[0])).as("%s row 2 moved to slot 0", k.name())
                        .isEqualTo(Float.floatToIntBits(out[3]));
            }
            assertThatThrownBy(() -> k.dotInt8Rows4(new float[16], 0, new byte[40], 0, 16, 30, 8, 16, new float[4], 0))
                    .as(k.name()).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void rowsOutsideTheSlabAreRejected() {
        for (FloatKernels k : implementations()) {
            float[] query = new float[16];
            float[] rows = new float[64];
            assertThatThrownBy(() -> k.squareDistance4(query, 0, rows, 0, 16, 32, 50, 16, new float[4], 0))
                    .as(k.name()).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> k.dot4(query, 0, rows, 0, 16, 32, 48, 16, new float[3], 0))
                    .as(k.name()).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    /** The parity tolerance of the kernel tests: 1e-5 of the sum of absolute terms. */
    private static float tolerance(float[] query, int queryOffset, float[] rows, int offset, int length, boolean squared) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double t = squared ? Math.pow(query[queryOffset + i] - rows[offset + i], 2) : Math.abs(query[queryOffset + i] * rows[offset + i]);
            sum += t;
        }
        return (float) (1e-5 * sum + 1e-30);
    }
}
