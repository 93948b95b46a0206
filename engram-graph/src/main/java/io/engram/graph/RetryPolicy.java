package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@link Graph#inTransaction} reruns a transaction function that lost a conflict: up to
 * {@code maxAttempts} runs, sleeping an exponentially growing, jittered back-off in between.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        InvalidArgumentException.check(maxAttempts >= 1 && maxAttempts <= 1_000_000,
                "maxAttempts must be in [1, 1000000], got %d", maxAttempts);
        InvalidArgumentException.check(initialBackoff != null && !initialBackoff.isNegative(),
                "initialBackoff must be >= 0, got %s", initialBackoff);
        InvalidArgumentException.check(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                "maxBackoff must be >= initialBackoff (%s), got %s", initialBackoff, maxBackoff);
    }

    /** Five attempts, back-off from 1 ms doubling up to 100 ms, with jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(100));
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff);
    }

    /**
     * The pause after failed attempt {@code attempt} (1-based): initial × 2^(attempt−1), capped,
     * then drawn uniformly from [half, full] so that colliding writers spread out.
     */
    long backoffNanos(int attempt) {
        long initial = initialBackoff.toNanos();
        long cap = maxBackoff.toNanos();
        if (initial == 0) {
            return 0;
        }
        long full = Math.min(cap, initial);
        for (int i = 1; i < attempt && full < cap; i++) {
            full = Math.min(cap, full * 2);
        }
        long half = full / 2;
        return half + ThreadLocalRandom.current().nextLong(full - half + 1);
    }
}
