package io.engram.server.http;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text without its formatter: a reply with ten records writes about
 * thirty instants, and the general {@code DateTimeFormatter} path was a twentieth of a search
 * request's server time. Years 1970–9999 take the fast path (every instant Engram stores in
 * practice); anything else falls back to {@code toString()}, so the output is always identical.
 */
final class IsoInstants {
    /** Longest text of the fast path: {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_LENGTH = 30;
    private static final long LAST_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private IsoInstants() {}

    /**
     * Writes {@code t} as {@link Instant#toString()} does into {@code out} (at least
     * {@link #MAX_LENGTH} chars) and returns the length, or -1 outside the fast path.
     */
    static int format(Instant t, char[] out) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FAST_SECOND) {
            return -1;
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, era of 400 years).
        long z = days + 719_468;
        long era = z / 146_097;
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int n = 19;
        int nanos = t.getNano();
        if (nanos != 0) {
            out[n++] = '.';
            // Groups of three digits, as many as the value needs (Instant.toString's rule).
            if (nanos % 1_000_000 == 0) {
                digits(out, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1_000 == 0) {
                digits(out, n, nanos / 1_000, 6);
                n += 6;
            } else {
                digits(out, n, nanos, 9);
                n += 9;
            }
        }
        out[n++] = 'Z';
        return n;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
