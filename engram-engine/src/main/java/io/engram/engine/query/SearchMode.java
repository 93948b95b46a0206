package io.engram.engine.query;

import io.engram.core.InvalidArgumentException;
import java.util.Locale;

/** Which retrievers a search runs. */
public enum SearchMode {
    /** Nearest vectors only. */
    VECTOR,
    /** BM25 over the records' text only. */
    TEXT,
    /** Both, fused by reciprocal rank (K = 60). */
    HYBRID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchMode fromWire(String text) {
        for (SearchMode m : values()) {
            if (m.wireName().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new InvalidArgumentException("expected mode vector, text or hybrid, got '" + text + "'");
    }
}
