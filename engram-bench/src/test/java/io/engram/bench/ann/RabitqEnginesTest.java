package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.random.ClusteredVectors;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quantized engines (RaBitQ, BBQ, int8 HNSW) on 2,000 clustered 32-d vectors: recall, not speed. */
class RabitqEnginesTest {

    private static final int N = 2_000;
    private static final int QUERIES = 100;
    private static final int DIM = 32;
    private static final int K = 10;

    private static Dataset clustered(Metric metric) {
        float[][] all = ClusteredVectors.generate(N + QUERIES, DIM, 20, 42);
        return new Dataset("clustered-test", metric, Arrays.copyOf(all, N), Arrays.copyOfRange(all, N, N + QUERIES));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "engram-rabitq, L2, 0.9",
        "engram-rabitq, COSINE, 0.9",
        "engram-ivf-rabitq, L2, 0.9",
        "engram-ivf-rabitq, COSINE, 0.9",
        "lucene-bbq, L2, 0.8",
        "lucene-bbq, COSINE, 0.8",
        "lucene-hnsw-int8, COSINE, 0.9",
        "engram-hnsw-int8, COSINE, 0.9",
    })
    void reachesRecallAtTheLargestSweepValue(String name, Metric metric, double minRecall) throws IOException {
        Dataset data = clustered(metric);
        GroundTruth truth = GroundTruth.compute(data, K, 2);
        AnnEngine engine = AnnEngines.create(name, EngineOptions.DEFAULTS);
        assertThat(engine.name()).isEqualTo(name);
        int[] sweep = engine.defaultSweep();
        double[] recalls = new double[sweep.length];
        try (AnnEngine.Index index = engine.build(data, 2)) {
            assertThat(index.indexBytes()).isPositive();
            long[] ids = new long[K];
            for (int s = 0; s < sweep.length; s++) {
                double sum = 0;
                for (int q = 0; q < QUERIES; q++) {
                    int n = index.search(data.queries()[q], K, sweep[s], ids);
                    assertThat(n).isEqualTo(K);
                    Set<Long> distinct = new HashSet<>();
                    for (int i = 0; i < n; i++) {
                        assertThat(ids[i]).isBetween(0L, (long) N - 1);
                        distinct.add(ids[i]);
                    }
                    assertThat(distinct).hasSize(K);
                    sum += Recall.at(ids, n, truth.ids()[q], K);
                }
                recalls[s] = sum / QUERIES;
            }
        }
        assertThat(recalls[recalls.length - 1]).as("%s %s recall@10 at %s %d (sweep %s)", name, metric,
                engine.sweepName(), sweep[sweep.length - 1], Arrays.toString(recalls)).isGreaterThanOrEqualTo(minRecall);
        assertThat(recalls[recalls.length - 1]).as("%s recall grows along the sweep %s", name, Arrays.toString(recalls))
                .isGreaterThanOrEqualTo(recalls[0]);
    }

    @Test
    void sweepsAndParams() {
        assertThat(AnnEngines.names()).contains("engram-rabitq", "engram-ivf-rabitq", "lucene-bbq");
        AnnEngine rabitq = AnnEngines.create("engram-rabitq", EngineOptions.DEFAULTS);
        assertThat(rabitq.sweepName()).isEqualTo("rerank");
        assertThat(rabitq.defaultSweep()).containsExactly(1, 2, 5, 10, 20, 50);
        assertThat(rabitq.params()).containsEntry("seed", 42L).containsEntry("rotation", "HAAR_DENSE");
        AnnEngine ivf = AnnEngines.create("engram-ivf-rabitq", EngineOptions.DEFAULTS);
        assertThat(ivf.sweepName()).isEqualTo("probes");
        assertThat(ivf.defaultSweep()).containsExactly(1, 2, 3, 4, 6, 8, 12, 16, 32, 64);
        assertThat(ivf.params()).containsKeys("lists", "epsilon0", "seed").containsEntry("bits", 1);
        assertThat(AnnEngines.create("engram-ivf-rabitq-b4", EngineOptions.DEFAULTS).params()).containsEntry("bits", 4);
        AnnEngine bbq = AnnEngines.create("lucene-bbq", EngineOptions.DEFAULTS);
        assertThat(bbq.sweepName()).isEqualTo("ef");
        assertThat(bbq.defaultSweep()).containsExactly(10, 20, 40, 80, 160, 320, 640);
        assertThat((String) bbq.params().get("format")).contains("Lucene104HnswScalarQuantizedVectorsFormat", "SINGLE_BIT_QUERY_NIBBLE");
        assertThat(AnnEngines.create("lucene-hnsw", EngineOptions.DEFAULTS).params().get("format"))
                .isEqualTo("Lucene99HnswVectorsFormat");
    }

    @Test
    void rabitqBuildDoesNotDependOnThreads() throws IOException {
        Dataset data = clustered(Metric.L2);
        AnnEngine engine = AnnEngines.create("engram-rabitq", EngineOptions.DEFAULTS);
        try (AnnEngine.Index one = engine.build(data, 1); AnnEngine.Index two = engine.build(data, 2)) {
            long[] a = new long[K];
            long[] b = new long[K];
            for (int q = 0; q < 20; q++) {
                one.search(data.queries()[q], K, 5, a);
                two.search(data.queries()[q], K, 5, b);
                assertThat(b).containsExactly(a);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"engram-rabitq", "engram-ivf-rabitq"})
    void innerProductIsRejected(String name) {
        Dataset data = clustered(Metric.INNER_PRODUCT);
        AnnEngine engine = AnnEngines.create(name, EngineOptions.DEFAULTS);
        assertThatThrownBy(() -> engine.build(data, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(name).hasMessageContaining("INNER_PRODUCT");
    }
}
