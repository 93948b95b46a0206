package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.server.cli.EngramCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EngramCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpEverywhere() {
        Run root = run("--help");
        assertThat(root.code()).isZero();
        assertThat(root.out()).contains("serve");
        Run serve = run("serve", "--help");
        assertThat(serve.code()).isZero();
        assertThat(serve.out()).contains("--data", "--host", "--port", "--api-key", "--max-body", "ENGRAM_API_KEY");
        assertThat(run("help", "serve").out()).contains("--port");
    }

    @Test
    void versionIsPrinted() {
        Run v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("engram ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run badPort = run("serve", "--port", "eighty");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port").contains("eighty");
        assertThat(run("serve", "--port", "70000").code()).isEqualTo(2);
        assertThat(run("serve", "--max-body", "lots").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }
}
