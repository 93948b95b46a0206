package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny end-to-end run: every built-in engine on gaussian:500x16, JSON and SVG written. */
class AnnBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void allEnginesProduceJsonSvgAndTable() throws IOException {
        Dataset data = Datasets.load("gaussian:500x16", dir);
        GroundTruth truth = GroundTruth.cached(data, GroundTruth.DEFAULT_K, 2, dir);
        List<AnnEngine> engines = List.of("exact", "engram-hnsw", "lucene-hnsw", "jvector").stream()
                .map(n -> AnnEngines.create(n, EngineOptions.DEFAULTS)).toList();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        AnnResult result = AnnBenchmark.run(data, truth, engines, new AnnBenchmark.Config(10, 2, new int[] {10, 40, 160}, 42),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.engines()).extracting(AnnResult.EngineResult::engine)
                .containsExactly("exact", "engram-hnsw", "lucene-hnsw", "jvector");
        AnnResult.EngineResult exact = result.engines().getFirst();
        assertThat(exact.points()).singleElement().satisfies(p -> assertThat(p.recall()).isEqualTo(1.0));
        for (AnnResult.EngineResult e : result.engines().subList(1, 4)) {
            assertThat(e.points()).as(e.engine()).hasSize(3);
            assertThat(e.buildSeconds()).isPositive();
            assertThat(e.indexBytes()).as(e.engine()).isGreaterThanOrEqualTo(500L * 16 * Float.BYTES);
            AnnResult.Point last = e.points().getLast();
            // 500 points with ef 160: every graph engine should be (nearly) exact.
            assertThat(last.recall()).as(e.engine()).isGreaterThan(0.97);
            assertThat(e.points().getFirst().recall()).as(e.engine()).isLessThanOrEqualTo(last.recall() + 1e-9);
            for (AnnResult.Point p : e.points()) {
                assertThat(p.qps()).isPositive();
                assertThat(p.p50Micros()).isLessThanOrEqualTo(p.p95Micros());
                assertThat(p.p95Micros()).isLessThanOrEqualTo(p.p99Micros());
            }
        }
        assertThat(result.engines().get(2).info().get("vectorization")).isEqualTo("PanamaVectorUtilSupport");
        assertThat((String) result.engines().get(3).info().get("vectorization")).isNotEqualTo("DefaultVectorizationProvider");

        Path json = dir.resolve("out/g.json");
        Path svg = AnnReport.write(result, json);
        assertThat(svg).isEqualTo(dir.resolve("out/g.svg"));
        String text = Files.readString(json);
        assertThat(text).contains("\"seed\": 42", "\"metric\": \"l2\"", "\"name\": \"gaussian-500x16-seed42\"",
                "\"train\": 500", "\"queries\": 50", "\"k\": 10", "\"buildSeconds\":", "\"p50Micros\":",
                "\"p95Micros\":", "\"p99Micros\":", "\"qps\":", "\"recall\":", "\"ef\": 160", "\"qpsAtRecall\":",
                "\"0.90\":", "\"M\": 16", "\"efConstruction\": 100", "\"beamWidth\": 100", "\"alpha\": 1.2",
                "\"java\":", "\"cpu\":", "\"date\":");
        assertThat(text.chars().filter(c -> c == '{').count()).isEqualTo(text.chars().filter(c -> c == '}').count());
        String plot = Files.readString(svg);
        assertThat(plot).startsWith("<svg").contains("<polyline", "lucene-hnsw", "jvector", "engram-hnsw").endsWith("</svg>\n");

        String table = AnnTable.format(result);
        assertThat(table).contains("QPS at recall", "≥ 0.90", "≥ 0.99", "engram-hnsw", "lucene-hnsw", "jvector");
    }

    @Test
    void percentilesUseNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(AnnBenchmark.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(AnnBenchmark.percentile(sorted, 0.95)).isEqualTo(95);
        assertThat(AnnBenchmark.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(AnnBenchmark.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void qpsAtRecallTakesTheFastestQualifyingPoint() {
        AnnResult.EngineResult e = new AnnResult.EngineResult("x", java.util.Map.of(), java.util.Map.of(), "ef", 1, 1,
                List.of(new AnnResult.Point(10, 0.91, 5000, 0, 0, 0, 0), new AnnResult.Point(20, 0.96, 3000, 0, 0, 0, 0),
                        new AnnResult.Point(40, 0.995, 1000, 0, 0, 0, 0)));
        assertThat(e.qpsAtRecall(0.90)).isEqualTo(5000);
        assertThat(e.qpsAtRecall(0.95)).isEqualTo(3000);
        assertThat(e.qpsAtRecall(0.99)).isEqualTo(1000);
        assertThat(e.qpsAtRecall(0.999)).isNaN();
    }
}
