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
    void badInputGetsAnErrorLineAndTheStreamGoesOn() throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append("{\"user\":\"u").append(i % 3).append("\"}\n");
        }
        in.append("{\"a\\tb\":1,\"a\\tb\":2}\n"); // duplicate key: the message quotes the key with its tab
        in.append("x".repeat(HdcCommand.MAX_LINE_CHARS + 1)).append('\n');
        in.append("{\"user\":\"u1\"}\n");
        Run r = detect(in.toString(), "stream", "--warmup", "10");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(13);
        assertThat(lines.get(10)).startsWith("{\"line\":11,\"error\":").doesNotContain("\t");
        assertThat(lines.get(11)).isEqualTo("{\"line\":12,\"error\":\"line 12 is longer than " + HdcCommand.MAX_LINE_CHARS
                + " characters; it was skipped\"}");
        assertThat(lines.get(12)).startsWith("{\"event\":11,\"warmup\":false");
        for (String line : lines) {
            assertThat(io.engram.hdc.encode.JsonValues.parse(line)).as(line).isInstanceOf(java.util.Map.class);
        }
    }

    @Test
    void fileErrorsAreNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Run missing = detect("", "stream", dir.resolve("nope.ndjson").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("engram: no such file: ").contains("nope.ndjson");

        // A bad UTF-8 byte in a file costs its line at most, as on standard input.
        java.nio.file.Path file = dir.resolve("events.ndjson");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append("{\"user\":\"u").append(i % 3).append("\"}\n");
        }
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"user\":\"\u00ff\"}\n{\"user\":\"u1\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        java.nio.file.Files.write(file, all);
        Run r = detect("", "stream", "--warmup", "10", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList()).hasSize(12).last().asString().startsWith("{\"event\":12,");
    }

    @Test
    void aClosedOutputEndsTheStreamQuietly() {
        // Input as a terminal or pipe gives it: a line per read, never "ready" beyond it; the
        // output is a PrintStream over a closed pipe, as standard output is.
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            in.append("{\"user\":\"u").append(i % 3).append("\"}\n");
        }
        byte[] bytes = in.toString().getBytes(StandardCharsets.UTF_8);
        int[] consumed = {0};
        java.io.InputStream lineByLine = new java.io.InputStream() {
            @Override
            public int read() {
                return consumed[0] < bytes.length ? bytes[consumed[0]++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (consumed[0] == bytes.length) {
                    return -1;
                }
                int n = 0;
                while (n < len && consumed[0] < bytes.length) {
                    byte c = bytes[consumed[0]++];
                    b[off + n++] = c;
                    if (c == '\n') {
                        break;
                    }
                }
                return n;
            }
        };
        java.io.OutputStream closed = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HdcCommand.detect(List.of("stream", "--warmup", "10"), lineByLine,
                new PrintStream(closed, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(consumed[0]).as("stopped after the first line whose verdict could not be written")
                .isLessThan(bytes.length / 10);
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
