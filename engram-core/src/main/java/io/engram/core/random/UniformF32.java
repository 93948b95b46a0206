package io.engram.core.random;

import io.engram.core.InvalidArgumentException;

/**
 * rand 0.8.5 {@code Uniform::<f32>::new(low, high)} (half-open). Built once, like the Rust value,
 * because construction may shrink the scale by a few ulps so that no sample can round up to {@code
 * high}; sampling with the raw {@code high - low} would drift from the reference in the last bit.
 */
public final class UniformF32 {
    /** Largest value of {@code (u32 >> 9) as mantissa − 1}, i.e. {@code 1 − 2⁻²³}. */
    private static final float MAX_RAND = 1.0f - 0x1.0p-23f;

    private final float low;
    private final float scale;

    /** {@code Uniform::new(low, high)}: requires finite {@code low < high} with a finite range. */
    public UniformF32(float low, float high) {
        InvalidArgumentException.check(Float.isFinite(low) && Float.isFinite(high),
                "uniform bounds must be finite, got [%s, %s)", low, high);
        InvalidArgumentException.check(low < high, "uniform needs low < high, got [%s, %s)", low, high);
        float s = high - low;
        InvalidArgumentException.check(Float.isFinite(s), "uniform range overflows f32: [%s, %s)", low, high);
        while (s * MAX_RAND + low >= high) {
            s = Float.intBitsToFloat(Float.floatToRawIntBits(s) - 1);
        }
        this.low = low;
        this.scale = s;
    }

    /** Lower bound (inclusive). */
    public float low() {
        return low;
    }

    /** Width after rand's ulp adjustment; equals {@code high - low} for most ranges, e.g. (−2, 2). */
    public float scale() {
        return scale;
    }

    /** One sample from one {@code next_u32}: 23 random mantissa bits in [1, 2), minus 1, times scale, plus low. */
    public float sample(RustStdRng rng) {
        float value01 = Float.intBitsToFloat((rng.nextU32() >>> 9) | 0x3F80_0000) - 1.0f;
        return value01 * scale + low;
    }
}
