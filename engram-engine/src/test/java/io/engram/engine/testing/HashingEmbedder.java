package io.engram.engine.testing;

import io.engram.embed.Embedder;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for MiniLM in tests: each lower-cased word adds a fixed pseudo-random
 * direction (seeded by the word) to a 384-d vector, which is then normalised. Texts sharing words
 * are close; the same text always gives the same vector. No model, no native code.
 */
public final class HashingEmbedder implements Embedder {
    public static final int DIMENSION = 384;
    private int calls;

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public synchronized float[] embed(String text) {
        calls++;
        return vectorOf(text);
    }

    @Override
    public synchronized float[][] embedAll(List<String> texts) {
        calls++;
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectorOf(texts.get(i));
        }
        return out;
    }

    public synchronized int calls() {
        return calls;
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
