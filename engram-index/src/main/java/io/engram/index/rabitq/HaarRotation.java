package io.engram.index.rabitq;

import io.engram.core.random.RustStdRng;

/**
 * The reference's default rotation: a D×D matrix of {@code StandardNormal} draws (row-major, one f64
 * draw cast to f32 per entry) orthonormalised in place in f32, rows in order, each earlier row's
 * projection subtracted from the current row (modified Gram–Schmidt), then normalised when its norm
 * exceeds 1e-10. Every sum is sequential f32 and every update is product-then-subtract, as in the
 * reference, so the matrix matches bit for bit. Build O(D³), apply O(D²).
 */
public final class HaarRotation implements RandomRotation {

    private final int dim;
    private final long seed;
    private final float[] matrix;

    HaarRotation(int dim, long seed) {
        this.dim = dim;
        this.seed = seed;
        this.matrix = new float[Math.multiplyExact(dim, dim)];
        RustStdRng rng = new RustStdRng(seed);
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) rng.nextStandardNormal();
        }
        float[] m = matrix;
        for (int i = 0; i < dim; i++) {
            int ri = i * dim;
            for (int j = 0; j < i; j++) {
                int rj = j * dim;
                float dot = 0.0f;
                for (int k = 0; k < dim; k++) {
                    dot += m[ri + k] * m[rj + k];
                }
                for (int k = 0; k < dim; k++) {
                    m[ri + k] -= dot * m[rj + k];
                }
            }
            float sq = 0.0f;
            for (int k = 0; k < dim; k++) {
                sq += m[ri + k] * m[ri + k];
            }
            float norm = (float) Math.sqrt(sq);
            if (norm > 1e-10f) {
                for (int k = 0; k < dim; k++) {
                    m[ri + k] /= norm;
                }
            }
        }
    }

    @Override
    public RotationKind kind() {
        return RotationKind.HAAR_DENSE;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int scratchLength() {
        return 0;
    }

    /**
     * Four output rows advance together: each is still one sequential f32 sum (the reference's
     * bits), but four independent sums hide the add latency.
     */
    @Override
    public void apply(float[] v, float[] out, float[] scratch) {
        float[] m = matrix;
        int d = dim;
        int i = 0;
        for (; i + 4 <= d; i += 4) {
            int r0 = i * d;
            int r1 = r0 + d;
            int r2 = r1 + d;
            int r3 = r2 + d;
            float s0 = 0.0f;
            float s1 = 0.0f;
            float s2 = 0.0f;
            float s3 = 0.0f;
            for (int k = 0; k < d; k++) {
                float x = v[k];
                s0 += m[r0 + k] * x;
                s1 += m[r1 + k] * x;
                s2 += m[r2 + k] * x;
                s3 += m[r3 + k] * x;
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < d; i++) {
            int row = i * d;
            float s = 0.0f;
            for (int k = 0; k < d; k++) {
                s += m[row + k] * v[k];
            }
            out[i] = s;
        }
    }

    /** Entry (row, column); for tests and inspection. */
    public float entry(int row, int column) {
        return matrix[row * dim + column];
    }

    @Override
    public long bytes() {
        return 4L * dim * dim;
    }
}
