package io.engram.engine.collection;

import java.util.Locale;

/** The vector index a collection keeps over its records' vectors. */
public enum IndexKind {
    /** Approximate graph search (engram-index's HNSW): the default. */
    HNSW,
    /** Exact search by scanning every vector; for small collections and recall baselines. */
    FLAT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IndexKind fromWire(String name) {
        for (IndexKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new io.engram.core.InvalidArgumentException("expected index hnsw or flat, got '" + name + "'");
    }
}
