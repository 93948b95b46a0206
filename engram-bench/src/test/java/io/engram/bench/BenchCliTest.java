package io.engram.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.bench.context.ContextBenchCommand;
import io.engram.bench.embed.EmbedBenchCommand;
import io.engram.bench.serve.ServeBenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage errors of the picocli bench commands: exit 2 and a message naming the option and value. */
class BenchCliTest {

    @FunctionalInterface
    interface Command {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    private static String[] run(Command command, int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(expectedCode);
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void outOfRangeValuesAndUnknownOptionsAreUsageErrors() {
        assertThat(run(ServeBenchCommand::run, 2, "--records", "5")[1]).contains("--records expects 1000..10000000, got 5");
        assertThat(run(ServeBenchCommand::run, 2, "--connections", "0")[1]).contains("--connections expects 1..1024, got 0");
        assertThat(run(ServeBenchCommand::run, 2, "--bogus")[1]).contains("Unknown option: '--bogus'");
        assertThat(run(ServeBenchCommand::run, 2, "--reply", "some")[1]).contains("--reply must be full or ids, got 'some'");
        assertThat(run(ServeBenchCommand::run, 2, "--client", "curl")[1]).contains("--client must be builtin or wrk, got 'curl'");
        assertThat(run(ContextBenchCommand::run, 2, "--queries", "5")[1]).contains("--queries expects 100..10000000, got 5");
        assertThat(run(ContextBenchCommand::run, 2, "--records", "many")[1]).contains("'many'");
        assertThat(run(EmbedBenchCommand::run, 2, "--model", "x")[1]).contains("--model expects quantized or fp32, got 'x'");
        assertThat(run(EmbedBenchCommand::run, 0, "--help")[0]).contains("--singles", "--model");
    }

    @Test
    void aShortServeRunAnswersEveryRequestAndReportsRecall() {
        for (String reply : new String[] {"ids", "full"}) {
            String json = run(ServeBenchCommand::run, 0, "--records", "1000", "--seconds", "1", "--warmup", "0",
                    "--connections", "2", "--reply", reply, "--json")[0];
            assertThat(json).contains("\"reply\":\"" + reply + "\"", "\"errors\":0", "\"records\":1000");
            double recall = Double.parseDouble(json.replaceAll("(?s).*\"recall_at_10\":([0-9.]+).*", "$1"));
            assertThat(recall).as(json).isGreaterThan(0.9);
        }
    }
}
