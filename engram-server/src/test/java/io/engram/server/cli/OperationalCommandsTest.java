package io.engram.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.Engram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationalCommandsTest {
    @TempDir
    Path temp;

    Path data;

    @BeforeEach
    void storeWithNotes() throws IOException {
        System.setProperty(EmbedderSwitch.PROPERTY, "hashing");
        data = temp.resolve("store");
        Path file = temp.resolve("notes.jsonl");
        Files.writeString(file, """
                {"id":"ada","content":"Ada Lovelace wrote the first program, for the Analytical Engine."}
                {"id":"babbage","content":"Charles Babbage designed the Analytical Engine."}
                {"id":"hopper","content":"Grace Hopper wrote the first compiler."}
                """);
        CliRun imported = CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--create", file.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
    }

    @AfterEach
    void clearEmbedder() {
        System.clearProperty(EmbedderSwitch.PROPERTY);
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String command : new String[] {"import", "search", "context", "stats"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: engram " + command).contains("--data");
        }
        assertThat(CliRun.of("--help").out()).contains("import", "search", "context", "stats");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliRun.of("search", "--data", data.toString(), "--collection", "notes", "--k", "many", "x").code()).isEqualTo(2);
        assertThat(CliRun.of("search", "--data", data.toString(), "--collection", "notes", "--k", "0", "x").code()).isEqualTo(2);
        assertThat(CliRun.of("search", "--data", data.toString(), "--collection", "notes", "--mode", "fuzzy", "x").code()).isEqualTo(2);
        assertThat(CliRun.of("search", "--data", data.toString(), "--collection", "notes").code()).isEqualTo(2);
        assertThat(CliRun.of("search", "--data", data.toString(), "x").code()).isEqualTo(2);
        assertThat(CliRun.of("context", "--data", data.toString(), "--collection", "notes", "--format", "html", "x").code()).isEqualTo(2);
        assertThat(CliRun.of("context", "--data", data.toString(), "--collection", "notes", "--preset", "bold", "x").code()).isEqualTo(2);
        assertThat(CliRun.of("stats", "--data", data.toString(), "--frobnicate").code()).isEqualTo(2);
        CliRun missing = CliRun.of("import", "--data", data.toString(), "notes.jsonl");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("engram: Missing required option: '--collection=NAME'")
                .contains("see 'engram import --help'");
    }

    @Test
    void searchPrintsRankScoreIdAndContent() {
        CliRun search = CliRun.of("search", "--data", data.toString(), "--collection", "notes", "--mode", "text", "compiler");
        assertThat(search.code()).as(search.toString()).isZero();
        assertThat(search.out()).matches("(?s)\\s*1  \\d\\.\\d{4}  hopper  Grace Hopper wrote the first compiler\\.\\n.*");
        CliRun unknown = CliRun.of("search", "--data", data.toString(), "--collection", "other", "x");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no collection named 'other'").contains("it has: notes");
    }

    @Test
    void contextPrintsTheAssembledText() {
        CliRun markdown = CliRun.of("context", "--data", data.toString(), "--collection", "notes", "--max-tokens", "500",
                "who", "designed", "the", "Analytical", "Engine?");
        assertThat(markdown.code()).as(markdown.toString()).isZero();
        assertThat(markdown.out()).contains("Charles Babbage designed the Analytical Engine.").contains("[1]");
        CliRun json = CliRun.of("context", "--data", data.toString(), "--collection", "notes", "--format", "json",
                "--preset", "prefer-recent", "compiler");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(json.out().strip()).startsWith("{").contains("Grace Hopper");
    }

    @Test
    void statsListsCollectionsWithSpecAndCounts() {
        CliRun stats = CliRun.of("stats", "--data", data.toString());
        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out()).contains("1 collection").contains("notes  (384 d, cosine, hnsw, embedder minilm)")
                .contains("records 3: active 3");
        CliRun json = CliRun.of("stats", "--data", data.toString(), "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"collections\":[{\"name\":\"notes\"").contains("\"records\":3");
    }

    @Test
    void aStoreHeldByAnotherOpenerIsReportedAsInUse() {
        try (Engram held = CliRun.openStore(data)) {
            for (String[] args : new String[][] {{"stats", "--data", data.toString()},
                    {"search", "--data", data.toString(), "--collection", "notes", "x"}}) {
                CliRun locked = CliRun.of(args);
                assertThat(locked.code()).as(locked.toString()).isEqualTo(1);
                assertThat(locked.err().strip()).isEqualTo("engram: the store " + data + " is in use (is engram serve running?)");
            }
            assertThat(held.collection("notes").stats().records()).isEqualTo(3);
        }
    }

    @Test
    void aMissingStoreIsReported() {
        CliRun stats = CliRun.of("stats", "--data", temp.resolve("nothing-here").toString());
        assertThat(stats.code()).isEqualTo(1);
        assertThat(stats.err()).startsWith("engram: no store at ");
    }
}
