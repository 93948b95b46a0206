package io.engram.index;

import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A k-nearest-neighbour index over float vectors with caller-chosen {@code long} ids.
 *
 * <p>Distances are "smaller is better" for every metric (see {@link IndexDistance}): Euclidean
 * distance for {@link Metric#L2}, {@code 1 − cos} for {@link Metric#COSINE} (vectors and queries
 * are normalised to unit length), {@code −⟨q, x⟩} for {@link Metric#INNER_PRODUCT}. Results ascend
 * by distance; ties break by ascending id.
 *
 * <p>Concurrency contract: searches run concurrently with each other and with mutations, with no
 * global lock on the search path; mutations are serialised by the index.
 *
 * <p>Validation: k and the query's dimension are checked before any empty-index shortcut; bad
 * input fails with {@link io.engram.core.InvalidArgumentException} ("k must be positive",
 * "already exists") or {@link io.engram.core.DimensionMismatchException}.
 */
public interface VectorIndex {

    /** {@code "flat"}, {@code "kd_tree"}, {@code "lsh"} or {@code "hnsw"}. */
    String type();

    int dimension();

    Metric metric();

    /** Number of live (not removed) vectors. */
    int size();

    /**
     * Adds a vector under {@code id}. The index copies the vector (after normalising it for
     * cosine); the caller may reuse the array.
     *
     * @throws io.engram.core.InvalidArgumentException if {@code id} already exists ("already exists")
     *     or the vector holds NaN or infinity
     */
    void add(long id, float[] vector);

    /** Adds many vectors; indexes that can build in parallel override this. */
    default void addAll(long[] ids, float[][] vectors) {
        io.engram.core.InvalidArgumentException.check(ids.length == vectors.length,
                "ids and vectors differ in length: %d ids, %d vectors", ids.length, vectors.length);
        for (int i = 0; i < ids.length; i++) {
            add(ids[i], vectors[i]);
        }
    }

    /** Removes {@code id}; false when it was not present. */
    boolean remove(long id);

    /** Whether {@code id} is present (and not removed). */
    boolean contains(long id);

    /**
     * Writes up to {@code k} nearest ids and their distances into the arrays (best first) and
     * returns how many were written. Allocates nothing per call on indexes that promise it (HNSW,
     * Flat); the arrays must hold at least {@code k} entries.
     */
    int search(float[] query, int k, SearchParams params, long[] ids, float[] distances);

    /** Convenience form that allocates its result. */
    default SearchResult search(float[] query, int k, SearchParams params) {
        io.engram.core.InvalidArgumentException.check(k > 0, "k must be positive, got %d", k);
        int capacity = Math.min(k, Math.max(size(), 0));
        long[] ids = new long[Math.max(capacity, 1)];
        float[] distances = new float[ids.length];
        // Sized by the live count so that k = Integer.MAX_VALUE does not allocate 2^31 slots.
        int n = search(query, Math.min(k, ids.length), params, ids, distances);
        return SearchResult.of(ids, distances, n);
    }

    default SearchResult search(float[] query, int k) {
        return search(query, k, SearchParams.DEFAULTS);
    }

    /** Rebuilds internal structure from the live vectors (compaction for HNSW; no-op for Flat). */
    void rebuild();

    /** Removes everything. */
    void clear();

    /** False only for indexes whose structure is not updated in place (KD-tree). */
    boolean supportsIncrementalUpdates();

    /** Approximate bytes held on the heap or mapped, for sizing. */
    long memoryBytes();

    /** Index-specific statistics (type, size, dimension, plus per-index keys). */
    Map<String, Object> statistics();

    /** Writes the index atomically (temp file, fsync, rename) in its versioned, checksummed format. */
    void save(Path path) throws IOException;
}
