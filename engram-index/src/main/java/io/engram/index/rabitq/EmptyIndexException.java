package io.engram.index.rabitq;

import io.engram.core.EngramException;

/** A search on an index that holds no vectors (the reference's {@code EmptyIndex}). */
public final class EmptyIndexException extends EngramException {
    public EmptyIndexException() {
        super("index is empty");
    }
}
