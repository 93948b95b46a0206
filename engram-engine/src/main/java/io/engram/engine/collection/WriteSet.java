package io.engram.engine.collection;

import io.engram.core.Metric;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.store.Family;
import io.engram.engine.store.Store;
import io.engram.index.SearchParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The changes of one write, gathered before anything is stored: inserts (with their new ords and
 * vectors), new versions of existing records, deletes, tensions and graph links. The collection
 * writes them to the store as one batch and, only once that batch is committed, applies them to
 * the derived indexes — so an index never shows what the store does not hold.
 */
final class WriteSet {
    private record Insert(int ord, KnowledgeRecord record, float[] vector) {}

    private record Link(String from, String label, String to) {}

    private final Derived d;
    private final List<Insert> inserts = new ArrayList<>();
    /** New versions of existing records, by id; the latest wins. */
    private final Map<String, KnowledgeRecord> updates = new LinkedHashMap<>();
    private final List<KnowledgeRecord> deletes = new ArrayList<>();
    private final Map<String, Tension> tensionPuts = new LinkedHashMap<>();
    private final List<String> tensionDeletes = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    /** Content hash → id of a record inserted earlier in this same write. */
    private final Map<String, String> insertedByHash = new HashMap<>();

    WriteSet(Derived d) {
        this.d = d;
    }

    Derived derived() {
        return d;
    }

    /**
     * When {@code created} repeats the content of a current record exactly, returns that record's
     * next version (one more corroboration, sources merged) and queues it; otherwise null.
     */
    KnowledgeRecord corroborate(KnowledgeRecord created, Instant now) {
        if (created.content().isEmpty()) {
            return null;
        }
        KnowledgeRecord existing = null;
        String pendingId = insertedByHash.get(created.contentHash());
        if (pendingId != null) {
            existing = pending(pendingId);
        } else {
            Integer ord = d.currentByHash.get(created.contentHash());
            if (ord != null) {
                existing = current(d.table.get(ord).id());
            }
        }
        if (existing == null || !existing.content().equals(created.content())) {
            return null;
        }
        KnowledgeRecord next = existing.withCorroboration(created.sources(), now);
        replacePending(next);
        return next;
    }

    void insert(KnowledgeRecord created, float[] vector, Instant now) {
        int ord = d.table.allocateOrd();
        for (Tension t : d.detector.factTensions(created, d.table, now)) {
            tensionPuts.put(t.id(), t);
        }
        for (Insert other : inserts) { // facts earlier in this batch are not indexed yet
            Tension t = d.detector.factTension(other.record(), created, now);
            if (t != null) {
                tensionPuts.put(t.id(), t);
            }
        }
        Tension opposing = opposingDuplicate(created, vector, now);
        if (opposing != null) {
            tensionPuts.put(opposing.id(), opposing);
        }
        inserts.add(new Insert(ord, created, vector));
        if (!created.content().isEmpty()) {
            insertedByHash.put(created.contentHash(), created.id());
        }
    }

    void update(KnowledgeRecord next) {
        replacePending(next);
    }

    void delete(KnowledgeRecord r) {
        deletes.add(r);
        for (Tension t : d.tensions.of(r.id())) {
            tensionDeletes.add(t.id());
        }
    }

    void putTension(Tension t) {
        tensionPuts.put(t.id(), t);
    }

    void link(String fromId, String label, String toId) {
        links.add(new Link(fromId, label, toId));
    }

    /** The version of {@code r} this write will store (a later corroboration in the same batch wins). */
    KnowledgeRecord latest(KnowledgeRecord r) {
        return updates.getOrDefault(r.id(), r);
    }

    /** How many records this write stores or deletes. */
    int recordCount() {
        return inserts.size() + updates.size() + deletes.size();
    }

    /** Writes every change into {@code batch}; each written record takes the next sequence number. */
    void writeTo(Store.Batch batch, int collectionId, LongSupplier nextSequence) {
        for (KnowledgeRecord r : deletes) {
            byte[] key = Keys.of(collectionId, r.id());
            batch.delete(Family.RECORDS, key).delete(Family.VECTORS, key);
        }
        for (String id : tensionDeletes) {
            batch.delete(Family.TENSIONS, Keys.of(collectionId, id));
        }
        for (Insert i : inserts) {
            KnowledgeRecord r = updates.getOrDefault(i.record().id(), i.record());
            byte[] key = Keys.of(collectionId, r.id());
            batch.put(Family.RECORDS, key, RecordCodec.encode(r, i.ord(), nextSequence.getAsLong()));
            batch.put(Family.VECTORS, key, RecordCodec.encodeVector(i.vector()));
        }
        for (KnowledgeRecord r : updates.values()) {
            int ord = d.table.ordOf(r.id());
            if (ord >= 0) { // pending inserts were written above with their latest version
                batch.put(Family.RECORDS, Keys.of(collectionId, r.id()),
                        RecordCodec.encode(r, ord, nextSequence.getAsLong()));
            }
        }
        for (Tension t : tensionPuts.values()) {
            batch.put(Family.TENSIONS, Keys.of(collectionId, t.id()), RecordCodec.encodeTension(t));
        }
    }

    /** Applies the committed changes to the derived indexes. */
    void apply(Derived target) {
        for (String id : tensionDeletes) {
            target.tensions.remove(id);
        }
        for (KnowledgeRecord r : deletes) {
            int ord = target.table.ordOf(r.id());
            if (ord < 0) {
                continue;
            }
            target.vectors.remove(ord);
            target.text.remove(ord);
            target.validity.remove(ord);
            target.graph.removeRecord(ord);
            target.detector.unindex(ord, r);
            target.unindexDocument(ord, r);
            target.currentByHash.remove(r.contentHash(), ord);
            target.table.remove(ord);
        }
        if (!inserts.isEmpty()) {
            int n = inserts.size();
            long[] ids = new long[n];
            float[][] vectors = new float[n][];
            int[] ords = new int[n];
            KnowledgeRecord[] records = new KnowledgeRecord[n];
            for (int i = 0; i < n; i++) {
                Insert in = inserts.get(i);
                KnowledgeRecord r = updates.getOrDefault(in.record().id(), in.record());
                target.table.put(in.ord(), r, in.vector());
                ids[i] = in.ord();
                vectors[i] = in.vector();
                ords[i] = in.ord();
                records[i] = r;
                target.text.put(in.ord(), r.content());
                target.indexLookups(in.ord(), r);
            }
            if (n == 1) {
                target.vectors.add(ids[0], vectors[0]);
            } else {
                target.vectors.addAll(ids, vectors);
            }
            target.graph.addRecords(ords, records, n);
        }
        for (KnowledgeRecord r : updates.values()) {
            int ord = target.table.ordOf(r.id());
            if (ord < 0) {
                continue;
            }
            target.table.put(ord, r, null);
            if (Derived.isCurrent(r)) {
                target.currentByHash.put(r.contentHash(), ord);
            } else {
                target.currentByHash.remove(r.contentHash(), ord);
            }
        }
        List<EntityGraph.Edge> edges = new ArrayList<>();
        for (Link l : links) {
            int from = target.table.ordOf(l.from());
            int to = target.table.ordOf(l.to());
            if (from >= 0 && to >= 0) {
                edges.add(new EntityGraph.Edge(from, l.label(), to));
            }
        }
        for (Tension t : tensionPuts.values()) {
            if (target.tensions.get(t.id()) == null) {
                target.addTension(t, edges);
            } else {
                target.tensions.put(t);
            }
        }
        target.graph.link(edges);
    }

    private Tension opposingDuplicate(KnowledgeRecord created, float[] vector, Instant now) {
        if (d.vectors.metric() != Metric.COSINE || d.vectors.size() == 0 || created.content().isEmpty()) {
            return null;
        }
        long[] ids = new long[3];
        float[] raw = new float[3];
        // A narrow beam: this runs once per written record, and only very close neighbours matter.
        int found = d.vectors.search(vector, 3, SearchParams.ef(16), ids, raw);
        for (int i = 0; i < found; i++) {
            KnowledgeRecord indexed = d.table.get((int) ids[i]);
            KnowledgeRecord other = indexed == null ? null : current(indexed.id());
            if (other != null) {
                Tension t = d.detector.opposingDuplicate(created, other,
                        CollectionSearch.scoreOfDistance(Metric.COSINE, raw[i]), now);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The newest version of an existing record: this write's pending one, else the table's. */
    private KnowledgeRecord current(String id) {
        if (id == null) {
            return null;
        }
        KnowledgeRecord pending = updates.get(id);
        return pending != null ? pending : d.table.byId(id);
    }

    private KnowledgeRecord pending(String id) {
        KnowledgeRecord updated = updates.get(id);
        if (updated != null) {
            return updated;
        }
        for (Insert i : inserts) {
            if (i.record().id().equals(id)) {
                return i.record();
            }
        }
        return null;
    }

    private void replacePending(KnowledgeRecord next) {
        updates.put(next.id(), next);
    }
}
