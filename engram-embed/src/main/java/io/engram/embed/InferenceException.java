package io.engram.embed;

import io.engram.core.EngramException;

/** ONNX Runtime failed while running the model on valid input. */
public class InferenceException extends EngramException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
