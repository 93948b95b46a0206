package io.engram.index.rabitq;

import io.engram.core.InvalidArgumentException;

/**
 * Build parameters of {@link RabitqIvfIndex}.
 *
 * @param lists           k-means partitions; 0 picks ⌈√n⌉ at build time; 1 is a full scan with the
 *                        paper's estimator around the data's mean (a sampled row if trainIterations is 0)
 * @param probes          partitions a search scans by default (overridable per call)
 * @param trainIterations Lloyd iterations
 * @param trainSample     rows sampled to train k-means (at least {@code lists})
 * @param seed            seeds the k-means sample and the rotation (Rust-compatible {@code StdRng})
 * @param epsilon0        confidence multiplier of the estimator's error bound (the paper's ε₀ ≈ 1.9);
 *                        larger reranks more candidates, smaller risks missing true neighbours
 * @param bits            bits per rotated dimension: 1 is the sign code alone; 2–8 add an extended
 *                        code (Extended RaBitQ) that refines the estimate of candidates the sign code
 *                        cannot rule out, before any exact distance
 * @param keepOriginals   keep the float vectors and return exact distances (rerank); without them the
 *                        index is compressed to the codes and returns estimated distances
 */
public record IvfParams(int lists, int probes, int trainIterations, int trainSample, long seed, float epsilon0,
                        int bits, boolean keepOriginals) {

    public static final IvfParams DEFAULTS = new IvfParams(0, 8, 10, 65_536, 42, 1.9f, 1, true);

    public IvfParams {
        InvalidArgumentException.check(lists >= 0, "lists must be ≥ 0 (0 = √n), got %d", lists);
        InvalidArgumentException.check(probes >= 1, "probes must be ≥ 1, got %d", probes);
        InvalidArgumentException.check(trainIterations >= 0, "trainIterations must be ≥ 0, got %d", trainIterations);
        InvalidArgumentException.check(trainSample >= 1, "trainSample must be ≥ 1, got %d", trainSample);
        InvalidArgumentException.check(epsilon0 > 0 && Float.isFinite(epsilon0), "epsilon0 must be positive and finite, got %s", epsilon0);
        InvalidArgumentException.check(bits >= 1 && bits <= 8, "bits must be in 1..8, got %d", bits);
    }

    public IvfParams withLists(int lists) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }

    public IvfParams withProbes(int probes) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }

    public IvfParams withSeed(long seed) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }

    public IvfParams withEpsilon0(float epsilon0) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }

    public IvfParams withBits(int bits) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }

    public IvfParams withKeepOriginals(boolean keepOriginals) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }

    public IvfParams withTrainIterations(int trainIterations) {
        return new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keepOriginals);
    }
}
