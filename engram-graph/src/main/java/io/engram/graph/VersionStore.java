package io.engram.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;

/**
 * Where committed node versions live: flat records in large chunks of parallel arrays, not one
 * object per version. A record is written once under the commit lock and addressed by an int
 * ({@code slot << OFFSET_BITS | offset}); the {@link VersionTable} holds each node's newest.
 *
 * <p>Why flat: with one object per version, a busy writer fills the heap with objects that live
 * exactly until the next compaction — long enough to be copied by every young collection and
 * promoted, short enough to need old-generation marking to die; those pauses and the marking
 * threads took the readers' processors. And a read of an edited node went slot → version object
 * → adjacency array, three dependent cache misses. Here the record's header sits directly before
 * its out-list in the same {@code nodes} array, so a 1-hop read of an edited node costs the same
 * two misses as one of the compacted base (slot, then record).
 *
 * <p>Record layout, in a chunk's {@code nodes} array at offset {@code p}: {@code [p, p+1]} the
 * version (low, high), {@code p+2} the older record's address or a {@link #ABSENT}/{@link #BASE}/
 * {@link #CUT} marker, {@code p+3} flags, {@code p+4}/{@code p+5} the index of the node's
 * property map / out-edge property map among the chunk's attachments (-1 when empty),
 * {@code p+6}/{@code p+7} the out- and in-list sizes; then the out-list from {@code p+8} and the
 * in-list after it. Labels and weights sit at the same indices of the chunk's {@code labels} and
 * {@code weights} arrays (their header positions are unused).
 *
 * <p>Reclamation: compaction retires every chunk whose records it has folded into the new base;
 * once no snapshot that was open at that moment remains, the chunk's slot is emptied and the
 * collector frees its arrays (a reader that still held them keeps valid arrays; an expired reader
 * that looks the slot up finds it empty and fails as too old). Slots are reused round-robin.
 */
final class VersionStore {
    static final int HEADER = 8;
    static final int OFFSET_BITS = 20;
    /** Entries per regular chunk (4 MiB per array); a record over a quarter of that gets a chunk of its own. */
    static final int CHUNK = 1 << OFFSET_BITS;
    static final int OFFSET_MASK = CHUNK - 1;
    static final int SLOTS = 1 << (31 - OFFSET_BITS);
    /** Chain ends: the node did not exist before; its older state is in the current base; cut by pruning. */
    static final int ABSENT = -1;
    static final int BASE = -2;
    static final int CUT = -3;
    /** A {@link VersionTable} slot without a head. Address 0 is never handed out. */
    static final int NONE = 0;

    private static final int VERSION = 0;
    private static final int OLDER = 2;
    private static final int FLAGS = 3;
    private static final int PROPERTIES = 4;
    private static final int EDGE_PROPERTIES = 5;
    private static final int OUT_SIZE = 6;
    private static final int IN_SIZE = 7;
    private static final int ALIVE = 1;
    private static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle CHUNK_SLOT = MethodHandles.arrayElementVarHandle(Chunk[].class);

    /** One chunk: parallel arrays plus the property maps its records refer to. */
    static final class Chunk {
        final int slot;
        final int[] nodes;
        final int[] labels;
        final float[] weights;
        /** Grown by copying, so a reader's stale reference still holds every entry it can be asked for. */
        volatile Object[] attachments = new Object[0];
        int attachmentCount;
        /** The newest version written here (commit lock). */
        long newestVersion;
        /** Handed to {@link #retired} by a compaction (commit lock). */
        boolean retired;
        int used = 1;

        Chunk(int slot, int size) {
            this.slot = slot;
            this.nodes = new int[size];
            this.labels = new int[size];
            this.weights = new float[size];
        }

        int attach(Object value) {
            Object[] a = attachments;
            if (attachmentCount == a.length) {
                a = Arrays.copyOf(a, Math.max(4, a.length * 2));
            }
            a[attachmentCount] = value;
            attachments = a;
            return attachmentCount++;
        }
    }

    private record Retired(Chunk chunk, long stamp) {}

    private final Chunk[] chunks;
    /** The chunk being filled (commit lock). */
    private Chunk current;
    private int nextSlot;
    private int liveChunks;
    private final ArrayDeque<Retired> retired = new ArrayDeque<>();

    VersionStore() {
        this(SLOTS);
    }

    /** A store of at most {@code slots - 1} chunks (tests use a small one to fill it). */
    VersionStore(int slots) {
        if (slots < 2 || slots > SLOTS) {
            throw new IllegalArgumentException("slots must be in [2, " + SLOTS + "], got " + slots);
        }
        this.chunks = new Chunk[slots];
    }

    // --- reading (any thread; an address came from an acquire read of a head or an older link) --

    /** The chunk of {@code address}, or null once it has been reclaimed. */
    Chunk chunk(int address) {
        // Acquire: a reader that finds a chunk reused after reclamation also sees its own pin
        // expired (expiry happens before reclamation), which is what it checks before any write.
        return (Chunk) CHUNK_SLOT.getAcquire(chunks, address >>> OFFSET_BITS);
    }

    static int offset(int address) {
        return address & OFFSET_MASK;
    }

    static long version(int[] nodes, int p) {
        return (nodes[p + VERSION] & 0xFFFFFFFFL) | ((long) nodes[p + VERSION + 1] << 32);
    }

    /** The older link, with acquire semantics: pruning and compaction rewrite it. */
    static int older(int[] nodes, int p) {
        return (int) INT.getAcquire(nodes, p + OLDER);
    }

    static void setOlder(int[] nodes, int p, int older) {
        INT.setRelease(nodes, p + OLDER, older);
    }

    /**
     * Eager pruning: when the record at {@code p} is at or below {@code horizon} it is the oldest
     * version any snapshot can need, so the link behind it to an older record is cut (a chain end
     * stays: it keeps old reads exact). Returns whether the record is at or below the horizon.
     */
    static boolean cutBehind(int[] nodes, int p, long horizon) {
        if (version(nodes, p) > horizon) {
            return false;
        }
        if (older(nodes, p) > 0) {
            setOlder(nodes, p, CUT);
        }
        return true;
    }

    static boolean alive(int[] nodes, int p) {
        return (nodes[p + FLAGS] & ALIVE) != 0;
    }

    static int outFrom(int p) {
        return p + HEADER;
    }

    static int outSize(int[] nodes, int p) {
        return nodes[p + OUT_SIZE];
    }

    static int inFrom(int[] nodes, int p) {
        return p + HEADER + nodes[p + OUT_SIZE];
    }

    static int inSize(int[] nodes, int p) {
        return nodes[p + IN_SIZE];
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Chunk c, int p) {
        int i = c.nodes[p + PROPERTIES];
        return i < 0 ? Map.of() : (Map<String, Object>) c.attachments[i];
    }

    @SuppressWarnings("unchecked")
    static Map<Long, Map<String, Object>> edgeProperties(Chunk c, int p) {
        int i = c.nodes[p + EDGE_PROPERTIES];
        return i < 0 ? Map.of() : (Map<Long, Map<String, Object>>) c.attachments[i];
    }

    static Adjacency out(Chunk c, int p) {
        int from = outFrom(p);
        return new Adjacency(c.nodes, c.labels, c.weights, from, from + outSize(c.nodes, p));
    }

    static Adjacency in(Chunk c, int p) {
        int from = inFrom(c.nodes, p);
        return new Adjacency(c.nodes, c.labels, c.weights, from, from + inSize(c.nodes, p));
    }

    // --- writing (commit lock) ---------------------------------------------------------------

    /**
     * Writes a record linked to {@code older}: {@code out} and {@code in} with their change lists
     * merged in (either list of changes may be null). Returns its address. The record is
     * invisible until a head points to it.
     */
    int append(long version, int older, boolean alive, Map<String, Object> properties,
            Map<Long, Map<String, Object>> edgeProperties, Adjacency out, EdgeChanges outChanges, Adjacency in,
            EdgeChanges inChanges) {
        int bound = HEADER + out.size() + (outChanges == null ? 0 : outChanges.size()) + in.size()
                + (inChanges == null ? 0 : inChanges.size());
        Chunk c = current;
        if (bound > CHUNK / 4) {
            c = newChunk(bound + 1);
        } else if (c == null || c.used + bound > CHUNK) {
            c = current = newChunk(CHUNK);
        }
        int p = c.used;
        int[] n = c.nodes;
        int o = merge(out, outChanges, c, p + HEADER);
        int outSize = o - (p + HEADER);
        int end = merge(in, inChanges, c, o);
        n[p + VERSION] = (int) version;
        n[p + VERSION + 1] = (int) (version >>> 32);
        n[p + OLDER] = older;
        n[p + FLAGS] = alive ? ALIVE : 0;
        n[p + PROPERTIES] = properties.isEmpty() ? -1 : c.attach(properties);
        n[p + EDGE_PROPERTIES] = edgeProperties.isEmpty() ? -1 : c.attach(edgeProperties);
        n[p + OUT_SIZE] = outSize;
        n[p + IN_SIZE] = end - o;
        c.used = end;
        c.newestVersion = Math.max(c.newestVersion, version);
        return c.slot << OFFSET_BITS | p;
    }

    /** Merges {@code changes} (sorted keys; NaN weight deletes) into {@code list}, writing at {@code at}. */
    private static int merge(Adjacency list, EdgeChanges changes, Chunk c, int at) {
        int[] n = c.nodes;
        int[] l = c.labels;
        float[] w = c.weights;
        int i = list.from;
        int to = list.to;
        int changeCount = changes == null ? 0 : changes.size();
        int k = 0;
        int o = at;
        while (i < to || k < changeCount) {
            long existing = i < to ? Adjacency.key(list.nodes[i], list.labels[i]) : Long.MAX_VALUE;
            long change = k < changeCount ? changes.key(k) : Long.MAX_VALUE;
            if (existing < change) {
                n[o] = list.nodes[i];
                l[o] = list.labels[i];
                w[o++] = list.weights[i++];
                continue;
            }
            if (existing == change) {
                i++; // replaced or deleted by the change
            }
            float weight = changes.weight(k);
            if (!Float.isNaN(weight)) {
                n[o] = (int) (change >>> 32);
                l[o] = (int) change;
                w[o++] = weight;
            }
            k++;
        }
        return o;
    }

    private Chunk newChunk(int size) {
        if (liveChunks == chunks.length - 1) {
            throw new io.engram.core.EngramException("the version store is full (" + (chunks.length - 1)
                    + " chunks of versions not yet folded, or folded but still visible to an open snapshot):"
                    + " close long-lived snapshots and compact the graph (Graph.compact), or keep Compaction automatic");
        }
        int slot = nextSlot;
        // Round-robin from the last slot handed out, never 0 (so no address is NONE), skipping
        // live slots: a slot is reused as late as possible, which keeps the window in which an
        // expired reader could follow a stale address into a new chunk wide.
        do {
            slot = slot + 1 == chunks.length ? 1 : slot + 1;
        } while (chunks[slot] != null);
        nextSlot = slot;
        Chunk c = new Chunk(slot, size);
        CHUNK_SLOT.setRelease(chunks, slot, c);
        liveChunks++;
        return c;
    }

    /**
     * After a compaction installed a base holding every version up to {@code foldedUpTo}:
     * retires the chunks holding nothing newer, to be reclaimed once every snapshot open now
     * (all pinned at or below {@code latest}) has closed.
     */
    void retireFolded(long foldedUpTo, long latest) {
        for (Chunk c : chunks) {
            if (c != null && !c.retired && c.newestVersion <= foldedUpTo) {
                c.retired = true;
                retired.add(new Retired(c, latest));
                if (c == current) {
                    current = null; // start afresh rather than mix new records into a retired chunk
                }
            }
        }
    }

    /** Frees retired chunks no open snapshot can reach: every pin is newer than their stamp. */
    void reclaim(long oldestPinned) {
        while (!retired.isEmpty() && retired.peekFirst().stamp < oldestPinned) {
            Chunk c = retired.pollFirst().chunk;
            CHUNK_SLOT.setRelease(chunks, c.slot, (Chunk) null);
            liveChunks--;
        }
    }

    boolean hasRetired() {
        return !retired.isEmpty();
    }

    /** Chunks in use (retired ones included until reclaimed). */
    int liveChunks() {
        return liveChunks;
    }

    /** The most chunks this store holds. */
    int capacity() {
        return chunks.length - 1;
    }

    /** Live chunks and the bytes their arrays hold. */
    long memoryBytes() {
        long bytes = 0;
        for (Chunk c : chunks) {
            if (c != null) {
                bytes += 12L * c.nodes.length;
            }
        }
        return bytes;
    }
}
