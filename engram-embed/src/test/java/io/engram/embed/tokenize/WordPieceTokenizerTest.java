package io.engram.embed.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.fromResource("/all-minilm-l6-v2-q-tokenizer.json");
    }

    @Test
    void reproducesTheGoldenIds() {
        assertThat(tokenizer.encode("The cat sits on the mat."))
                .containsExactly(101, 1996, 4937, 7719, 2006, 1996, 13523, 1012, 102);
    }

    @Test
    void readsTheShippedVocabularyAndSettings() {
        assertThat(tokenizer.vocabularySize()).isEqualTo(30_522);
        assertThat(tokenizer.maxLength()).isEqualTo(128);
        assertThat(tokenizer.clsId()).isEqualTo(101);
        assertThat(tokenizer.sepId()).isEqualTo(102);
        assertThat(tokenizer.unkId()).isEqualTo(100);
        assertThat(tokenizer.padId()).isZero();
    }

    @Test
    void splitsWordsIntoLongestMatchingPieces() {
        assertThat(tokenizer.tokens("unaffable")).containsExactly("una", "##ffa", "##ble");
        assertThat(tokenizer.tokens("Tokenization")).containsExactly("token", "##ization");
    }

    @Test
    void lowerCasesStripsAccentsAndIsolatesPunctuation() {
        assertThat(tokenizer.tokens("Héllo, WORLD!")).containsExactly("hello", ",", "world", "!");
        assertThat(tokenizer.tokens("naïve café")).containsExactly("naive", "cafe");
        assertThat(tokenizer.tokens("a$b")).containsExactly("a", "$", "b");
    }

    @Test
    void isolatesCjkIdeographs() {
        assertThat(tokenizer.tokens("中文abc")).containsExactly("中", "文", "abc");
    }

    @Test
    void dropsControlCharactersAndTreatsAllWhitespaceAsSeparators() {
        assertThat(tokenizer.tokens("cat\u0000\u200Bs\tdog\u00A0\nmat"))
                .containsExactly("cats", "dog", "mat");
    }

    @Test
    void unknownAndOverlongWordsBecomeOneUnk() {
        assertThat(tokenizer.tokenize("\uD83E\uDD84")).containsExactly(tokenizer.unkId());
        String overlong = "a".repeat(101);
        assertThat(tokenizer.tokenize(overlong + " cat")).containsExactly(tokenizer.unkId(), 4937);
    }

    @Test
    void emptyTextEncodesToClsAndSep() {
        assertThat(tokenizer.encode("")).containsExactly(101, 102);
        assertThat(tokenizer.encodeWindows("  ")).singleElement()
                .satisfies(w -> assertThat(w).containsExactly(101, 102));
    }

    @Test
    void encodeTruncatesToTheMaximumLength() {
        int[] ids = tokenizer.encode("cat ".repeat(500));
        assertThat(ids).hasSize(128);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[127]).isEqualTo(102);
    }

    @Test
    void windowsCoverEveryTokenOnceAndFitTheMaximumLength() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = {"cat", "sits", "unaffable", "tokenization", "mat", "on", "the",
                "extraordinarily", "photosynthesis", "."};
        String text = String.join(" ", IntStream.range(0, 700)
                .mapToObj(i -> words[random.nextInt(words.length)]).toList());
        int[] all = tokenizer.tokenize(text);
        List<int[]> windows = tokenizer.encodeWindows(text);

        assertThat(windows).as("seed %d", seed).hasSizeGreaterThan(1);
        int[] joined = windows.stream()
                .peek(w -> {
                    assertThat(w.length).as("seed %d", seed).isLessThanOrEqualTo(128);
                    assertThat(w[0]).isEqualTo(101);
                    assertThat(w[w.length - 1]).isEqualTo(102);
                })
                .flatMapToInt(w -> IntStream.range(1, w.length - 1).map(i -> w[i]))
                .toArray();
        assertThat(joined).as("seed %d", seed).containsExactly(all);
        // No window after the first starts inside a word.
        for (int[] w : windows.subList(1, windows.size())) {
            assertThat(tokenizer.piece(w[1])).as("seed %d", seed).doesNotStartWith("##");
        }
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> tokenizer.tokenize(null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("text");
    }

    @Test
    void rejectsFilesThatAreNotWordPiece() {
        String bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0}}}";
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson(stream(bpe)))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("WordPiece")
                .hasMessageContaining("BPE");
        String noCls = "{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[UNK]\":0,\"a\":1}}}";
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson(stream(noCls)))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("[CLS]");
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson(stream("{\"model\":")))
                .isInstanceOf(CorruptFileException.class);
    }

    @Test
    void readsAMinimalFile() {
        String json = "{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":true},"
                + "\"truncation\":{\"max_length\":4},"
                + "\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[PAD]\":0,\"[UNK]\":1,"
                + "\"[CLS]\":2,\"[SEP]\":3,\"ab\":4,\"##c\":5}}}";
        WordPieceTokenizer tiny = WordPieceTokenizer.fromJson(stream(json));
        assertThat(tiny.encode("ABC ab")).containsExactly(2, 4, 5, 3);
        assertThat(tiny.encodeWindows("abc ab")).hasSize(2);
        assertThat(tiny.tokenize("abd")).containsExactly(1);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
