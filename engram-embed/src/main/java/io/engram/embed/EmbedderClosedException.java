package io.engram.embed;

import io.engram.core.EngramException;

/** An embedder was used after {@link Embedder#close()}. */
public class EmbedderClosedException extends EngramException {
    public EmbedderClosedException(String message) {
        super(message);
    }
}
