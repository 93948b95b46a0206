package io.engram.index.rabitq;

import io.engram.index.SearchResult;

/**
 * The RaBitQ family's contract (the reference's {@code AnnIndex}): append-only, squared-L2 scores,
 * results ascending. Implementations are thread-safe: searches take no lock and see every add that
 * completed before they started; adds are serialised.
 *
 * <p>Errors: a vector or query of the wrong length is a {@link io.engram.core.DimensionMismatchException};
 * searching an empty index is an {@link EmptyIndexException}; {@code k < 1}, non-finite stored
 * vectors and ids outside the storable range are {@link io.engram.core.InvalidArgumentException}s.
 * {@code k} larger than the index returns every vector. A NaN query does not throw.
 */
public interface AnnIndex {

    /** Appends {@code vector} under {@code id}; the vector is copied. */
    void add(long id, float[] vector);

    /** The {@code k} nearest by this index's score (estimated or exact L2²), ascending. */
    SearchResult search(float[] query, int k);

    /** Number of vectors. */
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    int dim();

    /** Bytes of the index's own arrays, counted as the reference counts them. */
    long memoryBytes();
}
