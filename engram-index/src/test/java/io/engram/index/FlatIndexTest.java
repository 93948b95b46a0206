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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spec §11 check 2 (Flat is exact) and Flat's own mechanics. */
class FlatIndexTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void everyVectorIsItsOwnNearest(Metric metric) {
        float[][] data = IndexContractTest.unit(TestVectors.gaussian(3, 100, 32));
        FlatIndex index = new FlatIndex(32, metric);
        index.addAll(TestVectors.ids(100), data);
        for (int i = 0; i < data.length; i++) {
            SearchResult r = index.search(data[i], 1);
            assertThat(r.ids()).containsExactly((long) i);
            if (metric != Metric.INNER_PRODUCT) {
                assertThat(r.distances()[0]).isLessThan(1e-5f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void resultsEqualANaiveSortedScan(Metric metric) {
        float[][] data = TestVectors.gaussian(4, 500, 8);
        float[][] queries = TestVectors.gaussian(5, 1_000, 8);
        FlatIndex index = new FlatIndex(8, metric);
        index.addAll(TestVectors.ids(500), data);
        IndexDistance d = IndexDistance.of(metric);
        for (float[] q : queries) {
            long[] truth = TestVectors.exactTopK(data, null, q, 10, metric);
            SearchResult r = index.search(q, 10);
            assertThat(r.ids()).containsExactly(truth);
            float[] pq = d.prepare(q, 8);
            for (int i = 0; i < truth.length; i++) {
                float expected = d.toReported(d.distance(pq, d.prepare(data[(int) truth[i]], 8), 0));
                assertThat(r.distances()[i]).isEqualTo(expected);
            }
        }
    }

    @Test
    void swapRemoveKeepsEveryOtherVectorReachable() {
        float[][] data = TestVectors.gaussian(6, 50, 4);
        FlatIndex index = new FlatIndex(4, Metric.L2);
        index.addAll(TestVectors.ids(50), data);
        // Remove the first, a middle and the last row: each moves the last row or none.
        for (long id : new long[] {0, 25, 49, 48, 1}) {
            assertThat(index.remove(id)).isTrue();
        }
        assertThat(index.size()).isEqualTo(45);
        for (int i = 0; i < 50; i++) {
            boolean removed = i == 0 || i == 25 || i == 49 || i == 48 || i == 1;
            assertThat(index.contains(i)).isEqualTo(!removed);
            if (!removed) {
                assertThat(index.search(data[i], 1).ids()).containsExactly((long) i);
            }
        }
        assertThat(index.search(data[0], 100).size()).isEqualTo(45);
    }

    @Test
    void tiesBreakByAscendingId() {
        FlatIndex index = new FlatIndex(2, Metric.L2);
        index.add(9, new float[] {1, 0});
        index.add(3, new float[] {0, 1});
        index.add(5, new float[] {-1, 0});
        index.add(1, new float[] {0, -1});
        assertThat(index.search(new float[] {0, 0}, 3).ids()).containsExactly(1L, 3L, 5L);
    }

    @Test
    void thresholdKeepsAnL2DistanceEqualToItExactly() {
        FlatIndex index = new FlatIndex(2, Metric.L2);
        index.add(1, new float[] {0.1f, 0.2f});
        index.add(2, new float[] {0.3f, 0.7f});
        float reported = index.search(new float[] {0, 0}, 2).distances()[1];
        SearchResult kept = index.search(new float[] {0, 0}, 2, SearchParams.DEFAULTS.withThreshold(reported));
        assertThat(kept.ids()).containsExactly(1L, 2L);
        SearchResult below = index.search(new float[] {0, 0}, 2,
                SearchParams.DEFAULTS.withThreshold(Math.nextDown(reported)));
        assertThat(below.ids()).containsExactly(1L);
        assertThat(IndexDistance.of(Metric.L2).internalThreshold(3f)).isEqualTo(9f);
        assertThat(IndexDistance.of(Metric.COSINE).internalThreshold(0.25f)).isEqualTo(0.25f);
    }

    @Test
    void searchIntoCallerArraysAllocatesNothingVisible() {
        float[][] data = TestVectors.gaussian(8, 200, 16);
        FlatIndex index = new FlatIndex(16, Metric.COSINE);
        index.addAll(TestVectors.ids(200), data);
        long[] ids = new long[5];
        float[] ds = new float[5];
        assertThat(index.search(data[7], 5, SearchParams.DEFAULTS, ids, ds)).isEqualTo(5);
        assertThat(ids[0]).isEqualTo(7);
        assertThatThrownBy(() -> index.search(data[7], 6, SearchParams.DEFAULTS, ids, ds))
                .hasMessageContaining("result arrays");
    }

    @Test
    void hostileCountsFailBeforeAllocating() throws IOException {
        // A checksummed payload that claims 2^27 rows of dimension 1024 but holds none.
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeInt(Metric.L2.code()).writeInt(1024).writeInt(1 << 27);
        LittleEndianWriter file = new LittleEndianWriter();
        FileHeader.write(file, FlatFile.MAGIC, FlatFile.VERSION, 0, payload.asSegment());
        Path path = dir.resolve("hostile.flat");
        Files.write(path, file.toByteArray());
        assertThatThrownBy(() -> FlatIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("truncated");
        // A valid frame around a bad dimension and a duplicate id.
        payload = new LittleEndianWriter();
        payload.writeInt(Metric.L2.code()).writeInt(0).writeInt(0);
        file = new LittleEndianWriter();
        FileHeader.write(file, FlatFile.MAGIC, FlatFile.VERSION, 0, payload.asSegment());
        Files.write(path, file.toByteArray());
        assertThatThrownBy(() -> FlatIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("dimension");
        payload = new LittleEndianWriter();
        payload.writeInt(Metric.L2.code()).writeInt(1).writeInt(2).writeLong(7).writeLong(7).writeFloat(1).writeFloat(2);
        file = new LittleEndianWriter();
        FileHeader.write(file, FlatFile.MAGIC, FlatFile.VERSION, 0, payload.asSegment());
        Files.write(path, file.toByteArray());
        assertThatThrownBy(() -> FlatIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("twice");
        payload = new LittleEndianWriter();
        payload.writeInt(Metric.L2.code()).writeInt(1).writeInt(1).writeLong(7).writeFloat(Float.NaN);
        file = new LittleEndianWriter();
        FileHeader.write(file, FlatFile.MAGIC, FlatFile.VERSION, 0, payload.asSegment());
        Files.write(path, file.toByteArray());
        assertThatThrownBy(() -> FlatIndex.load(path)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void statisticsAndRebuild() {
        FlatIndex index = new FlatIndex(3, Metric.L2);
        index.add(1, new float[] {1, 2, 3});
        index.rebuild();
        assertThat(index.statistics()).containsEntry("type", "flat").containsEntry("size", 1)
                .containsEntry("dimension", 3).containsEntry("supports_incremental", true);
        assertThat(index.toString()).contains("FlatIndex", "size=1", "dimension=3");
    }
}
