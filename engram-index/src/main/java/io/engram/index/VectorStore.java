package io.engram.index;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.ToLongFunction;

/**
 * A deduplicating, reference-counted slab of float vectors keyed by chunk id. Indexes hold the
 * store's {@code int} slots and read rows from here; they keep no vector copies.
 *
 * <p><b>Slots.</b> Each unique vector occupies one row ("slot") of a {@code capacity × dimension}
 * slab. Slots are handed out from 0 upwards; a slot whose last reference is removed is zeroed and
 * freed, and the next new vector takes the <em>smallest</em> freed slot (a min-heap), else the
 * high-water mark. When the slab is full it grows to {@code max(required, ⌊1.5 · capacity⌋)}.
 * Slots never move, so an index's slot ids stay valid across growth.
 *
 * <p><b>Deduplication.</b> {@link #add} hashes the vector with {@code dedupHash}: 64-bit FNV-1a
 * over the eight little-endian bytes of {@code Math.round((double) x * 1e6)} for each component.
 * The hash uses no per-process seed, so it is identical across JVM runs and machines. Each hash
 * maps to a <em>chain</em> of every live slot with that hash (an open-addressing hash → head table
 * plus a next-slot array, {@code DedupHashChains}), so a hash collision between two different
 * vectors never stops the earlier one from being shared. A new vector shares a stored row when
 * every component is equal to it or differs by at most {@value #MATCH_TOLERANCE} (absolute); the
 * smallest matching slot wins. Consequences, by design:
 * <ul>
 *   <li>Two vectors within 1e-6 that round to different micro-units (0.4e-6 and 0.6e-6) hash
 *       differently and are stored separately: the hash decides which rows are compared.
 *   <li>A NaN component never matches, so a vector containing NaN is always stored in a new slot.
 *       An infinity matches only the same infinity.
 *   <li>Beyond |x| ≈ 9.2e12 the rounded value clamps to {@code Long.MAX/MIN_VALUE}; that only makes
 *       hashes collide, which the chains absorb.
 * </ul>
 * NaN and infinities are stored without complaint: rejecting them is the collection's job.
 *
 * <p><b>Storage.</b> {@link #inMemory} keeps one contiguous {@code float[]}; growth copies it into a
 * larger array. {@link #mapped} keeps rows in a file mapped with {@code java.lang.foreign} (64-byte
 * header with magic "ENGRVSTO", version, dimension, capacity, high-water mark and CRC32C, then the
 * rows; see {@code MappedVectorSlab}). Growth writes a complete larger copy to a temp file, fsyncs
 * it, renames it over the original and remaps, so the old file stays valid until the rename. The
 * chunk map is written beside it as {@code <file>.chunks} (atomically) on {@link #flush} and
 * {@link #close}; {@link #openMapped} checks both files before trusting any size in them.
 * Durability is as of the last {@code flush()}: a crash loses adds and removes made after it (the
 * engine's WAL replays those), never the file's consistency.
 *
 * <p><b>Concurrency.</b> One {@link ReentrantReadWriteLock}: reads ({@code get*}, {@link #readInto},
 * {@link #slotOf}, counters, {@link #flush}) share the read lock and run concurrently; {@link #add},
 * {@link #remove} and {@link #close} take the write lock. Growth and remapping happen under the
 * write lock, so no reader ever touches an unmapped segment. Getters return copies, so a caller
 * can never alter a stored row or observe a later write through an array it holds.
 *
 * <p><b>Errors.</b> Wrong vector length: {@link DimensionMismatchException}. A chunk added twice:
 * {@link InvalidArgumentException} ("… already has an associated vector"). A slot outside
 * {@code [0, highWaterMark())}: {@link IndexOutOfBoundsException} containing "Invalid vector index";
 * a freed slot: the same type containing "has been freed". Use after close: {@link IllegalStateException}.
 */
public final class VectorStore implements AutoCloseable {
    /** Largest absolute per-component difference at which two vectors are the same vector. */
    public static final double MATCH_TOLERANCE = 1e-6;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int dimension;
    private final VectorSlab slab;
    private final ToLongFunction<float[]> hashFunction;
    /** Where the chunk map is persisted, for mapped stores; null in memory. */
    private final Path chunkMapFile;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Lock read = lock.readLock();
    private final Lock write = lock.writeLock();

    private final Map<UUID, Integer> chunkToSlot = new HashMap<>();
    private int[] refcounts;
    private long[] slotHashes;
    private final DedupHashChains chains;
    private final FreeSlotHeap freeSlots = new FreeSlotHeap();
    private int nextSlot;
    private long totalReferences;
    private volatile boolean closed;

    /** Package-private so tests can force hash collisions with their own hash function. */
    VectorStore(VectorSlab slab, ToLongFunction<float[]> hashFunction, Path chunkMapFile) {
        this.slab = slab;
        this.dimension = slab.dimension();
        this.hashFunction = hashFunction;
        this.chunkMapFile = chunkMapFile;
        this.refcounts = new int[slab.capacity()];
        this.slotHashes = new long[slab.capacity()];
        this.chains = new DedupHashChains(slab.capacity());
    }

    /** An empty store on the Java heap. */
    public static VectorStore inMemory(int dimension, int initialCapacity) {
        checkShape(dimension, initialCapacity);
        return new VectorStore(new HeapVectorSlab(dimension, initialCapacity), VectorStore::dedupHash, null);
    }

    /**
     * An empty store backed by a new memory-mapped {@code file} (plus {@code <file>.chunks}).
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists; use {@link #openMapped}
     */
    public static VectorStore mapped(Path file, int dimension, int initialCapacity) throws IOException {
        InvalidArgumentException.check(file != null, "file must not be null");
        checkShape(dimension, initialCapacity);
        Path chunks = ChunkMapFile.pathFor(file);
        MappedVectorSlab slab = MappedVectorSlab.create(file, dimension, initialCapacity);
        try {
            ChunkMapFile.write(chunks, dimension, Map.of());
        } catch (IOException | RuntimeException e) {
            slab.close();
            throw e;
        }
        return new VectorStore(slab, VectorStore::dedupHash, chunks);
    }

    /**
     * Reopens a store written by {@link #mapped}. Checks the slab header (magic, version, checksum,
     * ranges) and that the file size equals what the header declares before mapping, then the chunk
     * map's checksum and that every slot it names lies below the high-water mark.
     *
     * @throws io.engram.core.CorruptFileException when either file fails a check
     */
    public static VectorStore openMapped(Path file) throws IOException {
        InvalidArgumentException.check(file != null, "file must not be null");
        MappedVectorSlab slab = MappedVectorSlab.open(file);
        try {
            Path chunks = ChunkMapFile.pathFor(file);
            int highWater = slab.storedNextSlot();
            Map<UUID, Integer> map = ChunkMapFile.read(chunks, slab.dimension(), highWater);
            VectorStore store = new VectorStore(slab, VectorStore::dedupHash, chunks);
            store.restore(map, highWater);
            return store;
        } catch (IOException | RuntimeException e) {
            slab.close();
            throw e;
        }
    }

    private static void checkShape(int dimension, int initialCapacity) {
        InvalidArgumentException.check(dimension > 0, "dimension must be positive, got %d", dimension);
        InvalidArgumentException.check(initialCapacity > 0,
                "initial capacity must be positive, got %d", initialCapacity);
    }

    /** Rebuilds refcounts, free slots and hash chains from a loaded chunk map and the rows. */
    private void restore(Map<UUID, Integer> map, int highWater) {
        nextSlot = highWater;
        for (Map.Entry<UUID, Integer> e : map.entrySet()) {
            chunkToSlot.put(e.getKey(), e.getValue());
            refcounts[e.getValue()]++;
            totalReferences++;
        }
        float[] row = new float[dimension];
        for (int slot = 0; slot < highWater; slot++) {
            if (refcounts[slot] == 0) {
                // Freed before the last flush, or added after it with its chunk mapping lost in a
                // crash: either way no chunk owns it, and a free row reads as zeros.
                slab.zero(slot);
                freeSlots.push(slot);
            } else {
                slab.read(slot, row, 0);
                long h = hashFunction.applyAsLong(row);
                slotHashes[slot] = h;
                chains.add(h, slot);
            }
        }
    }

    /**
     * The dedup hash: 64-bit FNV-1a over the little-endian bytes of {@code Math.round((double) x *
     * 1e6)} for each component, in order. Deterministic across runs; see the class comment.
     */
    static long dedupHash(float[] vector) {
        long h = FNV_OFFSET_BASIS;
        for (float x : vector) {
            long r = Math.round((double) x * 1e6);
            for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
                h = (h ^ ((r >>> shift) & 0xFFL)) * FNV_PRIME;
            }
        }
        return h;
    }

    /**
     * Stores {@code vector} for {@code chunkId} and returns its slot: the slot of an equal stored
     * vector (within {@value #MATCH_TOLERANCE} per component), whose refcount goes up, or a new one.
     */
    public int add(UUID chunkId, float[] vector) {
        InvalidArgumentException.check(chunkId != null, "chunk id must not be null");
        InvalidArgumentException.check(vector != null, "vector must not be null");
        DimensionMismatchException.check(dimension, vector.length);
        long h = hashFunction.applyAsLong(vector);
        write.lock();
        try {
            ensureOpen();
            if (chunkToSlot.containsKey(chunkId)) {
                throw new InvalidArgumentException("chunk " + chunkId + " already has an associated vector");
            }
            int match = -1;
            for (int s = chains.head(h); s != DedupHashChains.NONE; s = chains.next(s)) {
                if ((match < 0 || s < match) && slab.rowMatches(s, vector, MATCH_TOLERANCE)) {
                    match = s;
                }
            }
            if (match >= 0) {
                refcounts[match]++;
                totalReferences++;
                chunkToSlot.put(chunkId, match);
                return match;
            }
            int slot;
            if (freeSlots.isEmpty()) {
                ensureCapacity(nextSlot + 1);
                slot = nextSlot++;
                slab.highWater(nextSlot);
            } else {
                slot = freeSlots.pop();
            }
            slab.write(slot, vector);
            refcounts[slot] = 1;
            slotHashes[slot] = h;
            chains.add(h, slot);
            chunkToSlot.put(chunkId, slot);
            totalReferences++;
            return slot;
        } finally {
            write.unlock();
        }
    }

    private void ensureCapacity(int required) {
        int capacity = slab.capacity();
        if (required <= capacity) {
            return;
        }
        long grown = Math.max(required, (long) capacity * 3 / 2);
        int newCapacity = (int) Math.min(grown, Integer.MAX_VALUE - 8);
        if (newCapacity < required) {
            throw new InvalidArgumentException("vector store cannot grow beyond " + newCapacity + " slots");
        }
        try {
            slab.grow(newCapacity);
        } catch (IOException e) {
            throw new UncheckedIOException("growing vector store to " + newCapacity + " slots failed", e);
        }
        refcounts = Arrays.copyOf(refcounts, newCapacity);
        slotHashes = Arrays.copyOf(slotHashes, newCapacity);
        chains.ensureSlotCapacity(newCapacity);
    }

    /**
     * Drops {@code chunkId}'s reference; when it was the last one the slot is zeroed and freed.
     *
     * @return false if the chunk had no vector
     */
    public boolean remove(UUID chunkId) {
        if (chunkId == null) {
            return false;
        }
        write.lock();
        try {
            ensureOpen();
            Integer slot = chunkToSlot.remove(chunkId);
            if (slot == null) {
                return false;
            }
            totalReferences--;
            int s = slot;
            if (--refcounts[s] == 0) {
                chains.remove(slotHashes[s], s);
                slotHashes[s] = 0;
                slab.zero(s);
                freeSlots.push(s);
            }
            return true;
        } finally {
            write.unlock();
        }
    }

    /** A copy of the chunk's vector, or null if the chunk has none. */
    public float[] get(UUID chunkId) {
        read.lock();
        try {
            ensureOpen();
            Integer slot = chunkToSlot.get(chunkId);
            if (slot == null) {
                return null;
            }
            float[] out = new float[dimension];
            slab.read(slot, out, 0);
            return out;
        } finally {
            read.unlock();
        }
    }

    /** A copy of the vector in {@code slot}. */
    public float[] getBySlot(int slot) {
        read.lock();
        try {
            ensureOpen();
            checkLiveSlot(slot);
            float[] out = new float[dimension];
            slab.read(slot, out, 0);
            return out;
        } finally {
            read.unlock();
        }
    }

    /** Copies of the vectors in {@code slots}, in order; every slot is checked before any is read. */
    public float[][] getBySlots(int[] slots) {
        InvalidArgumentException.check(slots != null, "slots must not be null");
        read.lock();
        try {
            ensureOpen();
            for (int slot : slots) {
                checkLiveSlot(slot);
            }
            float[][] out = new float[slots.length][dimension];
            for (int i = 0; i < slots.length; i++) {
                slab.read(slots[i], out[i], 0);
            }
            return out;
        } finally {
            read.unlock();
        }
    }

    /** Copies the vector in {@code slot} into {@code dst[off, off + dimension())}; allocates nothing. */
    public void readInto(int slot, float[] dst, int off) {
        Objects.checkFromIndexSize(off, dimension, dst.length);
        read.lock();
        try {
            ensureOpen();
            checkLiveSlot(slot);
            slab.read(slot, dst, off);
        } finally {
            read.unlock();
        }
    }

    /** The chunk's slot, or -1 if the chunk has no vector. */
    public int slotOf(UUID chunkId) {
        read.lock();
        try {
            ensureOpen();
            Integer slot = chunkToSlot.get(chunkId);
            return slot == null ? -1 : slot;
        } finally {
            read.unlock();
        }
    }

    /** Number of unique live vectors (occupied slots). */
    public int count() {
        read.lock();
        try {
            return nextSlot - freeSlots.size();
        } finally {
            read.unlock();
        }
    }

    /** Number of chunks mapped to a vector: the sum of all refcounts. */
    public long totalReferences() {
        read.lock();
        try {
            return totalReferences;
        } finally {
            read.unlock();
        }
    }

    /** The reference count of {@code slot} (0 when freed). */
    public int referenceCount(int slot) {
        read.lock();
        try {
            if (slot < 0 || slot >= nextSlot) {
                throw invalidSlot(slot);
            }
            return refcounts[slot];
        } finally {
            read.unlock();
        }
    }

    /** Slots below this value have been handed out at least once; valid slots lie in {@code [0, highWaterMark())}. */
    public int highWaterMark() {
        read.lock();
        try {
            return nextSlot;
        } finally {
            read.unlock();
        }
    }

    /** Rows the slab holds before it must grow. */
    public int capacity() {
        read.lock();
        try {
            return slab.capacity();
        } finally {
            read.unlock();
        }
    }

    public int dimension() {
        return dimension;
    }

    /**
     * unique_vectors, total_references, capacity, utilization (unique / capacity · 100, two
     * decimals), free_indices (number of freed slots awaiting reuse), dimension, storage_type
     * ("in-memory" or "memory-mapped").
     */
    public Map<String, Object> statistics() {
        read.lock();
        try {
            ensureOpen();
            int unique = nextSlot - freeSlots.size();
            int capacity = slab.capacity();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("unique_vectors", unique);
            stats.put("total_references", totalReferences);
            stats.put("capacity", capacity);
            stats.put("utilization", Math.round(unique * 10000.0 / capacity) / 100.0);
            stats.put("free_indices", freeSlots.size());
            stats.put("dimension", dimension);
            stats.put("storage_type", slab.storageType());
            return stats;
        } finally {
            read.unlock();
        }
    }

    /**
     * Mapped stores: forces the rows and header to disk, then atomically rewrites the chunk map.
     * In memory: does nothing.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void flush() {
        read.lock();
        try {
            ensureOpen();
            persist();
        } finally {
            read.unlock();
        }
    }

    private void persist() {
        if (chunkMapFile == null) {
            return;
        }
        try {
            // Rows first: the chunk map must never name a slot whose row is not yet on disk.
            slab.force();
            ChunkMapFile.write(chunkMapFile, dimension, chunkToSlot);
        } catch (IOException e) {
            throw new UncheckedIOException("flushing vector store failed", e);
        }
    }

    /** Flushes a mapped store and unmaps it; idempotent. Later calls throw {@link IllegalStateException}. */
    @Override
    public void close() {
        write.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                persist();
            } finally {
                slab.close();
            }
        } finally {
            write.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("vector store is closed");
        }
    }

    private void checkLiveSlot(int slot) {
        if (slot < 0 || slot >= nextSlot) {
            throw invalidSlot(slot);
        }
        if (refcounts[slot] == 0) {
            throw new IndexOutOfBoundsException("vector at index " + slot + " has been freed");
        }
    }

    private IndexOutOfBoundsException invalidSlot(int slot) {
        return new IndexOutOfBoundsException("Invalid vector index " + slot + ": valid slots are [0, "
                + nextSlot + ")");
    }

    @Override
    public String toString() {
        return "VectorStore[" + slab.storageType() + ", dimension " + dimension + "]";
    }
}
