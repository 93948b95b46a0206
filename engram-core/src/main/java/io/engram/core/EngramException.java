package io.engram.core;

/**
 * Base of every exception Engram throws on purpose. Subclasses name one kind of failure; their
 * messages name the values involved (what was expected, what came).
 */
public class EngramException extends RuntimeException {
    public EngramException(String message) {
        super(message);
    }

    public EngramException(String message, Throwable cause) {
        super(message, cause);
    }
}
