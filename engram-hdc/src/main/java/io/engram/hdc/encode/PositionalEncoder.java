package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.HyperVector;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positional (sin/cos) scalar encoder of hdc-holon §6.1, Engram's default for every scalar
 * entry point: for position p, scale s and dimension i, freq_i = 1/s^(i/d), value_i = sin(p·freq_i)
 * for even i and cos(p·freq_i) for odd i, output sgn(value_i). Nearby positions share the signs of
 * the low-frequency dimensions, so similarity falls off gradually with distance.
 *
 * <p>{@link StrictMath} keeps the output identical on every JVM; signs can differ from other
 * languages only where the exact value is 0, where all agree. Thread-safe. Recent encodings are
 * kept (8 MiB, about 6,500 at d = 4096): streams repeat their values (a rate per phase, a status),
 * and one encoding costs d sign evaluations.
 */
public final class PositionalEncoder {
    /** Scale of every scalar entry point (markers, log/linear values, log-rate). */
    public static final double DEFAULT_SCALE = 1000.0;

    private final int dimensions;
    /** Frequencies of the last scale used; most callers use one scale, and pow per dimension is costly. */
    private volatile Frequencies cached;

    private record Frequencies(double scale, double[] values) {}

    /** Memory for kept encodings (each about 1.25·d bytes); the map is emptied when full (a sweep, not LRU: cheap and bounded). */
    static final long KEPT_BYTES = 8L << 20;

    private record Key(long position, long scale) {}

    private final ConcurrentHashMap<Key, HyperVector> kept = new ConcurrentHashMap<>();
    private final int maxKept;

    public PositionalEncoder(int dimensions) {
        if (dimensions <= 0) {
            throw new InvalidArgumentException("dimensions must be positive, got " + dimensions);
        }
        this.dimensions = dimensions;
        this.maxKept = (int) Math.max(16, KEPT_BYTES / (dimensions + dimensions / 4 + 64));
    }

    public int dimensions() {
        return dimensions;
    }

    /** The encoding of position {@code p} at {@code scale}. */
    public HyperVector encode(double p, double scale) {
        checkFinite(p, "position");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new InvalidArgumentException("scale must be finite and > 0, got " + scale);
        }
        Key key = new Key(Double.doubleToLongBits(p), Double.doubleToLongBits(scale));
        HyperVector v = kept.get(key);
        if (v == null) {
            v = compute(p, scale);
            if (kept.size() >= maxKept) {
                kept.clear();
            }
            kept.put(key, v);
        }
        return v;
    }

    private HyperVector compute(double p, double scale) {
        int d = dimensions;
        double[] freqs = frequencies(scale);
        byte[] signs = new byte[d];
        for (int i = 0; i < d; i += 2) {
            signs[i] = sign(p * freqs[i], false);
        }
        for (int i = 1; i < d; i += 2) {
            signs[i] = sign(p * freqs[i], true);
        }
        return HyperVector.of(signs);
    }

    private static final double INVERSE_PI = 1 / Math.PI;
    /**
     * Relative slack, some 300 times the rounding of angle·(1/π) + ½ (a few 1e−16), within which a
     * quotient counts as too near an integer to read the sign from it.
     */
    private static final double SLACK = 1e-13;

    /**
     * The sign (−1, 0 or +1) of StrictMath.sin(angle), or of StrictMath.cos(angle), which is all
     * the encoding keeps. sin is positive on (2mπ, (2m+1)π) and negative on the next half period,
     * so the sign is the parity of ⌊angle/π⌋ (⌊angle/π + ½⌋ for cos). StrictMath is asked only
     * where the quotient lies within {@link #SLACK} of an integer (every quotient from about 5e12
     * on); everywhere else the exact sine is at least about π·1e−13 away from 0, StrictMath's error
     * is below an ulp, and the two signs agree. A non-finite angle (a position near the largest
     * double, or a scale so small that a frequency overflows) is refused, as it was when every
     * dimension asked StrictMath.
     */
    static byte sign(double angle, boolean cosine) {
        double q = angle * INVERSE_PI + (cosine ? 0.5 : 0.0);
        double whole = Math.floor(q);
        double fraction = q - whole;
        double slack = (Math.abs(q) + 1) * SLACK;
        if (fraction > slack && fraction < 1 - slack) {
            return (byte) (1 - 2 * ((long) whole & 1));
        }
        double v = cosine ? StrictMath.cos(angle) : StrictMath.sin(angle);
        if (Double.isNaN(v)) {
            throw new InvalidArgumentException("position × frequency must be finite, got the angle " + angle
                    + " (a position near the largest double, or a tiny scale)");
        }
        return (byte) (v > 0 ? 1 : v < 0 ? -1 : 0);
    }

    private double[] frequencies(double scale) {
        Frequencies f = cached;
        if (f == null || f.scale() != scale) {
            int d = dimensions;
            double[] values = new double[d];
            for (int i = 0; i < d; i++) {
                values[i] = 1.0 / StrictMath.pow(scale, (double) i / d);
            }
            f = new Frequencies(scale, values);
            cached = f;
        }
        return f.values();
    }

    /** Linear variant: position = x. */
    public HyperVector encodeLinear(double x, double scale) {
        return encode(x, scale);
    }

    /** {@link #encodeLinear(double, double)} at {@link #DEFAULT_SCALE}. */
    public HyperVector encodeLinear(double x) {
        return encode(x, DEFAULT_SCALE);
    }

    /**
     * Log variant: position = log10(x). x ≤ 0 has no logarithm and encodes as the zero vector (the
     * Rust marker path), so a zero count never fails an encoding.
     */
    public HyperVector encodeLog(double x, double scale) {
        checkFinite(x, "value");
        if (x <= 0) {
            return HyperVector.zeros(dimensions);
        }
        return encode(StrictMath.log10(x), scale);
    }

    /** {@link #encodeLog(double, double)} at {@link #DEFAULT_SCALE}. */
    public HyperVector encodeLog(double x) {
        return encodeLog(x, DEFAULT_SCALE);
    }

    static void checkFinite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new InvalidArgumentException(name + " must be finite, got " + v);
        }
    }
}
