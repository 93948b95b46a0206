package io.engram.engine.collection;

import io.engram.core.InvalidArgumentException;
import java.util.Locale;

/** How a collection turns text into vectors. */
public enum EmbedderKind {
    /** all-MiniLM-L6-v2 in process (384 dimensions): records may come as text only. */
    MINILM,
    /** No embedder: every record brings its own vector; text is kept and searched lexically. */
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EmbedderKind fromWire(String name) {
        for (EmbedderKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new InvalidArgumentException("expected embedder minilm or none, got '" + name + "'");
    }
}
