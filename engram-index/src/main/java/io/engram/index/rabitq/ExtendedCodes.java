package io.engram.index.rabitq;

/**
 * Extended RaBitQ codes (Gao et al., SIGMOD 2025): a unit vector u is approximated by a point of
 * the B-bit grid {−c, −c + 1, …, c}^P with c = (2^B − 1)/2 (half-integers), i.e. y_i = clamp(⌊t·u_i⌋
 * + ½, ±c), for the per-vector rescale t that maximises the cosine ⟨y, u⟩/‖y‖. y_i has u_i's sign,
 * so the top bit of x_i = y_i + c is the 1-bit sign code. Stored per coordinate as the signed byte
 * s_i = x_i − 2^(B−1) = y_i − ½ (B ≤ 8 fits), so ⟨y, q⟩ = ⟨s, q⟩ + ½·Σq and an int8 dot product
 * does the work at query time.
 *
 * <p>The rescale is chosen among {@link #STEPS} geometric steps around the value that maps the
 * largest |u_i| to the top level, not by the paper's exact enumeration of critical points: the
 * cosine is flat near its optimum, and the difference is within a few thousandths.
 */
final class ExtendedCodes {
    static final int STEPS = 40;

    private ExtendedCodes() {}

    /**
     * Writes the code of {@code u[0..p)} into {@code out[offset..offset + p)} and returns ⟨y, u⟩ and
     * ‖y‖ as {@code result[0]}, {@code result[1]}.
     */
    static void encode(float[] u, int p, int bits, byte[] out, int offset, float[] result) {
        float c = ((1 << bits) - 1) / 2.0f;
        float max = 0.0f;
        for (int i = 0; i < p; i++) {
            max = Math.max(max, Math.abs(u[i]));
        }
        if (max == 0.0f) { // the centre itself: any code; a unit-free answer keeps the estimate exact
            for (int i = 0; i < p; i++) {
                out[offset + i] = 0; // y = ½ everywhere
            }
            result[0] = 0.0f;
            result[1] = (float) Math.sqrt(p * 0.25);
            return;
        }
        double base = (c + 0.5) / max;
        double bestCos = -1;
        double bestT = base;
        for (int step = 0; step < STEPS; step++) {
            double t = base * Math.pow(4.0, (step - STEPS / 4.0) / (STEPS * 0.75)); // base/4^(1/3) up to just under base·4
            double dot = 0;
            double yy = 0;
            for (int i = 0; i < p; i++) {
                double y = level(u[i], t, c);
                dot += y * u[i];
                yy += y * y;
            }
            double cos = dot / Math.sqrt(yy);
            if (cos > bestCos) {
                bestCos = cos;
                bestT = t;
            }
        }
        double dot = 0;
        double yy = 0;
        for (int i = 0; i < p; i++) {
            float y = level(u[i], bestT, c);
            out[offset + i] = (byte) (y - 0.5f);
            dot += y * u[i];
            yy += (double) y * y;
        }
        result[0] = (float) dot;
        result[1] = (float) Math.sqrt(yy);
    }

    /** The grid level of t·u: the nearest half-integer, clamped to ±c. */
    private static float level(float u, double t, float c) {
        float y = (float) (Math.floor(u * t) + 0.5);
        return Math.max(-c, Math.min(c, y));
    }
}
