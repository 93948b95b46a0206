package io.engram.server;

import io.engram.embed.Embedder;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for MiniLM: each lower-cased word adds ±1 to a few hashed dimensions of
 * a 384-d vector, which is then normalised. Texts sharing words are close; no model is loaded.
 */
final class HashEmbedder implements Embedder {
    static final int DIMENSION = 384;

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            int h = word.hashCode() * 0x9E3779B1;
            for (int i = 0; i < 4; i++) {
                h = h * 31 + 0x7F4A7C15;
                v[Math.floorMod(h >>> 3, DIMENSION)] += (h & 1) == 0 ? 1 : -1;
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
    public float[][] embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embed(texts.get(i));
        }
        return out;
    }

    @Override
    public void close() {}
}
