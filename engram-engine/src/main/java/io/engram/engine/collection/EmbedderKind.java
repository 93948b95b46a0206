package io.engram.engine.collection;

import io.engram.core.WireNames;

/** How a collection turns text into vectors. */
public enum EmbedderKind {
    /** all-MiniLM-L6-v2 in process (384 dimensions): records may come as text only. */
    MINILM,
    /** No embedder: every record brings its own vector; text is kept and searched lexically. */
    NONE;

    public String wireName() {
        return WireNames.of(this);
    }

    public static EmbedderKind fromWire(String text) {
        return WireNames.parse(EmbedderKind.class, "embedder", text);
    }
}
