package io.engram.embed;

import io.engram.core.EngramException;

/**
 * A model was selected whose files are not on the classpath (the jar that carries them is not a
 * dependency), or ONNX Runtime could not load them.
 */
public class ModelUnavailableException extends EngramException {
    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
