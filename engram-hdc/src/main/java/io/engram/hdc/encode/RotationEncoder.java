package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;
import io.engram.core.hash.Sha256;
import io.engram.core.random.ChaChaRng;
import io.engram.hdc.kernel.HyperVector;

/**
 * The Rust {@code ScalarEncoder} (hdc-holon §6.2), offered as an explicit mode: a value becomes an
 * angle θ and the output is sgn(base·cos θ + ortho·sin θ) for two fixed ±1 vectors.
 *
 * <p>Because base and ortho are ±1, the sign pattern only changes when θ crosses 45°, 135°, 225°
 * or 315°: the encoder has exactly four outputs. It separates values coarsely and is the wrong
 * tool where graded similarity matters; use {@link PositionalEncoder} there. The thermometer mode
 * is graded (cos = 1 − 2|a − b|/(max − min)).
 *
 * <p>Immutable and thread-safe.
 */
public final class RotationEncoder {
    private final int dimensions;
    private final byte[] base;
    private final byte[] ortho;

    /** Seed 0, as Rust's facade uses regardless of its own seed. */
    public RotationEncoder(int dimensions) {
        this(dimensions, 0L);
    }

    public RotationEncoder(int dimensions, long seed) {
        if (dimensions <= 0) {
            throw new InvalidArgumentException("dimensions must be positive, got " + dimensions);
        }
        this.dimensions = dimensions;
        this.base = plusMinusOne(Sha256.seedOf(seed, "scalar_base"), dimensions);
        this.ortho = plusMinusOne(Sha256.seedOf(seed, "scalar_ortho"), dimensions);
    }

    /** An encoder whose seed is the first 8 bytes (LE) of SHA-256(UTF-8 name) (Rust {@code encode_with_seed}). */
    public static RotationEncoder named(int dimensions, String name) {
        byte[] digest = Sha256.digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new RotationEncoder(dimensions, Sha256.firstLongLE(digest));
    }

    public int dimensions() {
        return dimensions;
    }

    /** The ternary encoding of {@code value} under {@code mode}. */
    public HyperVector encode(double value, ScalarMode mode) {
        if (mode instanceof ScalarMode.Thermometer t) {
            PositionalEncoder.checkFinite(value, "value");
            // The ternary path rounds N (the reference's 04-18 alignment); encodeF64 still truncates.
            return HyperVector.signOf(thermometer(Math.round(thermometerFraction(value, t) * dimensions)));
        }
        return HyperVector.signOf(encodeF64(value, mode));
    }

    /** log10 mode: {@code encodeLogBase(x, 10)}. */
    public HyperVector encodeLog(double x) {
        return encode(x, new ScalarMode.Log(10));
    }

    public HyperVector encodeLogBase(double x, double base) {
        return encode(x, new ScalarMode.Log(base));
    }

    /**
     * The unthresholded encoding. Thermometer uses truncation of frac·d here, as Rust's {@code
     * encode_f64} still does, while {@link #encode} rounds.
     */
    public double[] encodeF64(double value, ScalarMode mode) {
        PositionalEncoder.checkFinite(value, "value");
        return switch (mode) {
            case ScalarMode.Linear(double scale) -> rotate(2 * Math.PI * value / scale);
            case ScalarMode.Circular(double period) -> rotate(2 * Math.PI * (value % period) / period);
            case ScalarMode.Log(double b) -> value <= 0
                    ? new double[dimensions]
                    : rotate(2 * Math.PI * (StrictMath.log(value) / StrictMath.log(b)) / 10.0);
            case ScalarMode.Thermometer t -> thermometer((long) (thermometerFraction(value, t) * dimensions));
        };
    }

    private double[] rotate(double theta) {
        double c = StrictMath.cos(theta);
        double s = StrictMath.sin(theta);
        double[] out = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = base[i] * c + ortho[i] * s;
        }
        return out;
    }

    /** The first {@code n} dimensions +1, the rest −1. */
    private double[] thermometer(long n) {
        double[] out = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = i < n ? 1.0 : -1.0;
        }
        return out;
    }

    static double thermometerFraction(double value, ScalarMode.Thermometer t) {
        if (t.max() == t.min()) {
            return 0.5;
        }
        double frac = (value - t.min()) / (t.max() - t.min());
        return Math.max(0.0, Math.min(1.0, frac));
    }

    /** ±1 per dimension from ChaCha8: +1 when the low bit of next_u32 is 0. */
    private static byte[] plusMinusOne(long seed, int d) {
        ChaChaRng rng = ChaChaRng.chacha8(seed);
        byte[] out = new byte[d];
        for (int i = 0; i < d; i++) {
            out[i] = (byte) ((rng.nextInt() & 1) == 0 ? 1 : -1);
        }
        return out;
    }
}
