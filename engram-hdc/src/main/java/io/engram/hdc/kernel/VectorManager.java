package io.engram.hdc.kernel;

import io.engram.core.InvalidArgumentException;
import io.engram.core.DimensionMismatchException;
import io.engram.core.hash.Sha256;
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
 * <p>Thread-safe: the caches are concurrent; two threads racing on a new atom compute the same
 * vector, and the first one stored wins. Computed atoms and positions are cached up to a capacity
 * ({@link #DEFAULT_CACHE_CAPACITY} each by default, about 70 MiB of planes at d = 4096; see
 * {@link BoundedCache}): an atom dropped from the cache is recomputed, identically. Each
 * structure encoder over a manager indexes up to as many atoms again by path and value, and keeps
 * them alive while it holds them: with one encoder, at most twice the capacity stays reachable.
 * Imported codebook entries are kept apart and never dropped, since the recipe would not give
 * them back.
 */
public final class VectorManager {
    /** Default dimension of Engram's hypervectors (hdc-holon §1, derived defaults). */
    public static final int DEFAULT_DIMENSIONS = 4096;
    /** Computed atoms (and, separately, positions) kept by default. */
    public static final int DEFAULT_CACHE_CAPACITY = 1 << 16;

    private final int dimensions;
    private final long globalSeed;
    private final int cacheCapacity;
    /** Bumped whenever an atom may change (import, clear), so indexes over atoms know to drop theirs. */
    private final java.util.concurrent.atomic.AtomicInteger codebookEpoch = new java.util.concurrent.atomic.AtomicInteger();
    private final BoundedCache<String, HyperVector> atoms;
    private final BoundedCache<Integer, HyperVector> positions;
    // Held as fields so that a lookup allocates no capturing lambda.
    private final java.util.function.Function<String, HyperVector> recipe = this::generate;
    private final java.util.function.Function<Integer, HyperVector> positionRecipe = i -> generate("__pos__" + i);
    /** Imported codebook entries: they win over the recipe and are never dropped. */
    private final ConcurrentHashMap<String, HyperVector> imported = new ConcurrentHashMap<>();

    /** A manager with global seed 0. */
    public VectorManager(int dimensions) {
        this(dimensions, 0L);
    }

    public VectorManager(int dimensions, long globalSeed) {
        this(dimensions, globalSeed, DEFAULT_CACHE_CAPACITY);
    }

    /** A manager caching about {@code cacheCapacity} computed atoms and as many positions. */
    public VectorManager(int dimensions, long globalSeed, int cacheCapacity) {
        HyperVector.checkDimensions(dimensions);
        InvalidArgumentException.check(cacheCapacity >= 2, "cacheCapacity must be at least 2, got %d", cacheCapacity);
        this.dimensions = dimensions;
        this.globalSeed = globalSeed;
        this.cacheCapacity = cacheCapacity;
        this.atoms = new BoundedCache<>(cacheCapacity);
        this.positions = new BoundedCache<>(cacheCapacity);
    }

    public int dimensions() {
        return dimensions;
    }

    public long globalSeed() {
        return globalSeed;
    }

    /** About how many computed atoms (and as many positions) are cached. */
    public int cacheCapacity() {
        return cacheCapacity;
    }

    /**
     * A number that changes whenever {@link #get} may answer differently for some atom (an import
     * or a cleared cache): what another index over these atoms checks before trusting its entries.
     */
    public int codebookEpoch() {
        return codebookEpoch.get();
    }

    /** The atom vector of {@code atom}: an imported one, else the recipe's (cached). */
    public HyperVector get(String atom) {
        if (!imported.isEmpty()) {
            HyperVector v = imported.get(atom);
            if (v != null) {
                return v;
            }
        }
        return atoms.get(atom, recipe);
    }

    /** The position vector of index {@code i}: numerically the atom {@code "__pos__" + i}. */
    public HyperVector position(int i) {
        return positions.get(i, positionRecipe);
    }

    /** The recipe without the cache. */
    HyperVector generate(String atom) {
        // u32 % 3 on each unsigned keystream word: 0 → −1, 1 → 0, 2 → +1. Atoms are born as planes
        // (binds, bundles and dots run on them); the int8 form is unpacked only if something asks.
        long[] planes = new long[2 * HyperVector.planeWords(dimensions)];
        TernaryKernels.active().atom(Sha256.seedOf(globalSeed, atom), planes, dimensions);
        return HyperVector.wrapPlanes(planes, dimensions);
    }

    /**
     * Number of cached atoms, imported ones included (positions not included); an atom used again
     * after a generation turned over may count twice.
     */
    public int cacheSize() {
        return atoms.size() + imported.size();
    }

    public int positionCacheSize() {
        return positions.size();
    }

    /** Drops the caches and imported entries; later lookups recompute the recipe's vectors. */
    public void clearCache() {
        atoms.clear();
        positions.clear();
        imported.clear();
        codebookEpoch.incrementAndGet();
    }

    /**
     * A snapshot of the atoms held now (cached and imported): atom → vector. The cache is bounded
     * ({@link #cacheCapacity()}), so atoms made long ago may have aged out and are not in it; a
     * manager with the same seed remakes them identically, one with another seed does not.
     */
    public Map<String, HyperVector> exportCodebook() {
        Map<String, HyperVector> out = atoms.snapshot();
        out.putAll(imported);
        return out;
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
        imported.putAll(codebook);
        // An imported atom replaces the cached one rather than standing beside it (one entry in cacheSize()).
        codebook.keySet().forEach(atoms::remove);
        codebookEpoch.incrementAndGet();
    }
}
