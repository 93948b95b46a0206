package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;

/**
 * A number that should encode by magnitude rather than as a categorical atom: inside a
 * {@link Walkable} or a map, these become the positional (or time) encoding of their value, so
 * 100 and 110 land close together while the atoms "100" and "110" would be unrelated.
 */
public sealed interface ScalarValue {

    /** Positional encoding of log10(value) at {@code scale} (value ≤ 0 gives the zero vector). */
    record LogScale(double value, double scale) implements ScalarValue {
        public LogScale {
            check(value, scale);
        }

        public LogScale(double value) {
            this(value, PositionalEncoder.DEFAULT_SCALE);
        }
    }

    /** Positional encoding of value at {@code scale}. */
    record LinearScale(double value, double scale) implements ScalarValue {
        public LinearScale {
            check(value, scale);
        }

        public LinearScale(double value) {
            this(value, PositionalEncoder.DEFAULT_SCALE);
        }
    }

    /** Time encoding of a UTC instant in seconds since the epoch. */
    record TimeScale(double epochSeconds, TimeEncoder.Resolution resolution) implements ScalarValue {
        public TimeScale {
            PositionalEncoder.checkFinite(epochSeconds, "timestamp");
            if (resolution == null) {
                throw new InvalidArgumentException("time resolution must be given, got null");
            }
        }

        public TimeScale(double epochSeconds) {
            this(epochSeconds, TimeEncoder.Resolution.HOUR);
        }
    }

    private static void check(double value, double scale) {
        PositionalEncoder.checkFinite(value, "value");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new InvalidArgumentException("scale must be finite and > 0, got " + scale);
        }
    }
}
