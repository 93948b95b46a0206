package io.engram.index;

import io.engram.core.InvalidArgumentException;

/**
 * HNSW construction and search defaults (hnswlib semantics).
 *
 * @param m neighbours per node on layers ≥ 1; layer 0 keeps up to 2·m
 * @param efConstruction beam width while inserting
 * @param efSearch default beam width while searching (a query uses max(ef, k))
 * @param maxLevel cap on a node's level
 * @param seed seed of the level generator (same seed and insert order → same graph)
 * @param compactionThreshold fraction of tombstones that triggers a rebuild from live nodes
 *     (0 = never automatically)
 * @param int8Traversal keep an int8 copy of every vector (one byte per component and a scale,
 *     a quarter of the float bytes) and let searches walk the graph on it, then rank the ef
 *     nodes found by exact float distance. Searches read far fewer bytes from memory, which is
 *     what bounds them once the vectors outgrow the caches; the graph itself is built on the
 *     float vectors either way. Costs 25 % more vector memory.
 */
public record HnswParams(int m, int efConstruction, int efSearch, int maxLevel, long seed, double compactionThreshold,
        boolean int8Traversal) {

    public static final HnswParams DEFAULTS = new HnswParams(16, 200, 50, 16, 42, 0.25, false);

    public HnswParams {
        InvalidArgumentException.check(m > 0, "M must be positive, got %d", m);
        InvalidArgumentException.check(m <= 1024, "M must be at most 1024, got %d", m);
        InvalidArgumentException.check(efConstruction > 0, "ef_construction must be positive, got %d", efConstruction);
        InvalidArgumentException.check(efSearch > 0, "ef_search must be positive, got %d", efSearch);
        InvalidArgumentException.check(maxLevel > 0 && maxLevel <= 64, "max_level must be in 1..64, got %d", maxLevel);
        InvalidArgumentException.check(compactionThreshold >= 0 && compactionThreshold <= 1,
                "compaction threshold must be in [0, 1], got %s", compactionThreshold);
    }

    public HnswParams withM(int newM) {
        return new HnswParams(newM, efConstruction, efSearch, maxLevel, seed, compactionThreshold, int8Traversal);
    }

    public HnswParams withEfConstruction(int ef) {
        return new HnswParams(m, ef, efSearch, maxLevel, seed, compactionThreshold, int8Traversal);
    }

    public HnswParams withEfSearch(int ef) {
        return new HnswParams(m, efConstruction, ef, maxLevel, seed, compactionThreshold, int8Traversal);
    }

    public HnswParams withSeed(long newSeed) {
        return new HnswParams(m, efConstruction, efSearch, maxLevel, newSeed, compactionThreshold, int8Traversal);
    }

    public HnswParams withCompactionThreshold(double threshold) {
        return new HnswParams(m, efConstruction, efSearch, maxLevel, seed, threshold, int8Traversal);
    }

    public HnswParams withInt8Traversal(boolean enabled) {
        return new HnswParams(m, efConstruction, efSearch, maxLevel, seed, compactionThreshold, enabled);
    }
}
