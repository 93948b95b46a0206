package io.engram.index.rabitq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.random.ClusteredVectors;
import io.engram.index.SearchResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference implementation's outputs (rabitq-rulake spec §8.2–8.4), bit for bit. */
class RabitqGoldenTest {

    static void assertBits(float actual, float expected) {
        assertThat(Float.floatToIntBits(actual)).as("%s vs %s", actual, expected).isEqualTo(Float.floatToIntBits(expected));
    }

    static void assertBits(float[] actual, float... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertBits(actual[i], expected[i]);
        }
    }

    /** The small index: x_i[j] = ((7i + 3j) mod 11) − 5, i < 16, ids i; q[j] = 0.5j − 1. */
    static float[][] smallData() {
        float[][] x = new float[16][8];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = ((7 * i + 3 * j) % 11) - 5;
            }
        }
        return x;
    }

    static float[] smallQuery() {
        float[] q = new float[8];
        for (int j = 0; j < 8; j++) {
            q[j] = 0.5f * j - 1;
        }
        return q;
    }

    static <T extends AnnIndex> T fill(T index, float[][] data) {
        for (int i = 0; i < data.length; i++) {
            index.add(i, data[i]);
        }
        return index;
    }

    /** Results as id → score bits; ties are a set, so compare as maps. */
    static Map<Long, Integer> asMap(SearchResult r) {
        Map<Long, Integer> m = new HashMap<>();
        for (int i = 0; i < r.size(); i++) {
            m.put(r.ids()[i], Float.floatToIntBits(r.distances()[i]));
        }
        return m;
    }

    static Map<Long, Integer> expected(Object... idScore) {
        Map<Long, Integer> m = new HashMap<>();
        for (int i = 0; i < idScore.length; i += 2) {
            m.put(((Number) idScore[i]).longValue(), Float.floatToIntBits(((Number) idScore[i + 1]).floatValue()));
        }
        return m;
    }

    @Test
    void haarD8Seed42() {
        HaarRotation r = (HaarRotation) RandomRotation.of(RotationKind.HAAR_DENSE, 8, 42);
        float[] row0 = new float[8];
        for (int j = 0; j < 8; j++) {
            row0[j] = r.entry(0, j);
        }
        assertBits(row0, 0.041145753f, 0.078784436f, 0.15561323f, -0.13352229f, -0.39364615f, -0.12764883f,
                0.11492658f, 0.8749838f);
        assertBits(r.apply(new float[] {1, 2, 3, 4, 5, 6, 7, 8}),
                5.201698f, -3.0314724f, -0.31047115f, 1.3969982f, -8.267548f, -7.3316708f, 5.8345146f, -3.0914702f);
    }

    @Test
    void haarD128Seed42() {
        HaarRotation r = (HaarRotation) RandomRotation.of(RotationKind.HAAR_DENSE, 128, 42);
        assertBits(new float[] {r.entry(0, 0), r.entry(0, 1), r.entry(0, 2), r.entry(0, 3)},
                0.006480489f, 0.012408611f, 0.024509208f, -0.021029867f);
        assertBits(new float[] {r.entry(127, 124), r.entry(127, 125), r.entry(127, 126), r.entry(127, 127)},
                0.015088032f, -0.025135722f, 0.24213636f, 0.02758485f);
        double sum = 0;
        for (int i = 0; i < 128; i++) {
            for (int j = 0; j < 128; j++) {
                sum += r.entry(i, j);
            }
        }
        assertThat(sum).isCloseTo(15.942544407, within(1e-9));
    }

    @Test
    void hadamardD8AndD5Seed42() {
        RandomRotation r8 = RandomRotation.of(RotationKind.HADAMARD_SIGNED, 8, 42);
        assertThat(r8.apply(new float[] {1, 2, 3, 4, 5, 6, 7, 8})).containsExactly(-6, 5, -8, 7, -2, 1, -4, 3);
        // apply(e0) = e5; the reference prints zeros without sign, so compare numerically (−0.0 == 0.0).
        assertNumericallyEqual(r8.apply(new float[] {1, 0, 0, 0, 0, 0, 0, 0}), 0, 0, 0, 0, 0, 1, 0, 0);
        RandomRotation r5 = RandomRotation.of(RotationKind.HADAMARD_SIGNED, 5, 42);
        assertNumericallyEqual(r5.apply(new float[] {1, 2, 3, 4, 5}), 0, 5, 0, 0, -2);
    }

    static void assertNumericallyEqual(float[] actual, float... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i] == expected[i]).as("element %d: %s vs %s", i, actual[i], expected[i]).isTrue();
        }
    }

    @Test
    void signPackingOfAnAlreadyRotatedVector() {
        long[] out = new long[1];
        SignCodes.packSigns(new float[] {0.5f, -1, 0, 2, -0.1f, 3, -3, 1, 0.2f, -0.2f}, 10, out, 0);
        assertThat(out[0]).isEqualTo(0xb580000000000000L);
    }

    @Test
    void smallIndexFlat() {
        FlatF32Index flat = fill(new FlatF32Index(8), smallData());
        assertThat(asMap(flat.search(smallQuery(), 5))).isEqualTo(expected(11, 69, 0, 69, 6, 81, 13, 83, 2, 83));
        assertThat(flat.memoryBytes()).isEqualTo(768);
    }

    @Test
    void smallIndexOneBitHaar() {
        RabitqIndex index = fill(new RabitqIndex(8, 42), smallData());
        assertThat(asMap(index.search(smallQuery(), 5))).isEqualTo(expected(
                4, 61.847473f, 15, 61.847473f, 12, 65.988785f, 1, 65.988785f, 0, 78.56789f));
        long[] packed = index.packedCodes();
        assertThat(packed[0]).isEqualTo(0xe0L << 56);
        assertThat(packed[1]).isEqualTo(0xabL << 56);
        assertThat(packed[2]).isEqualTo(0x56L << 56);
        assertThat(packed[3]).isEqualTo(0xc4L << 56);
        assertBits(index.norms()[0], 9.591663f);
        assertBits(index.norms()[1], 8.774964f);
        assertThat(index.memoryBytes()).isEqualTo(548);
    }

    @Test
    void smallIndexOneBitHadamard() {
        RabitqIndex index = fill(new RabitqIndex(8, 42, RotationKind.HADAMARD_SIGNED), smallData());
        assertThat(asMap(index.search(smallQuery(), 5))).isEqualTo(expected(
                9, 65.15825f, 6, 68.486916f, 8, 76.03529f, 11, 78.56789f, 0, 78.56789f));
    }

    @Test
    void smallIndexPlusAndAsym() {
        RabitqPlusIndex plus = fill(new RabitqPlusIndex(8, 42, 2), smallData());
        assertThat(asMap(plus.search(smallQuery(), 3))).isEqualTo(expected(11, 69, 0, 69, 4, 87));
        assertThat(plus.memoryBytes()).isEqualTo(1084);
        RabitqAsymIndex asym = fill(new RabitqAsymIndex(8, 42, 1), smallData());
        assertThat(asMap(asym.search(smallQuery(), 5))).isEqualTo(expected(
                6, 63.923164f, 0, 76.58032f, 11, 76.58032f, 15, 78.03059f, 4, 78.03059f));
        assertThat(asym.memoryBytes()).isEqualTo(548);
    }

    @Test
    void endToEndClusteredSeed55() {
        float[][] all = ClusteredVectors.generate(2020, 128, 100, 55);
        long[] ids = new long[2000];
        float[][] data = new float[2000][];
        for (int i = 0; i < 2000; i++) {
            ids[i] = i;
            data[i] = all[i];
        }
        RabitqPlusIndex index = RabitqPlusIndex.build(128, 55, 5, RotationKind.HAAR_DENSE, ids, data);
        SearchResult r = index.search(all[2000], 5);
        assertThat(r.ids()).containsExactly(753, 9, 1534, 1439, 1964);
        assertBits(r.distances(), 79.37355f, 80.085266f, 81.00928f, 82.94277f, 85.96743f);
    }
}
