package io.engram.engine.index;

import io.engram.core.EngramException;

/** The text index's Lucene directory failed for a reason other than a caller error (I/O, closed index). */
public class TextIndexException extends EngramException {
    public TextIndexException(String message) {
        super(message);
    }

    public TextIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
