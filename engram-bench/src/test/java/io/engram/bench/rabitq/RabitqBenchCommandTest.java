package io.engram.bench.rabitq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RabitqBenchCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RabitqBenchCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSmallRunReportsEveryRequestedVariant() {
        Run r = run("--n", "600", "--dim", "16", "--fast", "--variants", "flat,plus-x5,ivf,ivf-codes-b8", "--probes", "1,4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"variant\": \"flat\"", "\"variant\": \"plus-x5\"", "\"variant\": \"ivf-p1\"",
                "\"variant\": \"ivf-p4\"", "\"variant\": \"ivf-codes-b8-p4\"", "\"queries\": 50", "\"k\": 100");
        // Flat is the ground truth, so its recall is exact by construction.
        assertThat(r.out()).containsPattern("\"variant\": \"flat\",\\s*\"description\": \"[^\"]*\",\\s*\"r1\": 100");
    }

    @Test
    void badInputIsAUsageErrorNamingTheValue() {
        Run unknown = run("--n", "600", "--variants", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown variant 'nope'");
        assertThat(run("--n", "0").err()).contains("must be positive, got 0");
        assertThat(run("--n", "600", "--ivf-bits", "9").err()).contains("1..8 bits, got 9");
        assertThat(run("--n", "600", "--lists", "601").err()).contains("--lists must be in 0..n");
        assertThat(RabitqBenchCommand.referenceSeed(100_000)).isEqualTo(91);
        assertThat(RabitqBenchCommand.overlap(new long[] {1, 2, 3}, new long[] {3, 9, 1}, 3)).isEqualTo(2);
    }
}
