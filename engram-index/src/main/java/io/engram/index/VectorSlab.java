package io.engram.index;

import java.io.IOException;

/**
 * Row storage behind a {@link VectorStore}: {@code capacity × dimension} floats, one row per slot,
 * on the heap ({@link HeapVectorSlab}) or in a memory-mapped file ({@link MappedVectorSlab}).
 * Bookkeeping (refcounts, chunk map, free slots, dedup hashes) lives in the store; a slab only
 * moves floats. Not thread-safe on its own: the store calls writers under its write lock and
 * readers under its read lock.
 */
interface VectorSlab extends AutoCloseable {
    int dimension();

    int capacity();

    /** Copies row {@code slot} into {@code dst[off, off + dimension)}. */
    void read(int slot, float[] dst, int off);

    /** Overwrites row {@code slot} with {@code src}, whose length is the dimension. */
    void write(int slot, float[] src);

    /** Sets row {@code slot} to zeros. */
    void zero(int slot);

    /**
     * True when every component of row {@code slot} equals the matching one of {@code v} or differs
     * from it by at most {@code tolerance}; NaN never matches.
     */
    boolean rowMatches(int slot, float[] v, double tolerance);

    /** Grows to {@code newCapacity} rows, keeping existing rows; new rows read as zeros. */
    void grow(int newCapacity) throws IOException;

    /** Records the high-water mark (persisted by mapped slabs, ignored on the heap). */
    void highWater(int nextSlot);

    /** Pushes written rows to durable storage (no-op on the heap). */
    void force() throws IOException;

    String storageType();

    @Override
    void close();
}
