package io.engram.hdc.detect;

import io.engram.core.InvalidArgumentException;

/**
 * The reference traffic generator's 64-bit LCG (hdc-holon §12.1): state = state·6364136223846793005
 * + 1 (wrapping), each call returning the new state. Reproducing it draw for draw makes the
 * demo's packets the reference's packets. Not thread-safe.
 */
public final class TrafficRng {
    private static final long MULTIPLIER = 6364136223846793005L;
    private static final double TWO_POW_53 = 0x1p53;

    private long state;

    public TrafficRng(long seed) {
        this.state = seed;
    }

    /** The next raw u64 (as a long with the same bits). */
    public long next() {
        state = state * MULTIPLIER + 1;
        return state;
    }

    /** Uniform in [0, 1): the top 53 bits over 2^53. */
    public double random() {
        return (next() >>> 11) / TWO_POW_53;
    }

    /** Uniform integer in [min, max] by unsigned remainder (the reference's slight modulo bias included). */
    public long randint(long min, long max) {
        if (max < min) {
            throw new InvalidArgumentException("randint needs min <= max, got min " + min + ", max " + max);
        }
        return min + Long.remainderUnsigned(next(), max - min + 1);
    }

    /** One of {@code items}, chosen by {@link #randint}. */
    @SafeVarargs
    public final <T> T choice(T... items) {
        if (items.length == 0) {
            throw new InvalidArgumentException("choice needs at least one item, got none");
        }
        return items[(int) randint(0, items.length - 1)];
    }
}
