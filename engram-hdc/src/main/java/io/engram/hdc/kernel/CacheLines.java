package io.engram.hdc.kernel;

/**
 * Asks for every cache line of an array now, before the code that reads it: a bundle's atoms are
 * often out in memory (a port or a size seen once an hour, a kilobyte of planes each at d = 4096),
 * and lines asked for together arrive side by side instead of one stall after another.
 */
final class CacheLines {
    /** Written only when a sum takes one exact value, in effect never: the loads must happen, but no thread shares a line for it. */
    private static long unlikely;

    private CacheLines() {}

    /** Loads one word in every 64 bytes of {@code planes}, and the last one. */
    static void touch(long[] planes) {
        int n = planes.length;
        if (n == 0) {
            return;
        }
        long t = planes[n - 1];
        for (int i = 0; i < n; i += 8) {
            t += planes[i];
        }
        if (t == 0x5DEECE66DL) {
            unlikely = t;
        }
    }
}
