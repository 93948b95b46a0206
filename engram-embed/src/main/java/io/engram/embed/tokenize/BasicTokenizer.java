package io.engram.embed.tokenize;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's text clean-up and word splitting, as the Hugging Face {@code BertNormalizer} followed by
 * {@code BertPreTokenizer} define them: drop control characters and U+FFFD, turn every whitespace
 * into a separator, isolate CJK ideographs and punctuation as words of their own, strip accents
 * (NFD, then drop non-spacing marks) and lower-case. The output words are what WordPiece splits.
 *
 * <p>Stateless and thread-safe.
 */
public final class BasicTokenizer {
    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    public BasicTokenizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents,
                          boolean lowercase) {
        this.cleanText = cleanText;
        this.handleChineseChars = handleChineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
    }

    /** The settings all-MiniLM-L6-v2 ships with: everything on. */
    public static BasicTokenizer uncased() {
        return new BasicTokenizer(true, true, true, true);
    }

    /** Normalises {@code text} and splits it into words; never returns empty words. */
    public List<String> split(String text) {
        String normalized = normalize(text);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalized.length(); ) {
            int c = normalized.codePointAt(i);
            i += Character.charCount(c);
            if (isWhitespace(c)) {
                flush(word, words);
            } else if (isPunctuation(c) || (handleChineseChars && isCjk(c))) {
                // Isolating CJK here is equivalent to the normalizer padding them with spaces.
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        }
        flush(word, words);
        return words;
    }

    String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (cleanText) {
                if (c == 0 || c == 0xFFFD || isControl(c)) {
                    continue;
                }
                if (isWhitespace(c)) {
                    c = ' ';
                }
            }
            out.appendCodePoint(c);
        }
        String s = out.toString();
        if (stripAccents) {
            s = removeNonSpacingMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
        }
        if (lowercase) {
            // Per code point, as the reference does: String.toLowerCase would apply the final-sigma
            // context rule and map a word-final Σ differently from the vocabulary's training data.
            StringBuilder lower = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> lower.appendCodePoint(Character.toLowerCase(cp)));
            s = lower.toString();
        }
        return s;
    }

    private static String removeNonSpacingMarks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.isWhitespace(c)
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false; // whitespace, handled as separators
        }
        // Unassigned code points stay (and make their word [UNK]), as in the reference, whose
        // character tables do not count them as "other".
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    static boolean isPunctuation(int c) {
        // BERT counts every non-alphanumeric ASCII symbol ($, +, ^, `...) as punctuation even
        // though Unicode files some of them as symbols.
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)
                || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                 Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    static boolean isCjk(int c) {
        // 0x2B920, not BERT's 0x2B820: the Hugging Face tokenizer the model files come from has
        // this range start, so U+2B820..U+2B91F stay inside words there and must here too.
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
