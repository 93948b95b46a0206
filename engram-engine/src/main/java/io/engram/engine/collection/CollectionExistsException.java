package io.engram.engine.collection;

import io.engram.core.EngramException;

/** A collection was created under a name already taken. */
public final class CollectionExistsException extends EngramException {
    public CollectionExistsException(String name) {
        super("a collection named '" + name + "' already exists");
    }
}
