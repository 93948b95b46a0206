package io.engram.core;

/**
 * A file (or byte stream) does not hold what its format promises: bad magic, unsupported version,
 * checksum mismatch, truncation, or a declared size beyond a cap or beyond the bytes present.
 */
public class CorruptFileException extends EngramException {
    public CorruptFileException(String message) {
        super(message);
    }

    public CorruptFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
