package io.engram.bench.hdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HdcCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run detect(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HdcCommand.detect(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void streamWritesOneVerdictPerLine() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            in.append("{\"user\":\"u").append(i % 3).append("\",\"action\":\"read\"}\n");
        }
        in.append("\n");
        in.append("not json\n");
        in.append("{\"user\":\"root\",\"action\":\"wipe\"}\n");
        Run r = detect(in.toString(), "stream", "--warmup", "10");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(14);
        assertThat(lines.get(0)).startsWith("{\"event\":1,\"warmup\":true");
        assertThat(lines.get(12)).startsWith("{\"line\":14,\"error\":\"invalid JSON");
        assertThat(lines.get(13)).startsWith("{\"event\":13,\"warmup\":false,").contains("\"raw\":true");
    }

    @Test
    void usageErrors() {
        assertThat(detect("", "").code()).isEqualTo(2);
        Run none = detect("");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("demo or stream");
        assertThat(detect("", "demo", "--bogus").err()).contains("--bogus");
        assertThat(detect("", "stream", "--warmup", "x").err()).contains("whole number, got 'x'");
        assertThat(detect("", "stream", "--warmup", "1").err()).contains("at least 3 events, got 1");
        assertThat(detect("", "stream", "a", "b").err()).contains("one file");
    }
}
