package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnBenchCommandTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return AnnBenchCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheProblem() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("--dataset is required").contains("engram bench ann --dataset NAME");
        assertThat(run("--dataset", "gaussian:10x2", "--engines", "engram-hnsw,faiss")).isEqualTo(2);
        assertThat(err()).contains("unknown engine 'faiss'").contains("known: " + String.join(", ", AnnEngines.names()))
                .contains("known: exact, engram-hnsw, engram-hnsw-int8, engram-flat");
        assertThat(run("--dataset", "gaussian:10x2", "--engines", "lucene-hnsw@0")).isEqualTo(2);
        assertThat(err()).contains("engine 'lucene-hnsw@0': the build thread count after '@' must be a positive integer");
        assertThat(run("--dataset", "gaussian:10x2", "--engines", "faiss@1")).isEqualTo(2);
        assertThat(err()).contains("unknown engine 'faiss'");
        assertThat(run("--dataset", "gaussian:10x2", "--k", "0")).isEqualTo(2);
        assertThat(err()).contains("--k needs a positive integer, got '0'");
        assertThat(run("--dataset", "gaussian:10x2", "--k", "101")).isEqualTo(2);
        assertThat(err()).contains("--k 101 exceeds the ground-truth depth 100");
        assertThat(run("--dataset", "gaussian:10x2", "--sweep", "10,x")).isEqualTo(2);
        assertThat(err()).contains("--sweep needs a positive integer, got 'x'");
        assertThat(run("--dataset", "gaussian:10x2", "--metric", "hamming")).isEqualTo(2);
        assertThat(err()).contains("--metric hamming is not supported");
        assertThat(run("--dataset", "gaussian:10x2", "--metric", "manhattan")).isEqualTo(2);
        assertThat(err()).contains("unknown metric 'manhattan'");
        assertThat(run("--dataset", "sift")).isEqualTo(2);
        assertThat(err()).contains("--dataset 'sift' is not fashion-mnist, debian-minilm[:N] (N 1000..100000) or gaussian:NxD[:seed]");
        assertThat(run("--dataset", "debian-minilm:999")).isEqualTo(2);
        assertThat(err()).contains("--dataset 'debian-minilm:999' is not");
        assertThat(run("--dataset", "gaussian:10x2", "--threads")).isEqualTo(2);
        assertThat(err()).contains("--threads needs a value");
        assertThat(run("--dataset", "gaussian:10x2", "--frobnicate", "1")).isEqualTo(2);
        assertThat(err()).contains("unknown option --frobnicate");
        assertThat(run("--dataset", "gaussian:10x2", "--out", "x.txt")).isEqualTo(2);
        assertThat(err()).contains("--out must name a .json file");
    }

    @Test
    void parsesEveryOption() throws Exception {
        AnnBenchCommand.Options o = AnnBenchCommand.parse(List.of("--dataset", "gaussian:100x8:5", "--engines",
                "jvector,exact", "--k", "5", "--threads", "3", "--queries", "7", "--sweep", "10,20", "--ef-construction",
                "64", "--m", "8", "--metric", "cosine", "--out", "r/x.json", "--cache", "c"));
        assertThat(o.engines()).containsExactly("jvector", "exact");
        assertThat(o.k()).isEqualTo(5);
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.queries()).isEqualTo(7);
        assertThat(o.sweep()).containsExactly(10, 20);
        AnnBenchCommand.Options knobs = AnnBenchCommand.parse(List.of("--dataset", "gaussian:100x8",
                "--sweep", "probes=1,3", "--sweep", "rerank=5"));
        assertThat(knobs.sweep()).isNull();
        assertThat(knobs.knobSweeps().get("probes")).containsExactly(1, 3);
        assertThat(knobs.knobSweeps().get("rerank")).containsExactly(5);
        AnnBenchmark.Config config = new AnnBenchmark.Config(10, 1, new int[] {7}, knobs.knobSweeps(), 1);
        assertThat(config.sweepFor(AnnEngines.create("engram-ivf-rabitq", EngineOptions.DEFAULTS))).containsExactly(1, 3);
        assertThat(config.sweepFor(AnnEngines.create("lucene-hnsw", EngineOptions.DEFAULTS))).containsExactly(7);
        assertThatThrownBy(() -> AnnBenchCommand.parse(List.of("--dataset", "gaussian:100x8",
                "--sweep", "probes=1", "--sweep", "probes=2"))).hasMessageContaining("twice");
        assertThat(o.engineOptions()).isEqualTo(new EngineOptions(8, 64));
        assertThat(o.metric()).isEqualTo(io.engram.core.Metric.COSINE);
        assertThat(o.cache()).isEqualTo(Path.of("c"));
        assertThat(AnnBenchCommand.seedOf("gaussian:100x8:5")).isEqualTo(5);
        assertThat(AnnBenchCommand.seedOf("fashion-mnist")).isEqualTo(42);
    }

    @Test
    void runsEndToEndWithCacheAndReport() {
        Path json = dir.resolve("r.json");
        int code = run("--dataset", "gaussian:300x8", "--engines", "exact,engram-hnsw", "--queries", "12", "--sweep", "10,20",
                "--threads", "1", "--cache", dir.resolve("cache").toString(), "--out", json.toString());
        assertThat(code).as(err()).isZero();
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout).contains("gaussian-300x8-seed42 (l2, 300 × 8 d, 12 queries)", "QPS at recall", "wrote ");
        assertThat(json).exists();
        assertThat(dir.resolve("r.svg")).exists();
        assertThat(dir.resolve("cache/groundtruth/gaussian-300x8-seed42-l2-300x8-q12-k100.gt")).exists();
    }
}
