package io.engram.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngramMainTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return EngramMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noArgumentsPrintsHelp() {
        assertThat(run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: engram <command>").contains("kernels");
    }

    @Test
    void kernelsNamesImplementationSpeciesAndCpuFlags() {
        assertThat(run("kernels")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("implementation: panama").contains("float species:").contains("cpu flags:");
    }

    @Test
    void kernelsJsonIsOneObject() {
        assertThat(run("kernels", "--json")).isZero();
        String json = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(json).startsWith("{\"implementation\":\"panama\"").endsWith("}").contains("\"vectorBits\":");
    }

    @Test
    void serveIsHandedToTheServerCommand() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: engram serve").contains("--port").contains("--data");
        assertThat(run("serve", "--port", "not-a-port")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port");
    }

    @Test
    void storeCommandsAreHandedToTheServerCommand() {
        for (String command : new String[] {"import", "search", "context", "stats"}) {
            out.reset();
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: engram " + command).contains("--data");
        }
        assertThat(run("search", "--k", "many", "x")).isEqualTo(2);
        out.reset();
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("import [opts] FILE").contains("stats [--data DIR]");
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
        assertThat(run("bench", "nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown bench suite 'nope'");
        assertThat(run("kernels", "--yaml")).isEqualTo(2);
    }

    @Test
    void benchAnnIsWiredAndDocumented() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bench ann [opts]").contains("--dataset fashion-mnist");
        assertThat(run("bench", "ann")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dataset is required");
        assertThat(run("bench", "ann", "--dataset", "gaussian:10x2", "--engines", "nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown engine 'nope'");
    }

    @Test
    void quoteEscapesControlCharacters() {
        assertThat(EngramMain.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
