package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.embed.Embedder;
import io.engram.embed.HashingEmbedder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextVectorCacheTest {

    private static final String ID = "fake embedder v1";

    @TempDir
    Path dir;

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger embedded = new AtomicInteger();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private TextSplit split;

    /**
     * A stand-in for MiniLM whose vectors, like the int8 model's, depend on the batch: the last
     * component is the size of the embedAll call. Counts opens and texts embedded.
     */
    private final class FakeEmbedder implements Embedder {
        @Override
        public int dimension() {
            return 8;
        }

        @Override
        public float[] embed(String text) {
            return embedAll(List.of(text))[0];
        }

        @Override
        public float[][] embedAll(List<String> texts) {
            embedded.addAndGet(texts.size());
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = java.util.Arrays.copyOf(HashingEmbedder.vectorOf(texts.get(i)), 8);
                out[i][7] = texts.size();
            }
            return out;
        }

        @Override
        public void close() {}
    }

    private Embedder open() {
        opened.incrementAndGet();
        return new FakeEmbedder();
    }

    @BeforeEach
    void corpus() {
        split = split(0);
    }

    private static TextSplit split(int variant) {
        List<String> texts = IntStream.range(0, 500).mapToObj(i -> "text " + i + (i == 0 ? " v" + variant : "")).toList();
        return TextSplit.of(texts, 20, 700, 42);
    }

    private TextVectorCache.Vectors load(Path cache, TextSplit s, int count, String id) throws IOException {
        return TextVectorCache.load(cache, s, count, id, this::open, 2, log);
    }

    @Test
    void secondLoadReadsTheCacheWithoutOpeningTheEmbedder() throws IOException {
        TextVectorCache.Vectors first = load(dir, split, 700, ID);
        assertThat(opened).hasValue(1);
        assertThat(embedded).hasValue(720);
        assertThat(first.train()).hasNumberOfRows(700);
        assertThat(first.queries()).hasNumberOfRows(20);
        assertThat(first.train()[0]).isEqualTo(new FakeEmbedder().embedAll(split.train().subList(0, 256))[0]);

        TextVectorCache.Vectors second = load(dir, split, 700, ID);
        assertThat(opened).hasValue(1);
        assertThat(second.train()).isDeepEqualTo(first.train());
        assertThat(second.queries()).isDeepEqualTo(first.queries());

        TextVectorCache.Vectors prefix = load(dir, split, 100, ID);
        assertThat(opened).hasValue(1);
        assertThat(prefix.train()).isDeepEqualTo(java.util.Arrays.copyOf(first.train(), 100));
    }

    @Test
    void aSmallRequestEmbedsWholeChunksAndGrowsToTheSameRowsAsAFullBuild() throws IOException {
        TextVectorCache.Vectors small = load(dir, split, 100, ID);
        assertThat(small.train()).hasNumberOfRows(100);
        assertThat(embedded).hasValue(20 + 256); // queries plus one chunk
        assertThat(Files.readString(dir.resolve(TextVectorCache.MANIFEST))).contains("train.embedded=256");

        TextVectorCache.Vectors grown = load(dir, split, 600, ID);
        assertThat(opened).hasValue(2);
        assertThat(embedded).hasValue(20 + 256 + (700 - 256)); // only the missing chunks, queries reused

        TextVectorCache.Vectors fresh = load(dir.resolve("fresh"), split, 700, ID);
        assertThat(grown.train()).isDeepEqualTo(java.util.Arrays.copyOf(fresh.train(), 600));
        assertThat(grown.queries()).isDeepEqualTo(fresh.queries());
    }

    @Test
    void changedTextsOrEmbedderRebuild() throws IOException {
        load(dir, split, 300, ID);
        int afterFirst = embedded.get();
        TextVectorCache.Vectors changed = load(dir, split(1), 300, ID);
        assertThat(opened).hasValue(2);
        assertThat(embedded.get() - afterFirst).isEqualTo(20 + 512);
        assertThat(log()).contains("for other texts or another embedder");
        assertThat(Files.readString(dir.resolve(TextVectorCache.MANIFEST)))
                .contains("corpus.sha256=" + TextVectorCache.sha256(split(1)));

        load(dir, split(1), 300, "fake embedder v2");
        assertThat(opened).hasValue(3);
        load(dir, split(1), 300, "fake embedder v2");
        assertThat(opened).hasValue(3);
        assertThat(changed.train()).hasNumberOfRows(300);
    }

    @Test
    void damagedFilesAreReEmbeddedNotTrusted() throws IOException {
        TextVectorCache.Vectors first = load(dir, split, 300, ID);
        Path train = dir.resolve(TextVectorCache.TRAIN);
        byte[] bytes = Files.readAllBytes(train);
        Files.write(train, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        TextVectorCache.Vectors again = load(dir, split, 300, ID);
        assertThat(opened).hasValue(2);
        assertThat(log()).contains("cached vectors rejected");
        assertThat(again.train()).isDeepEqualTo(first.train());

        Files.writeString(dir.resolve(TextVectorCache.MANIFEST), "format=1\nembedder=" + ID + "\n");
        load(dir, split, 300, ID);
        assertThat(opened).hasValue(3);
    }

    @Test
    void corpusHashSeesEveryTextAndItsPlace() {
        TextSplit a = new TextSplit(List.of("q"), List.of("a", "b"), 2);
        assertThat(TextVectorCache.sha256(a)).isEqualTo(TextVectorCache.sha256(new TextSplit(List.of("q"), List.of("a", "b"), 2)))
                .isNotEqualTo(TextVectorCache.sha256(new TextSplit(List.of("q"), List.of("b", "a"), 2)))
                .isNotEqualTo(TextVectorCache.sha256(new TextSplit(List.of("q", "a"), List.of("b"), 1)))
                .isNotEqualTo(TextVectorCache.sha256(new TextSplit(List.of("q"), List.of("ab"), 1)));
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
