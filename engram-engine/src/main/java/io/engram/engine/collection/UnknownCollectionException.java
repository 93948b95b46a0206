package io.engram.engine.collection;

import io.engram.core.EngramException;

/** A collection was named that does not exist. */
public final class UnknownCollectionException extends EngramException {
    private final String name;

    public UnknownCollectionException(String name) {
        super("no collection named '" + name + "'");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
