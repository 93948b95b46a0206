package io.engram.index.rabitq;

import io.engram.core.kernel.Kernels;

/**
 * The hot loops of the reference-compatible variants, whose results must match the reference bit
 * for bit. Two implementations with identical results: {@link Scalar}, and {@link PanamaParityKernels},
 * which puts one row in each Vector API lane, so every lane still computes its row's value with the
 * reference's f32 operations in the reference's order (lane-wise multiply, add and subtract are the
 * same IEEE operations as scalar ones; no FMA, no reduction across lanes). Chosen once per process
 * like core's kernels ({@code -Dengram.kernels=scalar} forces the scalar one).
 */
interface ParityKernels {

    /**
     * The symmetric estimator's full scan: for every row, agreement count B with the query code,
     * score {@code (‖q‖² + ‖x‖²) − 2·(‖q‖·‖x‖)·lut[B]} in that f32 order, offered to {@code select}.
     */
    void symmetricScan(long[] codes, int words, long lastMask, float[] norms, int n, long[] queryCode, float queryNorm,
                       float[] lut, BufferedSelect select);

    /**
     * {@code out[i] = Σ_j (query[j] − vectors[rows[i]·dim + j])²} for i &lt; count, each a sequential
     * f32 sum over j (the reference's exact L2²).
     */
    void l2Squared(float[] query, float[] vectors, int dim, int[] rows, int count, float[] out);

    /** Rows per block of {@link #l2SquaredBlock}'s column-interleaved layout. */
    int BLOCK_ROWS = 16;

    /**
     * Exact L2² of the 16 rows of one block stored column-interleaved: element (lane, j) at
     * {@code blocks[base + j·16 + lane]}. {@code out[lane]} is each row's sequential f32 sum.
     */
    void l2SquaredBlock(float[] query, float[] blocks, int base, int dim, float[] out);

    static ParityKernels active() {
        return Holder.ACTIVE;
    }

    /** Keeps the Vector API classes unlinked unless they are usable. */
    final class Holder {
        static final ParityKernels ACTIVE = choose();

        private Holder() {}

        private static ParityKernels choose() {
            if (!"scalar".equals(System.getProperty(Kernels.PROPERTY)) && Kernels.vectorApiAvailable()) {
                try {
                    return new PanamaParityKernels();
                } catch (LinkageError e) {
                    return Scalar.INSTANCE;
                }
            }
            return Scalar.INSTANCE;
        }
    }

    /** One row at a time; the reference's loops. */
    final class Scalar implements ParityKernels {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void l2Squared(float[] query, float[] vectors, int dim, int[] rows, int count, float[] out) {
            for (int i = 0; i < count; i++) {
                out[i] = SignCodes.l2Squared(query, vectors, rows[i] * dim, dim);
            }
        }

        @Override
        public void l2SquaredBlock(float[] query, float[] blocks, int base, int dim, float[] out) {
            for (int lane = 0; lane < BLOCK_ROWS; lane++) {
                float sum = 0.0f;
                for (int j = 0; j < dim; j++) {
                    float d = query[j] - blocks[base + j * BLOCK_ROWS + lane];
                    sum += d * d;
                }
                out[lane] = sum;
            }
        }

        @Override
        public void symmetricScan(long[] codes, int words, long lastMask, float[] norms, int n, long[] queryCode, float queryNorm,
                         float[] lut, BufferedSelect select) {
            float q2 = queryNorm * queryNorm;
            if (words == 2) {
                long q0 = queryCode[0];
                long q1 = queryCode[1];
                for (int r = 0, c = 0; r < n; r++, c += 2) {
                    int agree = Long.bitCount(~(q0 ^ codes[c])) + Long.bitCount(~(q1 ^ codes[c + 1]) & lastMask);
                    float xn = norms[r];
                    float ip = (queryNorm * xn) * lut[agree];
                    long key = BufferedSelect.key((q2 + xn * xn) - 2.0f * ip, r);
                    if (key < select.threshold()) {
                        select.offer(key);
                    }
                }
                return;
            }
            for (int r = 0; r < n; r++) {
                int agree = SignCodes.agreement(queryCode, 0, codes, r * words, words, lastMask);
                float xn = norms[r];
                float ip = (queryNorm * xn) * lut[agree];
                long key = BufferedSelect.key((q2 + xn * xn) - 2.0f * ip, r);
                if (key < select.threshold()) {
                    select.offer(key);
                }
            }
        }
    }
}
