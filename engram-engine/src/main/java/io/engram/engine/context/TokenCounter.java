package io.engram.engine.context;

/**
 * Counts the tokens a text costs a language model. Pluggable; the default is deterministic and
 * model-free: each whitespace-separated word costs ⌈length / 4⌉ tokens (at least 1), which tracks
 * BPE tokenizers on English within a modest factor. It is additive over whitespace-joined pieces,
 * which is what lets the assembler budget item by item and still bound the whole text.
 */
@FunctionalInterface
public interface TokenCounter {
    int count(CharSequence text);

    TokenCounter DEFAULT = text -> {
        int tokens = 0;
        int word = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                if (word > 0) {
                    tokens += (word + 3) / 4;
                    word = 0;
                }
            } else {
                word++;
            }
        }
        return word > 0 ? tokens + (word + 3) / 4 : tokens;
    };
}
