package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.Metric;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spec §11 check 7: pending adds, tombstones, rebuild threshold, exactness, depth. */
class KdTreeIndexTest {

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void resultsEqualFlatExactly(Metric metric) {
        long seed = 8_000 + metric.ordinal();
        SplittableRandom r = new SplittableRandom(seed);
        float[][] data = TestVectors.gaussian(seed, 2_000, 8);
        KdTreeIndex tree = new KdTreeIndex(8, metric, KdTreeIndex.DEFAULT_LEAF_SIZE, 0);
        FlatIndex flat = new FlatIndex(8, metric);
        tree.addAll(TestVectors.ids(1_900), Arrays.copyOf(data, 1_900));
        flat.addAll(TestVectors.ids(1_900), Arrays.copyOf(data, 1_900));
        tree.rebuild();
        for (int i = 1_900; i < 2_000; i++) { // pending, merged at search
            tree.add(i, data[i]);
            flat.add(i, data[i]);
        }
        for (int i = 0; i < 60; i++) { // tombstones, in the tree and among the pending rows
            long id = r.nextInt(2_000);
            assertThat(tree.remove(id)).isEqualTo(flat.remove(id));
        }
        float[][] queries = TestVectors.gaussian(seed + 1, 300, 8);
        for (int q = 0; q < queries.length; q++) {
            int k = 1 + q % 25;
            SearchResult expected = flat.search(queries[q], k);
            SearchResult actual = tree.search(queries[q], k);
            assertThat(actual.ids()).as("seed %d query %d", seed, q).containsExactly(expected.ids());
            assertThat(actual.distances()).containsExactly(expected.distances());
        }
        // Also under a threshold and a filter.
        SearchParams params = SearchParams.DEFAULTS.withFilter(id -> id % 3 != 0)
                .withThreshold(flat.search(queries[0], 50).distances()[40]);
        for (int q = 0; q < 50; q++) {
            assertThat(tree.search(queries[q], 20, params).ids()).containsExactly(flat.search(queries[q], 20, params).ids());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void boundsPruneMostOfTheTreeInLowDimensions(Metric metric) {
        float[][] data = TestVectors.gaussian(15, 4_000, 4);
        KdTreeIndex index = new KdTreeIndex(4, metric);
        index.addAll(TestVectors.ids(4_000), data);
        // The filter is asked once per row whose distance a search computes.
        long[] reads = new long[1];
        SearchParams counting = SearchParams.DEFAULTS.withFilter(id -> {
            reads[0]++;
            return true;
        });
        float[][] queries = TestVectors.gaussian(16, 100, 4);
        for (float[] q : queries) {
            index.search(q, 5, counting);
        }
        double fraction = reads[0] / (100.0 * 4_000);
        System.out.printf("kd-tree %s reads %.3f of the rows per k=5 query (4-d)%n", metric, fraction);
        assertThat(fraction).isLessThan(0.25);
    }

    @Test
    void depthIsLogarithmicInLeaves() {
        for (int n : new int[] {1, 40, 41, 1_000, 2_000, 5_003}) {
            KdTreeIndex index = new KdTreeIndex(4, Metric.L2);
            index.addAll(TestVectors.ids(n), TestVectors.gaussian(n, n, 4));
            index.rebuild();
            int depth = (int) index.statistics().get("tree_depth");
            int bound = n <= 40 ? 1 : (int) Math.ceil(Math.log((double) n / 40) / Math.log(2)) + 1;
            assertThat(depth).as("n = %d", n).isBetween(1, bound);
        }
        KdTreeIndex same = new KdTreeIndex(3, Metric.L2);
        float[][] identical = new float[500][];
        Arrays.fill(identical, new float[] {1, 2, 3});
        same.addAll(TestVectors.ids(500), identical);
        same.rebuild();
        assertThat((int) same.statistics().get("tree_depth")).isLessThanOrEqualTo(5);
        assertThat(same.search(new float[] {1, 2, 3}, 3).ids()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void addsAreVisibleAtOnceAndRemovedRowsAreNeverRead() {
        float[][] data = TestVectors.gaussian(12, 300, 6);
        KdTreeIndex index = new KdTreeIndex(6, Metric.COSINE);
        index.addAll(TestVectors.ids(250), Arrays.copyOf(data, 250)); // 250 ≥ 100: builds
        assertThat(index.statistics()).containsEntry("pending", 0).containsEntry("modifications_since_rebuild", 0);
        index.add(250, data[250]);
        assertThat(index.statistics()).containsEntry("pending", 1);
        assertThat(index.search(data[250], 1).ids()).as("found without rebuild").containsExactly(250L);
        Set<Long> removed = new HashSet<>();
        for (long id = 0; id < 250; id += 10) {
            index.remove(id);
            removed.add(id);
        }
        index.remove(250L);
        removed.add(250L);
        // The filter sees every row whose vector a search reads: tombstoned rows must not reach it.
        Set<Long> asked = new HashSet<>();
        SearchParams watching = SearchParams.DEFAULTS.withFilter(id -> {
            asked.add(id);
            return true;
        });
        for (long id : removed) {
            SearchResult r = index.search(data[(int) id], 300, watching);
            assertThat(r.ids()).doesNotContain(id);
        }
        assertThat(asked).doesNotContainAnyElementsOf(removed).isNotEmpty();
        assertThat(index.supportsIncrementalUpdates()).isFalse();
    }

    @Test
    void theFifthModificationRebuildsAtThresholdFive() {
        float[][] data = TestVectors.gaussian(13, 200, 4);
        KdTreeIndex index = new KdTreeIndex(4, Metric.L2, 40, 5);
        index.addAll(TestVectors.ids(100), Arrays.copyOf(data, 100));
        assertThat(index.statistics()).containsEntry("modifications_since_rebuild", 0).containsEntry("pending", 0)
                .containsEntry("rebuild_threshold", 5);
        for (int i = 0; i < 4; i++) {
            if (i % 2 == 0) {
                index.add(100 + i, data[100 + i]);
            } else {
                index.remove(i);
            }
            assertThat(index.statistics()).containsEntry("modifications_since_rebuild", i + 1);
        }
        assertThat(index.statistics()).containsEntry("pending", 2).containsEntry("tombstones", 2);
        index.add(150, data[150]);
        assertThat(index.statistics()).containsEntry("modifications_since_rebuild", 0).containsEntry("pending", 0)
                .containsEntry("tombstones", 0).containsEntry("size", 101);
        assertThat(index.remove(12_345)).isFalse();
        assertThat(index.statistics()).as("a failed remove is no modification")
                .containsEntry("modifications_since_rebuild", 0);
        KdTreeIndex explicit = new KdTreeIndex(4, Metric.L2, 40, 0);
        explicit.addAll(TestVectors.ids(200), data);
        assertThat(explicit.statistics()).containsEntry("pending", 200).containsEntry("tree_depth", 0);
        assertThat(explicit.search(data[7], 1).ids()).containsExactly(7L);
        explicit.rebuild();
        assertThat(explicit.statistics()).containsEntry("pending", 0).containsEntry("modifications_since_rebuild", 0);
        explicit.clear();
        assertThat(explicit.statistics()).containsEntry("tree_depth", 0).containsEntry("size", 0);
    }

    @Test
    void hostileFilesFailCleanly(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("hostile.kdtree");
        // Checksummed frames around bad contents: a count beyond the bytes, a tree over more rows
        // than exist, a tombstone flag that is neither 0 nor 1.
        writeFrame(path, w -> w.writeInt(0).writeInt(4).writeInt(40).writeInt(100).writeInt(0).writeInt(1 << 26)
                .writeInt(0));
        assertThatThrownBy(() -> KdTreeIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("truncated");
        writeFrame(path, w -> w.writeInt(0).writeInt(1).writeInt(40).writeInt(100).writeInt(0).writeInt(1).writeInt(2)
                .writeByte(0).writeLong(1).writeFloat(1));
        assertThatThrownBy(() -> KdTreeIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("tree covers 2 of 1");
        writeFrame(path, w -> w.writeInt(0).writeInt(1).writeInt(40).writeInt(100).writeInt(0).writeInt(1).writeInt(1)
                .writeByte(2).writeLong(1).writeFloat(1));
        assertThatThrownBy(() -> KdTreeIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("tombstone flag");
        writeFrame(path, w -> w.writeInt(0).writeInt(1).writeInt(0).writeInt(100).writeInt(0).writeInt(0).writeInt(0));
        assertThatThrownBy(() -> KdTreeIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("leaf size");
    }

    private static void writeFrame(Path path, Consumer<LittleEndianWriter> body) throws IOException {
        LittleEndianWriter payload = new LittleEndianWriter();
        body.accept(payload);
        LittleEndianWriter file = new LittleEndianWriter();
        FileHeader.write(file, KdTreeFile.MAGIC, KdTreeFile.VERSION, 0, payload.asSegment());
        Files.write(path, file.toByteArray());
    }

    @Test
    void validationAndStatistics() {
        assertThatThrownBy(() -> new KdTreeIndex(4, Metric.L2, 0, 100)).hasMessageContaining("leaf_size");
        assertThatThrownBy(() -> new KdTreeIndex(4, Metric.L2, 40, -1)).hasMessageContaining("rebuild_threshold");
        assertThatThrownBy(() -> new KdTreeIndex(0, Metric.L2)).hasMessageContaining("dimension");
        KdTreeIndex index = new KdTreeIndex(5, Metric.L2);
        index.addAll(TestVectors.ids(500), TestVectors.gaussian(14, 500, 5));
        assertThat(index.search(new float[5], 5).size()).isEqualTo(5);
        assertThat(index.statistics()).containsKeys("type", "size", "dimension", "tree_depth", "pending",
                "modifications_since_rebuild", "rebuild_threshold", "supports_incremental")
                .containsEntry("type", "kd_tree").containsEntry("supports_incremental", false);
    }
}
