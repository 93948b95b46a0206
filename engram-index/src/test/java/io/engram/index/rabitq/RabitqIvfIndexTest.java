package io.engram.index.rabitq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.random.ClusteredVectors;
import io.engram.index.SearchResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RabitqIvfIndexTest {

    static long[] rowIds(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    static double recallAt10(RabitqIvfIndex index, float[][] data, float[][] queries, int probes) {
        return RabitqBehaviourTest.recallAt10(q -> index.search(q, 10, probes), data, queries);
    }

    @Test
    void scanningEveryListFindsTheTrueNeighbours() {
        float[][] all = ClusteredVectors.generate(5100, 64, 30, 0.8, 3);
        float[][] data = Arrays.copyOf(all, 5000);
        float[][] queries = Arrays.copyOfRange(all, 5000, 5100);
        RabitqIvfIndex index = RabitqIvfIndex.build(64, rowIds(5000), data, IvfParams.DEFAULTS.withLists(40));
        assertThat(index.lists()).isEqualTo(40);
        assertThat(Arrays.stream(index.listSizes()).sum()).isEqualTo(5000);
        assertThat(recallAt10(index, data, queries, 40)).isGreaterThanOrEqualTo(0.97);
        // Fewer probes trade recall for speed, but never return garbage: distances are exact.
        SearchResult r = index.search(queries[0], 10, 2);
        FlatF32Index flat = RabitqBehaviourTest.filled(new FlatF32Index(64), data);
        for (int i = 0; i < r.size(); i++) {
            float exact = SignCodes.l2Squared(queries[0], data[(int) r.ids()[i]], 0, 64);
            assertThat(r.distances()[i]).isCloseTo(exact, org.assertj.core.api.Assertions.within(exact * 1e-5f + 1e-5f));
        }
        assertThat(flat.size()).isEqualTo(5000);
    }

    @Test
    void oneListIsTheFullScanPaperEstimator() {
        float[][] all = ClusteredVectors.generate(2050, 128, 20, 5);
        float[][] data = Arrays.copyOf(all, 2000);
        float[][] queries = Arrays.copyOfRange(all, 2000, 2050);
        RabitqIvfIndex index = RabitqIvfIndex.build(128, rowIds(2000), data, IvfParams.DEFAULTS.withLists(1));
        assertThat(recallAt10(index, data, queries, 1)).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void nonPowerOfTwoDimensionsArePaddedNotTruncated() {
        float[][] all = ClusteredVectors.generate(3050, 100, 20, 7);
        float[][] data = Arrays.copyOf(all, 3000);
        float[][] queries = Arrays.copyOfRange(all, 3000, 3050);
        RabitqIvfIndex index = RabitqIvfIndex.build(100, rowIds(3000), data, IvfParams.DEFAULTS.withLists(20));
        assertThat(recallAt10(index, data, queries, 20)).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void theBlockedScanEqualsTheOneCodeForm() {
        SplittableRandom random = new SplittableRandom(2);
        for (int words : new int[] {1, 2, 3, 16}) {
            int n = 1 + random.nextInt(40);
            long[] codes = random.longs((long) n * words).toArray();
            long[] planes = random.longs(4L * words).toArray();
            int[] dots = new int[n];
            RabitqIvfIndex.dotsWithPlanes(codes, n, planes, words, dots);
            for (int r = 0; r < n; r++) {
                assertThat(dots[r]).isEqualTo(RabitqIvfIndex.dotWithPlanes(codes, r * words, planes, words));
            }
        }
    }

    @Test
    void addsAfterTheBuildAreSearchableAndTheBuildIsDeterministic() {
        float[][] all = ClusteredVectors.generate(1200, 32, 10, 9);
        float[][] data = Arrays.copyOf(all, 1000);
        RabitqIvfIndex a = RabitqIvfIndex.build(32, rowIds(1000), data, IvfParams.DEFAULTS);
        RabitqIvfIndex b = RabitqIvfIndex.build(32, rowIds(1000), data, IvfParams.DEFAULTS);
        assertThat(a.listSizes()).isEqualTo(b.listSizes());
        for (int i = 1000; i < 1200; i++) {
            a.add(i, all[i]);
        }
        assertThat(a.size()).isEqualTo(1200);
        for (int i = 1000; i < 1200; i += 17) {
            SearchResult r = a.search(all[i], 1, a.lists());
            assertThat(r.ids()[0]).isEqualTo(i);
            assertThat(r.distances()[0]).isZero();
        }
        assertThat(b.search(data[5], 5).ids()).isEqualTo(
                RabitqIvfIndex.build(32, rowIds(1000), data, IvfParams.DEFAULTS).search(data[5], 5).ids());
    }

    @Test
    void errorsNameTheProblem() {
        float[][] data = ClusteredVectors.generate(50, 8, 3, 1);
        RabitqIvfIndex index = RabitqIvfIndex.build(8, rowIds(50), data, IvfParams.DEFAULTS.withLists(5));
        assertThatThrownBy(() -> index.search(new float[9], 1)).isInstanceOf(DimensionMismatchException.class);
        assertThatThrownBy(() -> index.search(new float[8], 0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> index.search(new float[8], 1, 0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> index.add(1, new float[] {1, 2, 3, 4, 5, 6, 7, Float.NaN}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> RabitqIvfIndex.build(8, rowIds(50), data, IvfParams.DEFAULTS.withLists(51)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("51");
        assertThatThrownBy(() -> IvfParams.DEFAULTS.withEpsilon0(0)).isInstanceOf(InvalidArgumentException.class);
        assertThat(index.search(new float[8], 500, 5).size()).isEqualTo(50);
        float[] nan = new float[8];
        Arrays.fill(nan, Float.NaN);
        index.search(nan, 3); // must not throw
    }

    @Test
    void extendedCodesKeepTheSignAndTightenWithMoreBits() {
        SplittableRandom random = new SplittableRandom(8);
        int p = 256;
        double previous = 0;
        for (int bits : new int[] {2, 3, 4, 6, 8}) {
            double cosines = 0;
            for (int trial = 0; trial < 20; trial++) {
                float[] u = RabitqBehaviourTest.randomUnit(random, p);
                byte[] code = new byte[p];
                float[] result = new float[2];
                ExtendedCodes.encode(u, p, bits, code, 0, result);
                double dot = 0;
                double yy = 0;
                for (int i = 0; i < p; i++) {
                    double y = code[i] + 0.5;
                    assertThat(y > 0).as("sign of coordinate %d", i).isEqualTo(u[i] >= 0);
                    assertThat(Math.abs(y)).isLessThanOrEqualTo(((1 << bits) - 1) / 2.0);
                    dot += y * u[i];
                    yy += y * y;
                }
                assertThat(result[0]).isCloseTo((float) dot, org.assertj.core.api.Assertions.within(1e-3f));
                assertThat(result[1]).isCloseTo((float) Math.sqrt(yy), org.assertj.core.api.Assertions.within(1e-3f));
                cosines += dot / Math.sqrt(yy);
            }
            double mean = cosines / 20;
            assertThat(mean).as("mean cosine at %d bits", bits).isGreaterThan(previous);
            previous = mean;
        }
        assertThat(previous).isGreaterThan(0.99);
    }

    @Test
    void extendedCodesRefineAndCodesOnlyIndexesEstimate() {
        float[][] all = ClusteredVectors.generate(4100, 64, 20, 11);
        float[][] data = Arrays.copyOf(all, 4000);
        float[][] queries = Arrays.copyOfRange(all, 4000, 4100);
        IvfParams params = IvfParams.DEFAULTS.withLists(20);
        RabitqIvfIndex signs = RabitqIvfIndex.build(64, rowIds(4000), data, params);
        RabitqIvfIndex refined = RabitqIvfIndex.build(64, rowIds(4000), data, params.withBits(4));
        RabitqIvfIndex codes8 = RabitqIvfIndex.build(64, rowIds(4000), data, params.withBits(8).withKeepOriginals(false));
        RabitqIvfIndex codes4 = RabitqIvfIndex.build(64, rowIds(4000), data, params.withBits(4).withKeepOriginals(false));
        assertThat(recallAt10(refined, data, queries, 20)).isGreaterThanOrEqualTo(recallAt10(signs, data, queries, 20) - 0.01);
        assertThat(recallAt10(codes8, data, queries, 20)).isGreaterThanOrEqualTo(0.9);
        assertThat(recallAt10(codes4, data, queries, 20)).isGreaterThanOrEqualTo(0.6);
        assertThat(codes8.memoryBytes()).isLessThan(refined.memoryBytes());
        assertThat(codes4.memoryBytes()).isLessThan(signs.memoryBytes());
        // With originals the distances are exact; without, they are estimates close to them.
        SearchResult exact = refined.search(queries[0], 5, 20);
        SearchResult estimated = codes8.search(queries[0], 5, 20);
        float d = SignCodes.l2Squared(queries[0], data[(int) exact.ids()[0]], 0, 64);
        assertThat(exact.distances()[0]).isCloseTo(d, org.assertj.core.api.Assertions.within(d * 1e-5f));
        assertThat(estimated.distances()[0]).isCloseTo(d, org.assertj.core.api.Assertions.within(d * 0.1f));
        assertThatThrownBy(() -> params.withBits(9)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1..8");
    }

    @Test
    void hugeKAndEmptyListsStillReturnWhatExists() {
        float[][] same = new float[1000][];
        for (int i = 0; i < same.length; i++) {
            same[i] = new float[] {1, 2, 3, 4, 5, 6, 7, 8};
        }
        // Identical vectors: k-means leaves most lists empty; they must not count as probes.
        RabitqIvfIndex index = RabitqIvfIndex.build(8, rowIds(1000), same, IvfParams.DEFAULTS.withLists(32));
        assertThat(Arrays.stream(index.listSizes()).filter(size -> size == 0).count()).isPositive();
        assertThat(index.search(new float[] {1, 2, 3, 4, 5, 6, 7, 9}, 10, 1).size()).isEqualTo(10);
        assertThat(index.search(same[0], Integer.MAX_VALUE, 32).size()).isEqualTo(1000);
    }

    @Test
    void filtersAndCallerArrays() {
        float[][] all = ClusteredVectors.generate(2050, 32, 10, 13);
        float[][] data = Arrays.copyOf(all, 2000);
        RabitqIvfIndex index = RabitqIvfIndex.build(32, rowIds(2000), data, IvfParams.DEFAULTS.withLists(10));
        io.engram.index.SearchFilter even = id -> id % 2 == 0;
        FlatF32Index flatEven = new FlatF32Index(32);
        for (int i = 0; i < 2000; i += 2) {
            flatEven.add(i, data[i]);
        }
        long[] ids = new long[10];
        float[] distances = new float[10];
        int hits = 0;
        for (int q = 2000; q < 2050; q++) {
            SearchResult filtered = index.search(all[q], 10, 10, even);
            for (long id : filtered.ids()) {
                assertThat(id % 2).isZero();
            }
            // The error bound is probabilistic (ε₀ = 1.9): compare as recall, not bit for bit.
            hits += (int) Arrays.stream(flatEven.search(all[q], 10).ids())
                    .filter(t -> Arrays.stream(filtered.ids()).anyMatch(g -> g == t)).count();
            int n = index.search(all[q], 10, 10, null, ids, distances);
            SearchResult plain = index.search(all[q], 10, 10);
            assertThat(Arrays.copyOf(ids, n)).isEqualTo(plain.ids());
            assertThat(Arrays.copyOf(distances, n)).isEqualTo(plain.distances());
        }
        assertThat(hits / 500.0).isGreaterThanOrEqualTo(0.97);
        assertThatThrownBy(() -> index.search(all[0], 10, 2, null, new long[3], new float[10]))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("= 10 entries, got 3");
    }

    @Test
    void removedIdsAreNeverReturnedAndMayComeBack() {
        float[][] all = ClusteredVectors.generate(1000, 16, 8, 17);
        RabitqIvfIndex index = RabitqIvfIndex.build(16, rowIds(1000), all, IvfParams.DEFAULTS.withLists(8));
        assertThat(index.remove(5)).isTrue();
        assertThat(index.remove(5)).isFalse();
        assertThat(index.contains(5)).isFalse();
        assertThat(index.size()).isEqualTo(999);
        SearchResult r = index.search(all[5], 1000, 8);
        assertThat(r.size()).isEqualTo(999);
        assertThat(r.ids()).doesNotContain(5L);
        assertThat(index.search(all[5], 1, 8).distances()[0]).isPositive();
        assertThatThrownBy(() -> index.add(6, all[6])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("id 6 is already in the index");
        index.add(5, all[5]);
        assertThat(index.search(all[5], 1, 8).ids()).containsExactly(5);
        for (int i = 100; i < 400; i++) {
            index.remove(i);
        }
        long stored = Arrays.stream(index.listSizes()).sum();
        SearchResult before = index.search(all[50], 20, 8);
        assertThat(index.compact()).isEqualTo(301); // 300 here plus the row of the first id 5
        assertThat(Arrays.stream(index.listSizes()).sum()).isEqualTo(stored - 301);
        assertThat(index.size()).isEqualTo(700);
        SearchResult after = index.search(all[50], 20, 8);
        assertThat(after.ids()).isEqualTo(before.ids());
        assertThat(after.distances()).isEqualTo(before.distances());
        assertThat(index.remove(450)).isTrue(); // locations point at the compacted rows
        assertThat(index.search(all[450], 700, 8).ids()).doesNotContain(450L);
        assertThat(index.compact()).isEqualTo(1);
        assertThatThrownBy(() -> RabitqIvfIndex.build(16, new long[] {1, 2, 1}, Arrays.copyOf(all, 3), IvfParams.DEFAULTS.withLists(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("duplicate id 1 at row 2");
    }

    @Test
    void aListEmptiedByRemovesIsNoLongerProbed() {
        float[][] data = new float[60][];
        for (int i = 0; i < 60; i++) {
            data[i] = new float[] {i < 30 ? 0 : 100, i % 7, i % 3, 1}; // two far-apart groups
        }
        RabitqIvfIndex index = RabitqIvfIndex.build(4, rowIds(60), data, IvfParams.DEFAULTS.withLists(2));
        for (int i = 0; i < 30; i++) {
            index.remove(i);
        }
        SearchResult r = index.search(new float[] {0, 1, 1, 1}, 5, 1); // nearest list is now empty
        assertThat(r.size()).isEqualTo(5);
        for (long id : r.ids()) {
            assertThat(id).isGreaterThanOrEqualTo(30);
        }
    }
}
