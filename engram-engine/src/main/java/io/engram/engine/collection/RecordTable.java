package io.engram.engine.collection;

import io.engram.engine.record.KnowledgeRecord;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The in-memory face of a collection's records: by dense ord (what every derived index keys on)
 * and by id. Paged so that growth never copies records, and read without locks: a record slot is
 * written with volatile semantics after its vector, so a reader that sees the record also sees
 * the vector. One writer at a time (the collection's write lock).
 */
final class RecordTable {
    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;

    private final int dimension;
    private final ConcurrentHashMap<String, Integer> ordById = new ConcurrentHashMap<>();
    private volatile Page[] pages = new Page[0];
    private int nextOrd;
    private int live;
    /** Live records that are not {@linkplain #isPlain(int) plain}; one writer, read by queries. */
    private volatile int notPlain;

    private record Page(AtomicReferenceArray<KnowledgeRecord> records, float[] vectors, float[] norms,
            java.util.concurrent.atomic.AtomicIntegerArray plain) {}

    RecordTable(int dimension) {
        this.dimension = dimension;
    }

    int dimension() {
        return dimension;
    }

    /** The next ord to assign; ords are never reused, so an index never confuses two records. */
    int allocateOrd() {
        return nextOrd++;
    }

    /** Ords below {@code bound} were handed out before (the store's counter): never hand them out again. */
    void advanceOrds(int bound) {
        nextOrd = Math.max(nextOrd, bound);
    }

    int ordBound() {
        return nextOrd;
    }

    int size() {
        return live;
    }

    /** Stores a new record with its vector (null keeps the vector already there). */
    void put(int ord, KnowledgeRecord record, float[] vector) {
        Page page = ensurePage(ord >>> PAGE_BITS);
        int slot = ord & MASK;
        if (vector != null) {
            System.arraycopy(vector, 0, page.vectors, slot * dimension, dimension);
            page.norms[slot] = norm(vector);
        }
        boolean plain = isPlain(record);
        if (!plain) {
            notPlain++; // before the record is published: a query that sees it no longer takes the all-plain path
        }
        KnowledgeRecord previous = page.records.getAndSet(slot, record);
        // After the record: a reader that sees the flag finds the record (or, racing a delete, null).
        page.plain.set(slot, plain ? 1 : 0);
        if (previous == null) {
            live++;
        } else if (!isPlain(previous)) {
            notPlain--;
        }
        ordById.put(record.id(), ord);
        nextOrd = Math.max(nextOrd, ord + 1);
    }

    /** Sets the vector of a record already in the table (used while loading, before publication). */
    void putVector(int ord, float[] vector) {
        Page page = ensurePage(ord >>> PAGE_BITS);
        System.arraycopy(vector, 0, page.vectors, (ord & MASK) * dimension, dimension);
        page.norms[ord & MASK] = norm(vector);
    }

    /** The Euclidean norm of {@code ord}'s vector, kept so that cosines cost one dot product. */
    float norm(int ord) {
        return page(ord).norms[ord & MASK];
    }

    private static float norm(float[] v) {
        return (float) Math.sqrt(io.engram.core.kernel.Kernels.floats().dot(v, 0, v, 0, v.length));
    }

    void remove(int ord) {
        Page page = page(ord);
        if (page == null) {
            return;
        }
        page.plain.set(ord & MASK, 0); // before the record goes
        KnowledgeRecord previous = page.records.getAndSet(ord & MASK, null);
        if (previous != null) {
            live--;
            if (!isPlain(previous)) {
                notPlain--;
            }
            ordById.remove(previous.id(), ord);
        }
    }

    /**
     * Whether the record at {@code ord} is visible to every query that leaves time, status and
     * filters at their defaults, as itself: it has no validity bounds, is not archived and has no
     * successor. Lets the common query skip reading the record inside the index searches.
     */
    boolean isPlain(int ord) {
        Page page = page(ord);
        return page != null && page.plain.get(ord & MASK) != 0;
    }

    /**
     * Whether every live record is plain, so that a query at default settings needs no per-node
     * filter inside the index (its results are still checked one by one afterwards).
     */
    boolean allPlain() {
        return notPlain == 0;
    }

    private static boolean isPlain(KnowledgeRecord r) {
        return r.validFrom() == null && r.validUntil() == null && r.supersededById() == null
                && r.status() != io.engram.engine.record.RecordStatus.ARCHIVED
                && r.status() != io.engram.engine.record.RecordStatus.SUPERSEDED;
    }

    /** The record at {@code ord}, or null when there is none. */
    KnowledgeRecord get(int ord) {
        Page page = page(ord);
        return page == null ? null : page.records.get(ord & MASK);
    }

    /** The ord of a record id, or -1. */
    int ordOf(String id) {
        Integer ord = ordById.get(id);
        return ord == null ? -1 : ord;
    }

    KnowledgeRecord byId(String id) {
        int ord = ordOf(id);
        return ord < 0 ? null : get(ord);
    }

    /** Copies the vector of {@code ord} into {@code out}. */
    void vector(int ord, float[] out) {
        Page page = page(ord);
        System.arraycopy(page.vectors, (ord & MASK) * dimension, out, 0, dimension);
    }

    /** The page array holding {@code ord}'s vector and its offset, for kernels that read in place. */
    float[] vectorPage(int ord) {
        return page(ord).vectors;
    }

    int vectorOffset(int ord) {
        return (ord & MASK) * dimension;
    }

    private Page page(int ord) {
        Page[] p = pages;
        int index = ord >>> PAGE_BITS;
        return ord < 0 || index >= p.length ? null : p[index];
    }

    private Page ensurePage(int index) {
        Page[] p = pages;
        if (index < p.length) {
            return p[index];
        }
        Page[] grown = Arrays.copyOf(p, Math.max(index + 1, p.length * 2));
        for (int i = p.length; i < grown.length; i++) {
            grown[i] = new Page(new AtomicReferenceArray<>(PAGE), new float[PAGE * dimension], new float[PAGE],
                    new java.util.concurrent.atomic.AtomicIntegerArray(PAGE));
        }
        pages = grown;
        return grown[index];
    }
}
