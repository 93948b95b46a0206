package io.engram.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.EmbedderKind;
import io.engram.engine.record.KnowledgeRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    @TempDir
    Path temp;

    Path data;

    @BeforeEach
    void hashingEmbedder() {
        System.setProperty(EmbedderSwitch.PROPERTY, "hashing");
        data = temp.resolve("store");
    }

    @AfterEach
    void clearEmbedder() {
        System.clearProperty(EmbedderSwitch.PROPERTY);
    }

    @Test
    void jsonlImportThenSearchFindsIt() throws IOException {
        Path file = temp.resolve("notes.jsonl");
        Files.writeString(file, """
                {"content":"Ada Lovelace wrote the first program, for the Analytical Engine.","id":"ada","metadata":{"year":1843}}

                {"content":"Grace Hopper wrote the first compiler.","sources":[{"type":"web","reference":"https://example.org/hopper"}]}
                {"content":"Charles Babbage designed the Analytical Engine."}
                """);
        CliRun imported = CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--create", file.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 3 records into 'notes'");

        CliRun search = CliRun.of("search", "--data", data.toString(), "--collection", "notes", "--k", "2", "Lovelace", "program");
        assertThat(search.code()).as(search.toString()).isZero();
        assertThat(search.out().lines().findFirst().orElseThrow()).contains("  1  ").contains("ada").contains("Ada Lovelace");

        CliRun json = CliRun.of("search", "--data", data.toString(), "--collection", "notes", "--mode", "text", "--json", "compiler");
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(json.out()).startsWith("{\"hits\":[").contains("Grace Hopper wrote the first compiler.")
                .contains("\"took_micros\"");

        try (Engram engram = CliRun.openStore(data)) {
            Collection notes = engram.collection("notes");
            assertThat(notes.spec().embedder()).isEqualTo(EmbedderKind.MINILM);
            assertThat(notes.stats().records()).isEqualTo(3);
            assertThat(((Number) notes.get("ada").orElseThrow().metadata().get("year")).longValue()).isEqualTo(1843);
        }
    }

    @Test
    void csvImportPutsOtherColumnsIntoMetadata() throws IOException {
        Path file = temp.resolve("facts.csv");
        Files.writeString(file, "id,text,topic,note\r\n"
                + "c1,\"Hopper's compiler, A-0, came in 1952.\",computing,\"said \"\"first\"\"\"\r\n"
                + "c2,\"A text over\ntwo lines\",history,\r\n");
        CliRun imported = CliRun.of("import", "--data", data.toString(), "--collection", "facts", "--create", file.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
        try (Engram engram = CliRun.openStore(data)) {
            Collection facts = engram.collection("facts");
            KnowledgeRecord c1 = facts.get("c1").orElseThrow();
            assertThat(c1.content()).isEqualTo("Hopper's compiler, A-0, came in 1952.");
            assertThat(c1.metadata()).containsEntry("topic", "computing").containsEntry("note", "said \"first\"").hasSize(2);
            KnowledgeRecord c2 = facts.get("c2").orElseThrow();
            assertThat(c2.content()).isEqualTo("A text over\ntwo lines");
            assertThat(c2.metadata()).containsOnlyKeys("topic");
        }
    }

    @Test
    void aCsvRowWithTheWrongNumberOfFieldsIsNamedByItsLine() throws IOException {
        Path file = temp.resolve("rows.csv");
        Files.writeString(file, "content,topic\n\"two\nlines\",a\nfine,b\nshort\n");
        CliRun failed = CliRun.of("import", "--data", data.toString(), "--collection", "rows", "--create", file.toString());
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("line 5: expected 2 fields as in the header, got 1");
        Files.writeString(temp.resolve("header.csv"), "title,topic\nx,y\n");
        CliRun header = CliRun.of("import", "--data", data.toString(), "--collection", "rows", "--create",
                temp.resolve("header.csv").toString());
        assertThat(header.code()).isEqualTo(1);
        assertThat(header.err()).contains("line 1: expected a header with a 'content' (or 'text') column, got [title, topic]");
    }

    @Test
    void fvecsImportCreatesAVectorCollection() throws IOException {
        int n = 50;
        int dimension = 16;
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer buffer = ByteBuffer.allocate(n * (4 + 4 * dimension)).order(ByteOrder.LITTLE_ENDIAN);
        float[] first = new float[dimension];
        for (int i = 0; i < n; i++) {
            buffer.putInt(dimension);
            for (int j = 0; j < dimension; j++) {
                float x = (float) random.nextGaussian();
                if (i == 0) {
                    first[j] = x;
                }
                buffer.putFloat(x);
            }
        }
        Path file = temp.resolve("points.fvecs");
        Files.write(file, buffer.array());
        CliRun imported = CliRun.of("import", "--data", data.toString(), "--collection", "points", "--create", "--batch", "7",
                file.toString());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 50 records");
        try (Engram engram = CliRun.openStore(data)) {
            Collection points = engram.collection("points");
            assertThat(points.spec().embedder()).isEqualTo(EmbedderKind.NONE);
            assertThat(points.spec().dimension()).isEqualTo(dimension);
            assertThat(points.stats().records()).isEqualTo(n);
            assertThat(points.stats().indexedVectors()).isEqualTo(n);
            assertThat(points.vector("0").orElseThrow()).containsExactly(first);
            assertThat(points.get("49")).isPresent();
        }

        // A second file of another dimension does not fit the collection.
        ByteBuffer other = ByteBuffer.allocate(4 + 4 * 3).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putFloat(1).putFloat(2).putFloat(3);
        Path small = temp.resolve("small.fvecs");
        Files.write(small, other.array());
        CliRun mismatch = CliRun.of("import", "--data", data.toString(), "--collection", "points", small.toString());
        assertThat(mismatch.code()).as(mismatch.toString()).isEqualTo(1);
        assertThat(mismatch.err()).startsWith("engram: ").contains("dimension 3");
    }

    @Test
    void aBadLineFailsNamingItAndWritesNothingOfItsBatch() throws IOException {
        Path file = temp.resolve("bad.ndjson");
        Files.writeString(file, """
                {"content":"one"}
                {"content":"two"}
                {"content":"three"}
                {"content":"four", "colour":"red"}
                {"content":"five"}
                """);
        CliRun failed = CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--create", file.toString());
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).startsWith("engram: ").contains("line 4").contains("colour").contains("nothing of its batch was written");
        try (Engram engram = CliRun.openStore(data)) {
            assertThat(engram.collection("notes").stats().records()).isZero();
        }

        // With batches of two, the first batch (lines 1-2) stays; the one holding line 4 is not written.
        CliRun batched = CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--batch", "2", file.toString());
        assertThat(batched.code()).as(batched.toString()).isEqualTo(1);
        assertThat(batched.err()).contains("line 4").contains("2 records imported before it");
        try (Engram engram = CliRun.openStore(data)) {
            Collection notes = engram.collection("notes");
            assertThat(notes.stats().records()).isEqualTo(2);
        }

        Path malformed = temp.resolve("malformed.jsonl");
        Files.writeString(malformed, "{\"content\":\"fine\"}\n{\"content\": oops}\n");
        CliRun broken = CliRun.of("import", "--data", data.toString(), "--collection", "notes", malformed.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("line 2: malformed JSON at column");
    }

    @Test
    void anUnknownCollectionWithoutCreateFails() throws IOException {
        Path file = temp.resolve("notes.jsonl");
        Files.writeString(file, "{\"content\":\"one\"}\n");
        assertThat(CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--create", file.toString()).code())
                .isZero();
        CliRun unknown = CliRun.of("import", "--data", data.toString(), "--collection", "nope", file.toString());
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("engram: no collection named 'nope' in " + data
                + " (it has: notes) — pass --create to create it");

        CliRun noStore = CliRun.of("import", "--data", temp.resolve("elsewhere").toString(), "--collection", "notes", file.toString());
        assertThat(noStore.code()).isEqualTo(1);
        assertThat(noStore.err()).contains("no store at");
        assertThat(temp.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void aMissingFileOrUnknownFormatFails() {
        CliRun missing = CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--create",
                temp.resolve("absent.jsonl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
        CliRun unknown = CliRun.of("import", "--data", data.toString(), "--collection", "notes", "notes.txt");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--format");
        assertThat(CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--format", "xml", "a.jsonl").code())
                .isEqualTo(2);
        assertThat(CliRun.of("import", "--data", data.toString(), "--collection", "notes", "--batch", "0", "a.jsonl").code())
                .isEqualTo(2);
    }
}
