package io.engram.engine.collection;

import io.engram.engine.index.TextIndex;
import io.engram.engine.index.ValidityIndex;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.RecordStatus;
import io.engram.engine.store.Family;
import io.engram.engine.store.KeyValueCursor;
import io.engram.engine.store.Store;
import io.engram.index.FlatIndex;
import io.engram.index.HnswIndex;
import io.engram.index.VectorIndex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything of a collection that is derived from the store and kept in memory: the record table,
 * the vector, text and validity indexes, the entity graph, tensions and the writer's lookup maps
 * (content hash, structured facts). Built by replaying the store on open or rebuild; kept in step
 * by {@link WriteSet#apply} after each committed write.
 */
final class Derived implements AutoCloseable {
    final RecordTable table;
    final VectorIndex vectors;
    final TextIndex text;
    final ValidityIndex validity;
    final EntityGraph graph;
    final TensionRegistry tensions;
    final TensionDetector detector;
    /** Content hash → ord of the current record with that content; writer only. */
    final Map<String, Integer> currentByHash;
    volatile long lastSequence;

    private Derived(CollectionSpec spec) {
        this.table = new RecordTable(spec.dimension());
        this.vectors = spec.index() == IndexKind.HNSW
                ? new HnswIndex(spec.dimension(), spec.metric())
                : new FlatIndex(spec.dimension(), spec.metric());
        this.text = TextIndex.inMemory();
        this.validity = new ValidityIndex();
        this.graph = new EntityGraph();
        this.tensions = new TensionRegistry();
        this.detector = new TensionDetector();
        this.currentByHash = new HashMap<>();
    }

    /** Replays a collection's records, vectors and tensions from the store into fresh indexes. */
    static Derived load(Store store, int collectionId, CollectionSpec spec) {
        Derived d = new Derived(spec);
        byte[] prefix = Keys.prefix(collectionId);
        List<KnowledgeRecord> records = new ArrayList<>();
        List<Integer> ords = new ArrayList<>();
        long last = 0;
        try (KeyValueCursor c = store.cursor(Family.RECORDS, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                RecordCodec.Stored s = RecordCodec.decode(c.key(), c.value());
                records.add(s.record());
                ords.add(s.ord());
                last = Math.max(last, s.seq());
            }
        }
        int n = records.size();
        for (int i = 0; i < n; i++) {
            d.table.put(ords.get(i), records.get(i), null);
        }
        long[] ids = new long[n];
        float[][] vecs = new float[n][];
        int withVector = 0;
        try (KeyValueCursor c = store.cursor(Family.VECTORS, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                String id = new String(c.key(), 4, c.key().length - 4, StandardCharsets.UTF_8);
                int ord = d.table.ordOf(id);
                if (ord < 0 || withVector == n) {
                    continue; // a vector whose record is gone: batches write both, so this is debris
                }
                float[] v = RecordCodec.decodeVector(c.key(), c.value(), spec.dimension());
                d.table.putVector(ord, v);
                ids[withVector] = ord;
                vecs[withVector] = v;
                withVector++;
            }
        }
        if (withVector < n) {
            throw new io.engram.core.CorruptFileException("collection '" + spec.name() + "': " + (n - withVector)
                    + " of " + n + " stored records have no stored vector");
        }
        if (n > 0) {
            d.vectors.addAll(ids, vecs);
        }
        int[] textOrds = new int[n];
        String[] texts = new String[n];
        int[] graphOrds = new int[n];
        KnowledgeRecord[] graphRecords = new KnowledgeRecord[n];
        for (int i = 0; i < n; i++) {
            KnowledgeRecord r = records.get(i);
            int ord = ords.get(i);
            textOrds[i] = ord;
            texts[i] = r.content();
            graphOrds[i] = ord;
            graphRecords[i] = r;
            d.indexLookups(ord, r);
        }
        d.text.putAll(textOrds, texts);
        for (int from = 0; from < n; from += 4096) {
            int count = Math.min(4096, n - from);
            d.graph.addRecords(java.util.Arrays.copyOfRange(graphOrds, from, from + count),
                    java.util.Arrays.copyOfRange(graphRecords, from, from + count), count);
        }
        for (int i = 0; i < n; i++) {
            KnowledgeRecord r = records.get(i);
            if (r.supersedesId() != null) {
                int older = d.table.ordOf(r.supersedesId());
                if (older >= 0) {
                    d.graph.link(ords.get(i), EntityGraph.SUPERSEDES, older);
                }
            }
        }
        try (KeyValueCursor c = store.cursor(Family.TENSIONS, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                d.addTension(RecordCodec.decodeTension(c.key(), c.value()));
            }
        }
        d.lastSequence = last;
        return d;
    }

    /** Validity, facts and content hash of one record (derived lookups other than vectors, text, graph). */
    void indexLookups(int ord, KnowledgeRecord r) {
        validity.put(ord, millis(r.validFrom(), Long.MIN_VALUE), millis(r.validUntil(), Long.MAX_VALUE));
        detector.index(ord, r);
        if (isCurrent(r)) {
            currentByHash.put(r.contentHash(), ord);
        }
    }

    void addTension(Tension t) {
        tensions.put(t);
        int a = table.ordOf(t.recordA());
        int b = table.ordOf(t.recordB());
        if (a >= 0 && b >= 0) {
            graph.link(a, EntityGraph.TENSION, b);
        }
    }

    static boolean isCurrent(KnowledgeRecord r) {
        return r.supersededById() == null && r.status() != RecordStatus.ARCHIVED && !r.content().isEmpty();
    }

    static long millis(Instant instant, long whenNull) {
        return instant == null ? whenNull : instant.toEpochMilli();
    }

    @Override
    public void close() {
        text.close();
    }
}
