package io.engram.bench.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBenchCommandTest {

    @Test
    void aSmallRunReportsEveryPhaseAsJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GraphBenchCommand.run(List.of("--nodes", "3000", "--edges", "30000", "--seconds", "0.1", "--json"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"oneHop\"", "\"twoHop\"", "\"bfs\"", "\"pageRank\"", "\"budgetedTraversal\"",
                "\"commits\"", "\"snapshotReads\"", "\"snapshotReadsWriter10k\"", "\"edgesAfterMerge\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1-hop neighbour list");
    }

    @Test
    void badOptionsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(GraphBenchCommand.run(List.of("--nodes", "1"), System.out, e)).isEqualTo(2);
        assertThat(GraphBenchCommand.run(List.of("--edges", "x"), System.out, e)).isEqualTo(2);
        assertThat(GraphBenchCommand.run(List.of("--bogus", "1"), System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nodes must be in [2,").contains("unknown option '--bogus'");
    }

    @Test
    void rmatIsDeterministicAndInRange() {
        int[][] a = RmatGenerator.generate(1000, 5000, 7);
        int[][] b = RmatGenerator.generate(1000, 5000, 7);
        assertThat(a[0]).isEqualTo(b[0]);
        assertThat(a[1]).isEqualTo(b[1]);
        assertThat(java.util.Arrays.stream(a[0]).allMatch(v -> v >= 0 && v < 1000)).isTrue();
        assertThat(java.util.Arrays.stream(a[1]).allMatch(v -> v >= 0 && v < 1000)).isTrue();
    }
}
