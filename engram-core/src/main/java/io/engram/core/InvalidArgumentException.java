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

    /**
     * Throws when a value of {@code vector} is NaN or infinite, naming the first such value and
     * its index ("expected finite {what} values, got NaN at index 3"). A loop of {@link #check}
     * would box two arguments per element on the hot path of every write and query.
     */
    public static void checkFinite(float[] vector, String what) {
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new InvalidArgumentException(String.format(java.util.Locale.ROOT,
                        "expected finite %s values, got %s at index %d", what, vector[i], i));
            }
        }
    }
}
