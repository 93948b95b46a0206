package io.engram.graph.traverse;

import io.engram.core.InvalidArgumentException;
import java.time.Duration;

/**
 * Limits on one traversal: wall time, hops from the start, and results. A traversal that reaches
 * a limit stops and returns what it found, flagged partial, rather than failing.
 */
public record Budget(Duration time, int maxHops, int maxResults) {

    public Budget {
        InvalidArgumentException.check(time != null && !time.isNegative(), "time budget must be >= 0, got %s", time);
        InvalidArgumentException.check(maxHops >= 0, "maxHops must be >= 0, got %d", maxHops);
        InvalidArgumentException.check(maxResults >= 0, "maxResults must be >= 0, got %d", maxResults);
    }

    /** No limit (Integer.MAX_VALUE hops and results, a century of time). */
    public static Budget unlimited() {
        return new Budget(Duration.ofDays(36_500), Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public static Budget ofTime(Duration time) {
        return unlimited().withTime(time);
    }

    public Budget withTime(Duration value) {
        return new Budget(value, maxHops, maxResults);
    }

    public Budget withMaxHops(int value) {
        return new Budget(time, value, maxResults);
    }

    public Budget withMaxResults(int value) {
        return new Budget(time, maxHops, value);
    }
}
