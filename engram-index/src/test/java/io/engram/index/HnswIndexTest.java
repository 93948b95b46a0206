package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HnswIndexTest {

    @TempDir
    Path dir;

    static HnswIndex build(float[][] data, Metric metric, HnswParams params) {
        HnswIndex index = new HnswIndex(data[0].length, metric, params);
        index.addAll(TestVectors.ids(data.length), data);
        return index;
    }

    static double meanRecall(VectorIndex index, float[][] data, boolean[] excluded, float[][] queries, int k,
            SearchParams params) {
        double sum = 0;
        for (float[] q : queries) {
            long[] truth = TestVectors.exactTopK(data, excluded, q, k, index.metric());
            sum += TestVectors.recall(index.search(q, k, params).ids(), truth);
        }
        return sum / queries.length;
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void contractHoldsForEveryMetric(Metric metric) {
        float[][] data = TestVectors.gaussian(11, 300, 16);
        HnswIndex index = build(data, metric, HnswParams.DEFAULTS);
        assertThat(index.size()).isEqualTo(300);
        for (int i = 0; i < data.length; i += 17) {
            SearchResult r = index.search(data[i], 1);
            assertThat(r.ids()).as("own id first, %s", metric).containsExactly((long) i);
            if (metric != Metric.INNER_PRODUCT) {
                assertThat(r.distances()[0]).isLessThan(0.01f);
            }
        }
        SearchResult ten = index.search(data[0], 10);
        assertThat(ten.size()).isEqualTo(10);
        for (int i = 1; i < ten.size(); i++) {
            assertThat(ten.distances()[i]).isGreaterThanOrEqualTo(ten.distances()[i - 1]);
        }
        assertThat(index.search(data[0], 1000, SearchParams.ef(1000)).size()).isEqualTo(300);
        assertThatThrownBy(() -> index.search(data[0], 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("k must be positive");
        assertThatThrownBy(() -> index.search(new float[3], 5)).isInstanceOf(DimensionMismatchException.class)
                .hasMessageContaining("dimension");
        assertThatThrownBy(() -> index.add(5, data[5])).hasMessageContaining("already exists");
        assertThat(index.remove(5)).isTrue();
        assertThat(index.size()).isEqualTo(299);
        assertThat(index.remove(5)).isFalse();
        assertThat(index.remove(12345)).isFalse();
        HnswIndex empty = new HnswIndex(16, metric);
        assertThat(empty.search(data[0], 3).size()).isZero();
        assertThatThrownBy(() -> empty.search(data[0], -1)).hasMessageContaining("k must be positive");
        assertThatThrownBy(() -> empty.search(new float[2], 1)).hasMessageContaining("dimension");
    }

    @Test
    void parameterValidationNamesTheParameter() {
        assertThatThrownBy(() -> HnswParams.DEFAULTS.withM(0)).hasMessageContaining("M must be positive");
        assertThatThrownBy(() -> HnswParams.DEFAULTS.withEfConstruction(0)).hasMessageContaining("ef_construction must be positive");
        assertThatThrownBy(() -> HnswParams.DEFAULTS.withEfSearch(-3)).hasMessageContaining("ef_search must be positive");
        assertThatThrownBy(() -> new HnswIndex(0, Metric.L2)).hasMessageContaining("dimension must be positive");
        assertThatThrownBy(() -> new HnswIndex(4, Metric.HAMMING)).hasMessageContaining("not supported");
        HnswIndex index = new HnswIndex(2, Metric.L2);
        assertThatThrownBy(() -> index.add(1, new float[] {Float.NaN, 0})).hasMessageContaining("finite");
        assertThatThrownBy(() -> new HnswIndex(2, Metric.COSINE).add(1, new float[2])).hasMessageContaining("zero vector");
    }

    @Test
    void levelsFollowTheHnswlibDistribution() {
        double multiplier = 1 / Math.log(16);
        int atLeastOne = 0;
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            if (HnswIndex.drawLevel(42, i, multiplier, 16) >= 1) {
                atLeastOne++;
            }
        }
        assertThat((double) atLeastOne / draws).isCloseTo(1.0 / 16, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void degreesRespectCapsAndSameSeedGivesSameGraph() {
        float[][] data = TestVectors.clustered(5, 2_000, 24, 20, 0.3);
        HnswParams params = HnswParams.DEFAULTS.withM(8);
        HnswIndex a = new HnswIndex(24, Metric.L2, params);
        HnswIndex b = new HnswIndex(24, Metric.L2, params);
        for (int i = 0; i < data.length; i++) {
            a.add(i, data[i]);
            b.add(i, data[i]);
        }
        for (long id = 0; id < data.length; id++) {
            int level = a.levelOf(id);
            assertThat(level).isEqualTo(b.levelOf(id));
            for (int layer = 0; layer <= level; layer++) {
                long[] na = a.neighbours(id, layer);
                assertThat(na.length).isLessThanOrEqualTo(layer == 0 ? 16 : 8);
                assertThat(na).as("node %d layer %d", id, layer).containsExactly(b.neighbours(id, layer));
            }
        }
    }

    @Test
    void recallAtDefaultsOnClusteredData() {
        float[][] data = TestVectors.clustered(42, 10_000, 128, 100, 0.6);
        float[][] queries = TestVectors.clustered(43, 100, 128, 100, 0.6);
        // Queries from the same distribution: reuse the data's centres by drawing extra points.
        float[][] all = TestVectors.clustered(42, 10_100, 128, 100, 0.6);
        System.arraycopy(all, 10_000, queries, 0, 100);
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS);
        double recall = meanRecall(index, data, null, queries, 10, SearchParams.DEFAULTS);
        assertThat(recall).as("recall@10 at M=16, efC=200, ef=50").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void tombstonesAreNeverReturnedAndRecallHolds() {
        int n = 4_000;
        float[][] data = TestVectors.clustered(7, n, 64, 40, 0.5);
        float[][] queries = TestVectors.clustered(8, 50, 64, 40, 0.5);
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS.withCompactionThreshold(0));
        SearchParams ef = SearchParams.ef(200);
        double before = meanRecall(index, data, null, queries, 10, ef);
        boolean[] removed = new boolean[n];
        SplittableRandom r = new SplittableRandom(99);
        int removedCount = 0;
        while (removedCount < n * 3 / 10) {
            int victim = r.nextInt(n);
            if (!removed[victim]) {
                removed[victim] = true;
                assertThat(index.remove(victim)).isTrue();
                removedCount++;
            }
        }
        assertThat(index.size()).isEqualTo(n - removedCount);
        for (float[] q : queries) {
            for (long id : index.search(q, 10, ef).ids()) {
                assertThat(removed[(int) id]).as("removed id %d returned", id).isFalse();
            }
        }
        double after = meanRecall(index, data, removed, queries, 10, ef);
        assertThat(after).isGreaterThanOrEqualTo(before - 0.03);
        assertThat(index.statistics().get("tombstones")).isEqualTo(removedCount);
        index.rebuild();
        assertThat(index.size()).isEqualTo(n - removedCount);
        assertThat(index.statistics().get("tombstones")).isEqualTo(0);
        assertThat(meanRecall(index, data, removed, queries, 10, ef)).isGreaterThanOrEqualTo(before - 0.03);
    }

    @Test
    void deletingTheEntryPointPicksAnotherLiveEntry() {
        float[][] data = TestVectors.gaussian(3, 500, 8);
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS.withCompactionThreshold(0));
        long entry = index.entryPointId();
        assertThat(index.remove(entry)).isTrue();
        long next = index.entryPointId();
        assertThat(next).isNotEqualTo(entry).isGreaterThanOrEqualTo(0);
        assertThat(index.search(data[(int) entry], 5).ids()).doesNotContain(entry);
        for (int i = 0; i < data.length; i++) {
            index.remove(i);
        }
        assertThat(index.size()).isZero();
        assertThat(index.search(data[0], 5).size()).isZero();
    }

    @Test
    void automaticCompactionDropsTombstones() {
        float[][] data = TestVectors.gaussian(4, 400, 8);
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS.withCompactionThreshold(0.25));
        for (int i = 0; i < 120; i++) {
            index.remove(i);
        }
        assertThat((int) index.statistics().get("tombstones")).isLessThan(100);
        assertThat(index.size()).isEqualTo(280);
        assertThat(index.search(data[200], 1).ids()).containsExactly(200L);
    }

    @Test
    void filteredSearchReturnsOnlyAllowedIdsWithRecall() {
        int n = 5_000;
        float[][] data = TestVectors.clustered(21, n, 64, 50, 0.5);
        float[][] queries = TestVectors.clustered(22, 40, 64, 50, 0.5);
        HnswIndex index = build(data, Metric.COSINE, HnswParams.DEFAULTS);
        SearchParams ef = SearchParams.ef(200);
        double unfiltered = meanRecall(index, data, null, queries, 10, ef);
        for (double fraction : new double[] {0.10, 0.01}) {
            SplittableRandom r = new SplittableRandom(5);
            BitSet allowed = new BitSet(n);
            boolean[] excluded = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < fraction) {
                    allowed.set(i);
                } else {
                    excluded[i] = true;
                }
            }
            SearchParams filtered = ef.withFilter(SearchFilter.of(allowed, n));
            double sum = 0;
            for (float[] q : queries) {
                SearchResult result = index.search(q, 10, filtered);
                assertThat(result.size()).isEqualTo(10);
                for (long id : result.ids()) {
                    assertThat(allowed.get((int) id)).as("fraction %s returned %d", fraction, id).isTrue();
                }
                sum += TestVectors.recall(result.ids(), TestVectors.exactTopK(data, excluded, q, 10, Metric.COSINE));
            }
            assertThat(sum / queries.length).as("filtered recall at %s", fraction).isGreaterThanOrEqualTo(unfiltered - 0.05);
        }
    }

    @Test
    void distanceThresholdFiltersFinalResults() {
        float[][] data = {{0, 0}, {1, 0}, {3, 0}, {10, 0}};
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS);
        SearchResult r = index.search(new float[] {0, 0}, 4, SearchParams.DEFAULTS.withThreshold(3f));
        assertThat(r.ids()).containsExactly(0L, 1L, 2L);
        assertThat(r.distances()).containsExactly(0f, 1f, 3f);
    }

    @Test
    void searchesRunWhileWritersInsertAndDelete() throws Exception {
        int dim = 32;
        float[][] initial = TestVectors.clustered(31, 2_000, dim, 20, 0.4);
        float[][] extra = TestVectors.clustered(32, 2_000, dim, 20, 0.4);
        HnswIndex index = build(initial, Metric.L2, HnswParams.DEFAULTS.withCompactionThreshold(0.2));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.Set<Long> everInserted = ConcurrentHashMap.newKeySet();
        for (long i = 0; i < initial.length; i++) {
            everInserted.add(i);
        }
        List<Thread> threads = new ArrayList<>();
        CountDownLatch writersDone = new CountDownLatch(2);
        threads.add(Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < extra.length; i++) {
                    everInserted.add(10_000L + i);
                    index.add(10_000L + i, extra[i]);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                writersDone.countDown();
            }
        }));
        threads.add(Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 1_000; i++) {
                    index.remove(i * 2L);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                writersDone.countDown();
            }
        }));
        for (int t = 0; t < 3; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                long[] ids = new long[10];
                float[] ds = new float[10];
                while (!stop.get()) {
                    try {
                        int n = index.search(initial[r.nextInt(initial.length)], 10, SearchParams.DEFAULTS, ids, ds);
                        for (int i = 0; i < n; i++) {
                            if (!everInserted.contains(ids[i])) {
                                throw new AssertionError("unknown id " + ids[i]);
                            }
                            if (i > 0 && ds[i] < ds[i - 1]) {
                                throw new AssertionError("results not ascending");
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            }));
        }
        writersDone.await();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(index.size()).isEqualTo(3_000);
        float[][] all = new float[4_000][];
        boolean[] excluded = new boolean[4_000];
        for (int i = 0; i < 2_000; i++) {
            all[i] = initial[i];
            excluded[i] = i % 2 == 0;
            all[2_000 + i] = extra[i];
        }
        double recall = 0;
        for (int q = 0; q < 30; q++) {
            long[] truth = TestVectors.exactTopK(all, excluded, extra[q * 7], 10, Metric.L2);
            long[] found = index.search(extra[q * 7], 10, SearchParams.ef(100)).ids();
            for (int i = 0; i < found.length; i++) {
                found[i] = found[i] >= 10_000 ? found[i] - 10_000 + 2_000 : found[i];
            }
            recall += TestVectors.recall(found, truth);
        }
        assertThat(recall / 30).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void capacityBeyondOneSlabIsRefusedBeforeAllocating() {
        assertThat(HnswGraph.maxCapacity(1536, 16, false)).isEqualTo((Integer.MAX_VALUE - 8) / 1536);
        assertThat(HnswGraph.maxCapacity(1536, 16, true)).isEqualTo((Integer.MAX_VALUE - 8) / (1536 + HnswGraph.CODE_TAIL));
        assertThat(HnswGraph.maxCapacity(8, 16, false)).isEqualTo((Integer.MAX_VALUE - 8) / 33); // layer-0 lists bind first
        // 4,096 rows of 2^20 floats would need a 2^32-element slab: refused with the limit named.
        assertThatThrownBy(() -> new HnswGraph(1 << 20, 16, 4096, false))
                .isInstanceOf(io.engram.core.InvalidArgumentException.class)
                .hasMessageContaining("holds at most 2047 vectors")
                .hasMessageContaining("4096 requested");
    }

    @Test
    void saveLoadGivesIdenticalResults() throws IOException {
        float[][] data = TestVectors.clustered(41, 1_500, 32, 15, 0.4);
        HnswIndex index = build(data, Metric.COSINE, HnswParams.DEFAULTS.withM(12).withCompactionThreshold(0));
        index.remove(3);
        index.remove(700);
        Path file = dir.resolve("index.hnsw");
        index.save(file);
        HnswIndex loaded = HnswIndex.load(file);
        assertThat(loaded.size()).isEqualTo(index.size());
        assertThat(loaded.params()).isEqualTo(index.params());
        assertThat(loaded.metric()).isEqualTo(Metric.COSINE);
        for (int i = 0; i < data.length; i += 25) {
            SearchResult a = index.search(data[i], 10);
            SearchResult b = loaded.search(data[i], 10);
            assertThat(b.ids()).containsExactly(a.ids());
            assertThat(b.distances()).containsExactly(a.distances());
        }
        loaded.add(5_000, data[0]);
        assertThat(loaded.contains(5_000)).isTrue();
        assertThat(loaded.contains(3)).isFalse();
    }

    @Test
    void everyFlippedByteAndEveryTruncationIsRejected() throws IOException {
        float[][] data = TestVectors.gaussian(51, 40, 4);
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS.withM(4));
        Path file = dir.resolve("small.hnsw");
        index.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.hnsw");
        for (int pos = 0; pos < bytes.length; pos++) {
            byte[] flipped = bytes.clone();
            flipped[pos] ^= 0x40;
            Files.write(bad, flipped);
            int at = pos;
            assertThatThrownBy(() -> HnswIndex.load(bad)).as("flip at %d", at).isInstanceOf(CorruptFileException.class);
        }
        for (int len = 0; len < bytes.length; len++) {
            Files.write(bad, java.util.Arrays.copyOf(bytes, len));
            int at = len;
            assertThatThrownBy(() -> HnswIndex.load(bad)).as("truncated to %d", at).isInstanceOf(CorruptFileException.class);
        }
    }

    @Test
    void statisticsReportStructure() {
        float[][] data = TestVectors.gaussian(61, 1_000, 8);
        HnswIndex index = build(data, Metric.L2, HnswParams.DEFAULTS);
        Map<String, Object> stats = index.statistics();
        assertThat(stats).containsEntry("type", "hnsw").containsEntry("size", 1_000).containsEntry("dimension", 8)
                .containsEntry("M", 16).containsKeys("level_counts", "avg_connections", "tombstones", "num_levels");
        assertThat(index.memoryBytes()).isGreaterThan(1_000L * 8 * 4);
    }
}
