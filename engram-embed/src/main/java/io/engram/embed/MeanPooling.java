package io.engram.embed;

/**
 * Sentence-transformers' pooling for MiniLM: the mean of the token states the attention mask
 * keeps (padding excluded), scaled to unit length.
 */
final class MeanPooling {
    private MeanPooling() {
    }

    /**
     * Pools row {@code row} of a [rows, seq, dim] row-major state tensor; {@code tokens} is the
     * number of leading positions the mask keeps (padding only ever follows them).
     */
    static float[] pool(float[] states, int row, int seq, int dim, int tokens) {
        float[] mean = new float[dim];
        int base = row * seq * dim;
        for (int t = 0; t < tokens; t++) {
            int off = base + t * dim;
            for (int d = 0; d < dim; d++) {
                mean[d] += states[off + d];
            }
        }
        float inv = 1f / Math.max(1, tokens);
        for (int d = 0; d < dim; d++) {
            mean[d] *= inv;
        }
        return normalize(mean);
    }

    /** Scales {@code v} in place to unit L2 norm (a zero vector stays zero) and returns it. */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
