package io.engram.index;

import io.engram.core.InvalidArgumentException;

/**
 * SimHash LSH settings.
 *
 * @param numTables hash tables L, each with its own hyperplanes
 * @param hashSize bits K per table key, 1..64 (one hyperplane per bit)
 * @param probes default multi-probe flips per table: besides its exact bucket, each table probes
 *     the buckets reached by flipping each of its {@code probes} lowest-margin bits (0 = exact
 *     buckets only); {@link SearchParams#probes()} overrides it per query
 * @param seed seed of the hyperplane generator (same seed and data → same buckets)
 */
public record LshParams(int numTables, int hashSize, int probes, long seed) {

    public static final LshParams DEFAULTS = new LshParams(10, 10, 2, 42);

    public LshParams {
        InvalidArgumentException.check(numTables > 0, "num_tables must be positive, got %d", numTables);
        InvalidArgumentException.check(numTables <= 1024, "num_tables must be at most 1024, got %d", numTables);
        InvalidArgumentException.check(hashSize > 0, "hash_size must be positive, got %d", hashSize);
        InvalidArgumentException.check(hashSize <= 64, "hash_size must be at most 64 (one long per key), got %d",
                hashSize);
        InvalidArgumentException.check(probes >= 0, "probes must be >= 0, got %d", probes);
    }

    public LshParams withNumTables(int tables) {
        return new LshParams(tables, hashSize, probes, seed);
    }

    public LshParams withHashSize(int bits) {
        return new LshParams(numTables, bits, probes, seed);
    }

    public LshParams withProbes(int newProbes) {
        return new LshParams(numTables, hashSize, newProbes, seed);
    }

    public LshParams withSeed(long newSeed) {
        return new LshParams(numTables, hashSize, probes, newSeed);
    }
}
