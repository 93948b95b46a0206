package io.engram.core;

/** A caller passed a value outside what the API accepts (a negative k, an empty list, a NaN). */
public class InvalidArgumentException extends EngramException {
    public InvalidArgumentException(String message) {
        super(message);
    }

    /** Throws when {@code condition} is false; the message is built only on failure. */
    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new InvalidArgumentException(String.format(format, args));
        }
    }
}
