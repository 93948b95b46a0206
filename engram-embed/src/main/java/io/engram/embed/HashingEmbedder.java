package io.engram.embed;

import java.util.List;
import java.util.Locale;

/**
 * A deterministic, model-free embedder for tests and offline runs: each lower-cased word adds a
 * fixed pseudo-random direction (seeded by the word) to a 384-d vector, which is then normalised.
 * Texts sharing words are close and the same text always gives the same vector; it knows nothing
 * of meaning (synonyms are strangers). No model, no native code, thread-safe.
 */
public final class HashingEmbedder implements Embedder {
    public static final int DIMENSION = 384;
    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String text) {
        io.engram.core.InvalidArgumentException.check(text != null, "text must not be null");
        return vectorOf(text);
    }

    @Override
    public float[][] embedAll(List<String> texts) {
        io.engram.core.InvalidArgumentException.check(texts != null, "texts must not be null");
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectorOf(texts.get(i));
        }
        return out;
    }

    public static float[] vectorOf(String text) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            long seed = word.hashCode() * 0x9E3779B97F4A7C15L;
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (int i = 0; i < DIMENSION; i++) {
                v[i] += (float) r.nextGaussian();
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIMENSION; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public void close() {}
}
