package io.engram.core;

/** Two vectors (or a vector and an index) disagree on the number of dimensions. */
public class DimensionMismatchException extends InvalidArgumentException {
    private final int expected;
    private final int actual;

    public DimensionMismatchException(int expected, int actual) {
        super("dimension mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public int expected() {
        return expected;
    }

    public int actual() {
        return actual;
    }

    /** Throws unless {@code actual == expected}. */
    public static void check(int expected, int actual) {
        if (expected != actual) {
            throw new DimensionMismatchException(expected, actual);
        }
    }
}
