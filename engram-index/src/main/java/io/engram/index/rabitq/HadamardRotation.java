package io.engram.index.rabitq;

import io.engram.core.random.RustStdRng;

/**
 * The reference's fast rotation: P = next power of two ≥ D, three ±1 sign vectors drawn in the order
 * S0, S1, S2 ({@code gen::<bool>()}), and {@code apply(v) = first D of (S0·H·S1·H·S2·pad(v)) / P},
 * with H the unnormalised Walsh–Hadamard transform in natural order. Two H passes divided by P make
 * an orthogonal operator on the padded space; keeping only D outputs (the reference's choice) drops
 * mass when D is not a power of two, so there it is not norm-preserving. {@link #applyPadded} keeps
 * all P outputs and is exactly orthogonal (up to rounding); the IVF variant codes those.
 */
public final class HadamardRotation implements RandomRotation {

    private final int dim;
    private final int padded;
    private final long seed;
    private final float[] s0;
    private final float[] s1;
    private final float[] s2;
    private final float inverse;

    HadamardRotation(int dim, long seed) {
        this.dim = dim;
        this.seed = seed;
        this.padded = Integer.highestOneBit(dim) == dim ? dim : Integer.highestOneBit(dim) << 1;
        RustStdRng rng = new RustStdRng(seed);
        this.s0 = signs(rng, padded);
        this.s1 = signs(rng, padded);
        this.s2 = signs(rng, padded);
        this.inverse = 1.0f / padded;
    }

    private static float[] signs(RustStdRng rng, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextBool() ? 1.0f : -1.0f;
        }
        return s;
    }

    @Override
    public RotationKind kind() {
        return RotationKind.HADAMARD_SIGNED;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public long seed() {
        return seed;
    }

    /** The padded length P. */
    public int paddedDim() {
        return padded;
    }

    @Override
    public int scratchLength() {
        return padded;
    }

    @Override
    public void apply(float[] v, float[] out, float[] scratch) {
        transform(v, scratch);
        for (int i = 0; i < dim; i++) {
            out[i] = scratch[i] * inverse;
        }
    }

    /** All P outputs of the operator: {@code out} has length ≥ P and serves as its own scratch. */
    public void applyPadded(float[] v, float[] out) {
        transform(v, out);
        for (int i = 0; i < padded; i++) {
            out[i] *= inverse;
        }
    }

    private void transform(float[] v, float[] buf) {
        for (int i = 0; i < dim; i++) {
            buf[i] = v[i] * s2[i];
        }
        for (int i = dim; i < padded; i++) {
            buf[i] = 0.0f * s2[i];
        }
        fwht(buf, padded);
        for (int i = 0; i < padded; i++) {
            buf[i] *= s1[i];
        }
        fwht(buf, padded);
        for (int i = 0; i < padded; i++) {
            buf[i] *= s0[i];
        }
    }

    /** Unnormalised in-place Walsh–Hadamard transform, Sylvester order: (a, b) → (a + b, a − b). */
    static void fwht(float[] x, int n) {
        for (int h = 1; h < n; h <<= 1) {
            for (int block = 0; block < n; block += h << 1) {
                for (int i = block; i < block + h; i++) {
                    float a = x[i];
                    float b = x[i + h];
                    x[i] = a + b;
                    x[i + h] = a - b;
                }
            }
        }
    }

    @Override
    public long bytes() {
        return 12L * padded;
    }
}
