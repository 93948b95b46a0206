package io.engram.engine.query;

import io.engram.core.WireNames;

/** Which retrievers a search runs. */
public enum SearchMode {
    /** Nearest vectors only. */
    VECTOR,
    /** BM25 over the records' text only. */
    TEXT,
    /** Both, fused by reciprocal rank (K = 60). */
    HYBRID;

    public String wireName() {
        return WireNames.of(this);
    }

    public static SearchMode fromWire(String text) {
        return WireNames.parse(SearchMode.class, "mode", text);
    }
}
