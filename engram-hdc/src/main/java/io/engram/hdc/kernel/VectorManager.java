package io.engram.hdc.kernel;

import io.engram.core.InvalidArgumentException;
import io.engram.core.DimensionMismatchException;
import io.engram.core.hash.Sha256;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic atom vectors (hdc-holon §4.1, the Rust recipe): the vector of a string depends only
 * on (global seed, string, dimension), so separate processes agree without sharing state.
 *
 * <p>seed = first 8 bytes (LE) of SHA-256(u64le global seed ‖ UTF-8 atom); a ChaCha8 generator
 * seeded through rand_core's PCG32 expansion yields one u32 per dimension, mapped by {@code % 3}
 * to −1, 0, +1. Position i is the atom {@code "__pos__i"}, cached separately by integer.
 *
 * <p>Thread-safe: both caches are concurrent maps; two threads racing on a new atom compute the
 * same vector, and the first one stored wins.
 */
public final class VectorManager {
    /** Default dimension of Engram's hypervectors (hdc-holon §1, derived defaults). */
    public static final int DEFAULT_DIMENSIONS = 4096;

    private final int dimensions;
    private final long globalSeed;
    private final ConcurrentHashMap<String, HyperVector> atoms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, HyperVector> positions = new ConcurrentHashMap<>();

    /** A manager with global seed 0. */
    public VectorManager(int dimensions) {
        this(dimensions, 0L);
    }

    public VectorManager(int dimensions, long globalSeed) {
        HyperVector.checkDimensions(dimensions);
        this.dimensions = dimensions;
        this.globalSeed = globalSeed;
    }

    public int dimensions() {
        return dimensions;
    }

    public long globalSeed() {
        return globalSeed;
    }

    /** The atom vector of {@code atom}, computed once and cached. */
    public HyperVector get(String atom) {
        HyperVector v = atoms.get(atom);
        if (v != null) {
            return v;
        }
        HyperVector fresh = generate(atom);
        HyperVector prior = atoms.putIfAbsent(atom, fresh);
        return prior != null ? prior : fresh;
    }

    /** The position vector of index {@code i}: numerically the atom {@code "__pos__" + i}. */
    public HyperVector position(int i) {
        HyperVector v = positions.get(i);
        if (v != null) {
            return v;
        }
        HyperVector fresh = generate("__pos__" + i);
        HyperVector prior = positions.putIfAbsent(i, fresh);
        return prior != null ? prior : fresh;
    }

    /** The recipe without the cache. */
    HyperVector generate(String atom) {
        // u32 % 3 on each unsigned keystream word: 0 → −1, 1 → 0, 2 → +1. Atoms are born as planes
        // (binds, bundles and dots run on them); the int8 form is unpacked only if something asks.
        long[] planes = new long[2 * HyperVector.planeWords(dimensions)];
        TernaryKernels.active().atom(Sha256.seedOf(globalSeed, atom), planes, dimensions);
        return HyperVector.wrapPlanes(planes, dimensions);
    }

    /** Number of cached atoms (positions not included). */
    public int cacheSize() {
        return atoms.size();
    }

    public int positionCacheSize() {
        return positions.size();
    }

    /** Drops both caches; later lookups recompute the same vectors. */
    public void clearCache() {
        atoms.clear();
        positions.clear();
    }

    /** A snapshot of the atom cache: atom → vector. */
    public Map<String, HyperVector> exportCodebook() {
        return new HashMap<>(atoms);
    }

    /**
     * Inserts {@code codebook} into the atom cache, overwriting cached entries: imported vectors win
     * even when they were made under another seed (the Rust behaviour), which is how a codebook
     * moves between nodes.
     */
    public void importCodebook(Map<String, HyperVector> codebook) {
        for (Map.Entry<String, HyperVector> e : codebook.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new InvalidArgumentException("codebook entries must be non-null, got " + e.getKey() + " -> " + e.getValue());
            }
            DimensionMismatchException.check(dimensions, e.getValue().dimensions());
        }
        atoms.putAll(codebook);
    }
}
