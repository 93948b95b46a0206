package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.core.Metric;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Int8 traversal: the graph is the float graph (built on exact distances), searches walk int8
 * codes and rank what they found by exact distance, so reported distances are exact and recall
 * stays close to the float search.
 */
class HnswInt8TraversalTest {

    @TempDir
    Path dir;

    private static final HnswParams FLOAT = HnswParams.DEFAULTS.withCompactionThreshold(0);
    private static final HnswParams INT8 = FLOAT.withInt8Traversal(true);

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void recallStaysNearTheFloatSearchAndDistancesAreExact(Metric metric) {
        float[][] data = TestVectors.clustered(71, 3_000, 48, 20, 0.5);
        float[][] queries = TestVectors.gaussian(73, 40, 48);
        HnswIndex exact = HnswIndexTest.build(data, metric, FLOAT);
        HnswIndex coded = HnswIndexTest.build(data, metric, INT8);
        double floatRecall = HnswIndexTest.meanRecall(exact, data, null, queries, 10, SearchParams.DEFAULTS);
        double int8Recall = HnswIndexTest.meanRecall(coded, data, null, queries, 10, SearchParams.DEFAULTS);
        assertThat(int8Recall).as("%s: int8 %.3f vs float %.3f", metric, int8Recall, floatRecall)
                .isGreaterThanOrEqualTo(floatRecall - 0.03);
        IndexDistance distance = IndexDistance.of(metric);
        for (float[] q : queries) {
            SearchResult r = coded.search(q, 10);
            float[] prepared = distance.prepare(q, q.length);
            for (int i = 0; i < r.ids().length; i++) {
                float[] row = distance.prepare(data[(int) r.ids()[i]], q.length);
                float[] four = new float[4];
                distance.distance4(prepared, 0, row, 0, 0, 0, 0, q.length, four);
                assertThat(r.distances()[i]).as("%s exact distance of hit %d", metric, i)
                        .isEqualTo(distance.toReported(four[0]));
                if (i > 0) {
                    assertThat(r.distances()[i]).isGreaterThanOrEqualTo(r.distances()[i - 1]);
                }
            }
        }
    }

    @Test
    void codesFollowAddsRemovalsCompactionAndGrowth() {
        float[][] data = TestVectors.clustered(79, 2_000, 24, 10, 0.5);
        HnswIndex index = new HnswIndex(24, Metric.COSINE, INT8);
        for (int i = 0; i < data.length; i++) {
            index.add(i, data[i]); // one at a time: the graph grows many times
        }
        for (int i = 0; i < data.length; i += 3) {
            index.remove(i);
        }
        index.rebuild();
        int own = 0;
        int checked = 0;
        for (int i = 1; i < data.length; i += 7) {
            if (i % 3 == 0) {
                continue;
            }
            checked++;
            own += index.search(data[i], 1).ids()[0] == i ? 1 : 0;
        }
        assertThat((double) own / checked).as("a stored vector finds itself").isGreaterThanOrEqualTo(0.98);
        assertThat(index.statistics()).containsEntry("int8_traversal", true);
    }

    @Test
    void theFlagSurvivesSaveAndLoadAndVersionOneFilesStillLoad() throws IOException {
        float[][] data = TestVectors.clustered(83, 800, 16, 8, 0.5);
        HnswIndex index = HnswIndexTest.build(data, Metric.L2, INT8);
        Path file = dir.resolve("int8.hnsw");
        index.save(file);
        HnswIndex loaded = HnswIndex.load(file);
        assertThat(loaded.params()).isEqualTo(index.params());
        for (int i = 0; i < data.length; i += 40) {
            SearchResult a = index.search(data[i], 5);
            SearchResult b = loaded.search(data[i], 5);
            assertThat(b.ids()).containsExactly(a.ids());
            assertThat(b.distances()).containsExactly(a.distances());
        }
        // A version-1 file is the version-2 payload without the flags word after the compaction threshold.
        HnswIndex plain = HnswIndexTest.build(data, Metric.L2, FLOAT);
        Path v2 = dir.resolve("plain.hnsw");
        plain.save(v2);
        byte[] payload = Arrays.copyOfRange(Files.readAllBytes(v2), 32, (int) Files.size(v2));
        int flagsAt = 6 * 4 + 8 + 8;
        byte[] v1Payload = new byte[payload.length - 4];
        System.arraycopy(payload, 0, v1Payload, 0, flagsAt);
        System.arraycopy(payload, flagsAt + 4, v1Payload, flagsAt, payload.length - flagsAt - 4);
        Path v1 = dir.resolve("v1.hnsw");
        IndexFiles.write(v1, HnswFile.MAGIC, 1, new LittleEndianWriter().writeBytes(v1Payload));
        HnswIndex old = HnswIndex.load(v1);
        assertThat(old.params()).isEqualTo(plain.params());
        assertThat(old.search(data[5], 5).ids()).containsExactly(plain.search(data[5], 5).ids());
    }
}
