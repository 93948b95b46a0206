package io.engram.index.rabitq;

/**
 * IEEE 754 total order on floats as a signed int key (Rust's {@code f32::total_cmp}): negative NaN
 * first, then −∞ … −0.0 &lt; +0.0 … +∞, positive NaN last. {@code Float.compare} differs for negative
 * NaN, which a NaN query can produce.
 */
final class TotalOrder {
    private TotalOrder() {}

    static int key(float value) {
        int bits = Float.floatToRawIntBits(value);
        return bits ^ ((bits >> 31) >>> 1);
    }

    /** The float whose {@link #key} is {@code key} (the mapping is its own inverse). */
    static float value(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) >>> 1));
    }
}
