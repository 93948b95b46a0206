package io.engram.engine.collection;

import io.engram.core.WireNames;

/** The vector index a collection keeps over its records' vectors. */
public enum IndexKind {
    /** Approximate graph search (engram-index's HNSW): the default. */
    HNSW,
    /** Exact search by scanning every vector; for small collections and recall baselines. */
    FLAT;

    public String wireName() {
        return WireNames.of(this);
    }

    public static IndexKind fromWire(String text) {
        return WireNames.parse(IndexKind.class, "index", text);
    }
}
