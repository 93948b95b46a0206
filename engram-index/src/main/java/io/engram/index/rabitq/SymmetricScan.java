package io.engram.index.rabitq;

import io.engram.core.kernel.Kernels;

/**
 * The symmetric estimator's full scan: for every row, agreement count B with the query code, score
 * {@code (‖q‖² + ‖x‖²) − 2·(‖q‖·‖x‖)·lut[B]} in that f32 order, offered to a {@link BufferedSelect}.
 * Two implementations with identical results: {@link Scalar}, and {@link PanamaSymmetricScan},
 * which computes agreement counts for a block of rows first and then scores sixteen rows per
 * Vector API operation, offering only lanes at or under the current threshold (rare once the
 * selection has filled). Lane-wise f32 multiply, add and subtract are the same IEEE operations as
 * the scalar ones (no FMA), so scores are bit-identical. Chosen once per process like core's kernels
 * ({@code -Dengram.kernels=scalar} forces the scalar one).
 */
interface SymmetricScan {

    void scan(long[] codes, int words, long lastMask, float[] norms, int n, long[] queryCode, float queryNorm,
              float[] lut, BufferedSelect select);

    static SymmetricScan active() {
        return Holder.ACTIVE;
    }

    /** Keeps the Vector API classes unlinked unless they are usable. */
    final class Holder {
        static final SymmetricScan ACTIVE = choose();

        private Holder() {}

        private static SymmetricScan choose() {
            if (!"scalar".equals(System.getProperty(Kernels.PROPERTY)) && Kernels.vectorApiAvailable()) {
                try {
                    return new PanamaSymmetricScan();
                } catch (LinkageError e) {
                    return Scalar.INSTANCE;
                }
            }
            return Scalar.INSTANCE;
        }
    }

    /** One row at a time; the reference's loop. */
    final class Scalar implements SymmetricScan {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void scan(long[] codes, int words, long lastMask, float[] norms, int n, long[] queryCode, float queryNorm,
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
