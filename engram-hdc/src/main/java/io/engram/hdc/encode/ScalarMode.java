package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;

/**
 * How {@link RotationEncoder} maps a number to an angle or a fill level (hdc-holon §6.2). Typed
 * modes make the reference's "unknown mode" and "period is required" errors unrepresentable.
 */
public sealed interface ScalarMode {

    /** θ = 2π·value/scale. */
    record Linear(double scale) implements ScalarMode {
        public Linear {
            requirePositive(scale, "linear scale");
        }
    }

    /** θ = 2π·(value mod period)/period, remainder truncated (its sign follows the value). */
    record Circular(double period) implements ScalarMode {
        public Circular {
            requirePositive(period, "circular period");
        }
    }

    /** Linear with value = log_base(x) and scale 10 (ten decades per turn); x ≤ 0 gives zeros. */
    record Log(double base) implements ScalarMode {
        public Log {
            if (!(base > 0) || base == 1 || Double.isInfinite(base)) {
                throw new InvalidArgumentException("log base must be finite, > 0 and != 1, got " + base);
            }
        }
    }

    /** First round(frac·d) dimensions +1, the rest −1, frac = clamp((v − min)/(max − min), 0, 1). */
    record Thermometer(double min, double max) implements ScalarMode {
        public Thermometer {
            if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
                throw new InvalidArgumentException("thermometer needs finite min <= max, got min " + min + ", max " + max);
            }
        }
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidArgumentException(name + " must be finite and > 0, got " + v);
        }
    }
}
