package io.engram.embed.tokenize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT WordPiece over the vocabulary of a Hugging Face {@code tokenizer.json}: {@link
 * BasicTokenizer} splits the text into words, then each word becomes the greedy longest-match
 * sequence of vocabulary pieces (continuations carry the {@code ##} prefix), or {@code [UNK]} when
 * no such sequence exists or the word is longer than the file's {@code max_input_chars_per_word}.
 *
 * <p>Immutable once loaded, so one instance serves any number of threads.
 */
public final class WordPieceTokenizer {
    private final Map<String, Integer> vocab;
    private final boolean[] continuation;
    private final String[] pieces;
    private final BasicTokenizer basic;
    private final String continuingPrefix;
    private final int maxCharsPerWord;
    private final int maxLength;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final int padId;

    private WordPieceTokenizer(Map<String, Integer> vocab, BasicTokenizer basic, String unkToken,
                               String continuingPrefix, int maxCharsPerWord, int maxLength) {
        this.vocab = vocab;
        this.basic = basic;
        this.continuingPrefix = continuingPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.maxLength = maxLength;
        this.unkId = require(vocab, unkToken);
        this.clsId = require(vocab, "[CLS]");
        this.sepId = require(vocab, "[SEP]");
        this.padId = require(vocab, "[PAD]");
        int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.continuation = new boolean[size];
        this.pieces = new String[size];
        vocab.forEach((piece, id) -> {
            continuation[id] = piece.startsWith(continuingPrefix);
            pieces[id] = piece;
        });
    }

    private static int require(Map<String, Integer> vocab, String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new CorruptFileException("tokenizer.json: the vocabulary has no " + token
                    + " token (" + vocab.size() + " entries)");
        }
        return id;
    }

    /** Loads a classpath resource such as {@code /all-minilm-l6-v2-q-tokenizer.json}. */
    public static WordPieceTokenizer fromResource(String resource) {
        try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidArgumentException("tokenizer resource " + resource
                        + " is not on the classpath");
            }
            return fromJson(in);
        } catch (IOException e) {
            throw new CorruptFileException("cannot read tokenizer resource " + resource, e);
        }
    }

    /**
     * Reads a {@code tokenizer.json} with the streaming parser: only {@code model} (type
     * WordPiece, vocab, unk token, prefix, word length cap), {@code normalizer} (the
     * BertNormalizer flags) and {@code truncation.max_length} are used; the rest is skipped.
     */
    public static WordPieceTokenizer fromJson(InputStream in) {
        try (JsonParser p = new JsonFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the document");
            Map<String, Integer> vocab = null;
            String modelType = null;
            String unk = "[UNK]";
            String prefix = "##";
            int maxChars = 100;
            int maxLength = 512;
            boolean clean = true;
            boolean chinese = true;
            Boolean strip = null;
            boolean lower = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "model" -> {
                        expect(value, JsonToken.START_OBJECT, "model");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (key) {
                                case "type" -> modelType = p.getText();
                                case "unk_token" -> unk = p.getText();
                                case "continuing_subword_prefix" -> prefix = p.getText();
                                case "max_input_chars_per_word" -> maxChars = p.getIntValue();
                                case "vocab" -> vocab = readVocab(p, v);
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "normalizer" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            break;
                        }
                        expect(value, JsonToken.START_OBJECT, "normalizer");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (key) {
                                case "type" -> {
                                    if (!"BertNormalizer".equals(p.getText())) {
                                        throw new CorruptFileException("tokenizer.json: expected"
                                                + " normalizer BertNormalizer, found " + p.getText());
                                    }
                                }
                                case "clean_text" -> clean = v == JsonToken.VALUE_TRUE;
                                case "handle_chinese_chars" -> chinese = v == JsonToken.VALUE_TRUE;
                                case "strip_accents" -> strip = v == JsonToken.VALUE_NULL
                                        ? null : v == JsonToken.VALUE_TRUE;
                                case "lowercase" -> lower = v == JsonToken.VALUE_TRUE;
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "truncation" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String key = p.currentName();
                                p.nextToken();
                                if (key.equals("max_length")) {
                                    maxLength = p.getIntValue();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!"WordPiece".equals(modelType)) {
                throw new CorruptFileException("tokenizer.json: expected model type WordPiece, found "
                        + modelType);
            }
            if (vocab == null || vocab.isEmpty()) {
                throw new CorruptFileException("tokenizer.json: model.vocab is missing or empty");
            }
            if (maxLength < 3) {
                throw new CorruptFileException("tokenizer.json: truncation.max_length must leave"
                        + " room for [CLS], a token and [SEP], found " + maxLength);
            }
            // As in Hugging Face's BertNormalizer, an unset strip_accents follows lowercase.
            boolean stripAccents = strip == null ? lower : strip;
            return new WordPieceTokenizer(vocab, new BasicTokenizer(clean, chinese, stripAccents,
                    lower), unk, prefix, maxChars, maxLength);
        } catch (IOException e) {
            throw new CorruptFileException("tokenizer.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> readVocab(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT, "model.vocab");
        Map<String, Integer> vocab = new HashMap<>(65_536);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String piece = p.currentName();
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "the id of vocab entry " + piece);
            int id = p.getIntValue();
            if (id < 0) {
                throw new CorruptFileException("tokenizer.json: vocab id of " + piece
                        + " must be >= 0, found " + id);
            }
            vocab.put(piece, id);
        }
        return vocab;
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new CorruptFileException("tokenizer.json: expected " + expected + " for " + what
                    + ", found " + actual);
        }
    }

    /** The WordPiece ids of {@code text}, without [CLS]/[SEP] and without truncation. */
    public int[] tokenize(String text) {
        InvalidArgumentException.check(text != null, "text must not be null");
        int[] ids = new int[Math.max(16, text.length())];
        int n = 0;
        for (String word : basic.split(text)) {
            if (n + word.length() + 1 > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, n + word.length() + 1));
            }
            n = appendWord(word, ids, n);
        }
        return Arrays.copyOf(ids, n);
    }

    /**
     * Appends the pieces of one word at {@code ids[n]} and returns the new length; a word has at
     * most as many pieces as code units, and the caller reserved that much room.
     */
    private int appendWord(String word, int[] ids, int n) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            ids[n] = unkId;
            return n + 1;
        }
        int start = 0;
        int written = n;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = word.substring(start, end);
                if (start > 0) {
                    piece = continuingPrefix + piece;
                }
                found = vocab.get(piece);
                if (found != null) {
                    break;
                }
                end--;
                if (end > start && Character.isLowSurrogate(word.charAt(end))) {
                    end--; // never cut a code point in half
                }
            }
            if (found == null) {
                ids[n] = unkId; // one unmatched piece makes the whole word unknown
                return n + 1;
            }
            ids[written++] = found;
            start = end;
        }
        return written;
    }

    /** [CLS] + the ids of {@code text}, cut to fit {@link #maxLength()}, + [SEP]. */
    public int[] encode(String text) {
        int[] ids = tokenize(text);
        int body = Math.min(ids.length, maxLength - 2);
        return wrap(ids, 0, body);
    }

    /**
     * The ids of {@code text} in windows of at most {@link #maxLength()} ids each, every one
     * framed by [CLS] and [SEP]; a short text gives one window. A window ends before a word's
     * first piece when one lies in its second half, so that words are rarely cut apart.
     */
    public List<int[]> encodeWindows(String text) {
        int[] ids = tokenize(text);
        int body = maxLength - 2;
        List<int[]> windows = new ArrayList<>(ids.length / body + 1);
        int start = 0;
        do {
            int end = Math.min(ids.length, start + body);
            if (end < ids.length) {
                int cut = end;
                while (cut > start + body / 2 && isContinuation(ids[cut])) {
                    cut--;
                }
                if (!isContinuation(ids[cut])) {
                    end = cut;
                }
            }
            windows.add(wrap(ids, start, end - start));
            start = end;
        } while (start < ids.length);
        return windows;
    }

    private boolean isContinuation(int id) {
        return id < continuation.length && continuation[id];
    }

    private int[] wrap(int[] ids, int from, int count) {
        int[] framed = new int[count + 2];
        framed[0] = clsId;
        System.arraycopy(ids, from, framed, 1, count);
        framed[count + 1] = sepId;
        return framed;
    }

    /** The vocabulary pieces of {@code text}, for inspection and tests. */
    public List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (int id : tokenize(text)) {
            out.add(piece(id));
        }
        return out;
    }

    /** The vocabulary piece with this id (null when no piece has it). */
    public String piece(int id) {
        return id >= 0 && id < pieces.length ? pieces[id] : null;
    }

    /** Ids per sequence, [CLS] and [SEP] included (128 for MiniLM). */
    public int maxLength() {
        return maxLength;
    }

    public int vocabularySize() {
        return vocab.size();
    }

    public int unkId() {
        return unkId;
    }

    public int clsId() {
        return clsId;
    }

    public int sepId() {
        return sepId;
    }

    public int padId() {
        return padId;
    }
}
