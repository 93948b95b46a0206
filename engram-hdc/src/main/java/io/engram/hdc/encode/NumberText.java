package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;
import java.math.BigDecimal;

/**
 * The text of a number inside an atom name. Atoms are hashed strings, so {@code 100.0} and
 * {@code 100} are different atoms and the formatting must match the Rust reference exactly
 * (hdc-holon §15): JSON numbers print as serde_json prints them (ryu: {@code 1.5}, {@code 100.0},
 * {@code 1e20}, {@code 1.5e-7}), Walkable floats as Rust's {@code Display} ({@code 1}, {@code 1.5},
 * never an exponent). {@link Double#toString} gives the same shortest digits (JDK 19+) in another
 * layout, so only the layout is rebuilt here.
 */
final class NumberText {
    private NumberText() {}

    /** serde_json / ryu {@code format64} of a finite double. */
    static String json(double x) {
        requireFinite(x);
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int length = digits.length();
        int k = -shortest.scale(); // value = digits × 10^k
        int kk = length + k; // 10^(kk−1) ≤ value < 10^kk
        StringBuilder sb = new StringBuilder(24);
        if (x < 0) {
            sb.append('-');
        }
        if (k >= 0 && kk <= 16) {
            sb.append(digits).append("0".repeat(k)).append(".0");
        } else if (kk > 0 && kk <= 16) {
            sb.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (kk > -5 && kk <= 0) {
            sb.append("0.").append("0".repeat(-kk)).append(digits);
        } else if (length == 1) {
            sb.append(digits).append('e').append(kk - 1);
        } else {
            sb.append(digits.charAt(0)).append('.').append(digits, 1, length).append('e').append(kk - 1);
        }
        return sb.toString();
    }

    /** Rust {@code f64} {@code Display}: shortest digits, plain notation, no trailing ".0". */
    static String display(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    /** Rust {@code f32} {@code Display}: the float's own shortest digits (0.1f is "0.1", not its double expansion). */
    static String display(float x) {
        if (Float.isNaN(x) || Float.isInfinite(x) || x == 0) {
            return display((double) x);
        }
        return new BigDecimal(Float.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static void requireFinite(double x) {
        if (!Double.isFinite(x)) {
            throw new InvalidArgumentException("JSON numbers must be finite, got " + x);
        }
    }
}
