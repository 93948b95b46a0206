package io.engram.engine.collection;

import io.engram.core.ConflictException;
import io.engram.core.EngramException;
import io.engram.core.InvalidArgumentException;
import io.engram.embed.Embedder;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.knowledge.ResolveAction;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.query.SearchResults;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.RecordStatus;
import io.engram.engine.store.Family;
import io.engram.engine.store.Store;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A named set of records with one vector space. Obtained from {@code Engram}; thread-safe: reads
 * never wait for writes, writes are serialised per collection. Every write is durable when the
 * method returns: it is committed to the store (one synced batch) before any derived index sees
 * it, and on open the derived indexes are rebuilt from the store, so a crash can lose an index
 * update but never an acknowledged record.
 */
public final class Collection {
    /**
     * Records written between automatic checkpoints of the vector and text indexes. Without them a
     * server that ran for weeks would replay everything written since it started after a crash;
     * with them, at most this many. The checkpoint runs in the writer that crosses the mark (HNSW
     * at 100k × 384 saves in about a second), while reads go on.
     */
    static final int CHECKPOINT_EVERY_RECORDS = 50_000;

    private final Store store;
    private final int collectionId;
    private final CollectionSpec spec;
    private final Supplier<Embedder> embedder;
    private final Clock clock;
    private final Path indexDir;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Derived derived;
    private volatile boolean dropped;
    private long sequence;
    private long writtenSinceCheckpoint;
    /** {@link #CHECKPOINT_EVERY_RECORDS}, lowered by tests. */
    int checkpointEvery = CHECKPOINT_EVERY_RECORDS;

    Collection(Store store, int collectionId, CollectionSpec spec, Supplier<Embedder> embedder, Clock clock,
            Path indexDir) {
        this.store = store;
        this.collectionId = collectionId;
        this.spec = spec;
        this.embedder = embedder;
        this.clock = clock;
        this.indexDir = indexDir;
        Derived loaded = Derived.load(store, collectionId, spec, indexDir);
        this.sequence = loaded.lastSequence;
        this.derived = loaded;
    }

    public String name() {
        return spec.name();
    }

    public CollectionSpec spec() {
        return spec;
    }

    public CollectionStats stats() {
        return read(this::stats);
    }

    private CollectionStats stats(Derived d) {
        long active = 0, superseded = 0, archived = 0;
        for (int ord = 0, n = d.table.ordBound(); ord < n; ord++) {
            KnowledgeRecord r = d.table.get(ord);
            if (r != null) {
                switch (r.status()) {
                    case SUPERSEDED -> superseded++;
                    case ARCHIVED -> archived++;
                    default -> active++;
                }
            }
        }
        return new CollectionStats(spec.name(), d.table.size(), active, superseded, archived, d.graph.entityCount(),
                d.tensions.activeCount(), d.vectors.size(), d.lastSequence);
    }

    // ------------------------------------------------------------------------------ writes

    /** Adds one record (embedding its content when it has no vector and the collection has an embedder). */
    public KnowledgeRecord add(NewRecord record) {
        return addAll(List.of(record)).getFirst();
    }

    /**
     * Adds a batch atomically (one synced write); content is embedded in batches. An exact duplicate
     * of a current record's content is not stored twice: it corroborates that record (its count and
     * sources grow), and the returned list holds the corroborated record in its place.
     */
    public List<KnowledgeRecord> addAll(List<NewRecord> records) {
        InvalidArgumentException.check(records != null && !records.isEmpty(), "expected at least one record");
        for (NewRecord r : records) {
            RecordFactory.validate(r, spec.dimension(), spec.embedder() == EmbedderKind.MINILM, spec.name());
        }
        float[][] vectors = vectorsOf(records);
        writeLock.lock();
        try {
            Derived d = live();
            Instant now = clock.instant();
            WriteSet writes = new WriteSet(d);
            List<KnowledgeRecord> out = new ArrayList<>(records.size());
            Set<String> idsInBatch = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                NewRecord r = records.get(i);
                if (r.id() != null && (d.table.ordOf(r.id()) >= 0 || !idsInBatch.add(r.id()))) {
                    throw new RecordExistsException(r.id(), spec.name());
                }
                KnowledgeRecord created = RecordFactory.create(r, now, null, null);
                KnowledgeRecord corroborated = writes.corroborate(created, now);
                if (corroborated != null) {
                    out.add(corroborated);
                    continue;
                }
                writes.insert(created, vectors[i], now);
                out.add(created);
            }
            commit(writes);
            out.replaceAll(writes::latest);
            return out;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Replaces {@code oldId} by a new record in one atomic write: the new record has
     * {@code supersedes_id = oldId}; the old one becomes superseded with {@code superseded_by_id}.
     * Fields the replacement leaves empty (metadata, entities, sources, domain path, document) are
     * carried over. A record already superseded cannot be superseded again ({@link ConflictException}
     * naming it): of two concurrent supersedes, one wins.
     */
    public KnowledgeRecord supersede(String oldId, NewRecord replacement, String reason) {
        InvalidArgumentException.check(oldId != null, "expected the id of the record to supersede");
        RecordFactory.validate(replacement, spec.dimension(), spec.embedder() == EmbedderKind.MINILM, spec.name());
        float[] vector = vectorsOf(List.of(replacement))[0];
        writeLock.lock();
        try {
            Derived d = live();
            KnowledgeRecord old = d.table.byId(oldId);
            if (old == null) {
                throw new UnknownRecordException("record", oldId, spec.name());
            }
            if (old.supersededById() != null) {
                throw new ConflictException(List.of(oldId)) {
                    @Override
                    public String getMessage() {
                        return "record '" + oldId + "' was already superseded by '" + old.supersededById() + "'";
                    }
                };
            }
            if (replacement.id() != null) {
                rejectCycle(d, oldId, replacement.id());
                if (d.table.ordOf(replacement.id()) >= 0) {
                    throw new RecordExistsException(replacement.id(), spec.name());
                }
            }
            Instant now = clock.instant();
            KnowledgeRecord created = RecordFactory.create(inherit(replacement, old), now, oldId, reason);
            WriteSet writes = new WriteSet(d);
            writes.insert(created, vector, now);
            writes.update(old.withSuccession(RecordStatus.SUPERSEDED, old.supersedesId(), created.id(), now,
                    old.archivedAt(), now));
            writes.link(created.id(), EntityGraph.SUPERSEDES, oldId);
            commit(writes);
            return created;
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes a record and its tensions; a predecessor it had superseded becomes current again. */
    public boolean delete(String id) {
        InvalidArgumentException.check(id != null, "expected a record id");
        writeLock.lock();
        try {
            Derived d = live();
            KnowledgeRecord r = d.table.byId(id);
            if (r == null) {
                return false;
            }
            Instant now = clock.instant();
            WriteSet writes = new WriteSet(d);
            writes.delete(r);
            if (r.supersedesId() != null) {
                KnowledgeRecord predecessor = d.table.byId(r.supersedesId());
                if (predecessor != null && id.equals(predecessor.supersededById())) {
                    writes.update(predecessor.withSuccession(RecordStatus.ACTIVE, predecessor.supersedesId(), null,
                            null, predecessor.archivedAt(), now));
                }
            }
            if (r.supersededById() != null) {
                KnowledgeRecord successor = d.table.byId(r.supersededById());
                if (successor != null && id.equals(successor.supersedesId())) {
                    writes.update(successor.withSuccession(successor.status(), null, successor.supersededById(),
                            successor.supersededAt(), successor.archivedAt(), now));
                }
            }
            commit(writes);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes every chunk of a document in one atomic write; returns how many records went. */
    public int deleteDocument(String documentId) {
        InvalidArgumentException.check(documentId != null, "expected a document id");
        writeLock.lock();
        try {
            Derived d = live();
            List<KnowledgeRecord> chunks = document(d, documentId);
            if (chunks.isEmpty()) {
                return 0;
            }
            WriteSet writes = new WriteSet(d);
            chunks.forEach(writes::delete);
            commit(writes);
            return chunks.size();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Resolves an active tension: {@code supersede_a} supersedes A by B, {@code supersede_b} B by A,
     * {@code keep_both} accepts the tension, {@code archive_both} archives both records.
     */
    public Tension resolveTension(String tensionId, ResolveAction action, String note) {
        InvalidArgumentException.check(tensionId != null && action != null, "expected a tension id and an action");
        writeLock.lock();
        try {
            Derived d = live();
            Tension t = d.tensions.get(tensionId);
            if (t == null) {
                throw new UnknownRecordException("tension", tensionId, spec.name());
            }
            InvalidArgumentException.check(t.status().isActive(), "expected an active tension, tension '%s' is %s",
                    tensionId, t.status().wireName());
            Instant now = clock.instant();
            KnowledgeRecord a = d.table.byId(t.recordA());
            KnowledgeRecord b = d.table.byId(t.recordB());
            WriteSet writes = new WriteSet(d);
            switch (action) {
                case SUPERSEDE_A -> supersedeExisting(writes, a, b, now);
                case SUPERSEDE_B -> supersedeExisting(writes, b, a, now);
                case ARCHIVE_BOTH -> {
                    writes.update(a.withSuccession(RecordStatus.ARCHIVED, a.supersedesId(), a.supersededById(),
                            a.supersededAt(), now, now));
                    writes.update(b.withSuccession(RecordStatus.ARCHIVED, b.supersedesId(), b.supersededById(),
                            b.supersededAt(), now, now));
                }
                case KEEP_BOTH -> { }
            }
            TensionStatus status = action == ResolveAction.KEEP_BOTH ? TensionStatus.ACCEPTED : TensionStatus.RESOLVED;
            String resolution = action.wireName() + (note == null || note.isBlank() ? "" : ": " + note);
            Tension resolved = t.resolved(status, resolution, now);
            writes.putTension(resolved);
            commit(writes);
            return resolved;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Rebuilds every derived index from the store, ignoring checkpoints. Writes wait; reads go on
     * against the old indexes until the new ones are swapped in, and the old ones close when the
     * last read on them ends.
     */
    public void rebuild() {
        writeLock.lock();
        try {
            Derived old = live();
            Derived fresh = Derived.rebuild(store, collectionId, spec, indexDir);
            derived = fresh;
            sequence = Math.max(sequence, fresh.lastSequence);
            Path oldText = indexDir.resolve(old.textDirName);
            old.retire(() -> Derived.deleteTree(oldText));
        } finally {
            writeLock.unlock();
        }
    }

    /** Saves the vector and text indexes so that the next open replays only later writes. */
    public void checkpoint() {
        writeLock.lock();
        try {
            live().checkpoint(store, collectionId, indexDir);
            writtenSinceCheckpoint = 0;
        } finally {
            writeLock.unlock();
        }
    }

    // ------------------------------------------------------------------------------ reads

    public Optional<KnowledgeRecord> get(String id) {
        InvalidArgumentException.check(id != null, "expected a record id");
        return read(d -> Optional.ofNullable(d.table.byId(id)));
    }

    public Optional<float[]> vector(String id) {
        InvalidArgumentException.check(id != null, "expected a record id");
        return read(d -> {
            int ord = d.table.ordOf(id);
            if (ord < 0) {
                return Optional.empty();
            }
            float[] v = new float[spec.dimension()];
            d.table.vector(ord, v);
            return Optional.of(v);
        });
    }

    /** The chunks of a document, in chunk order (records without a chunk number last, by id). */
    public List<KnowledgeRecord> document(String documentId) {
        InvalidArgumentException.check(documentId != null, "expected a document id");
        return read(d -> document(d, documentId));
    }

    private static List<KnowledgeRecord> document(Derived d, String documentId) {
        List<KnowledgeRecord> out = new ArrayList<>();
        for (int ord : d.documents.getOrDefault(documentId, List.of())) {
            KnowledgeRecord r = d.table.get(ord);
            if (r != null) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingInt((KnowledgeRecord r) -> r.chunk() < 0 ? Integer.MAX_VALUE : r.chunk())
                .thenComparing(KnowledgeRecord::id));
        return out;
    }

    public SearchResults search(SearchRequest request) {
        InvalidArgumentException.check(request != null, "expected a search request");
        return read(d -> new CollectionSearch(d, spec, this::embedQuery).search(request, clock.instant()));
    }

    public AssembledContext context(ContextRequest request) {
        InvalidArgumentException.check(request != null, "expected a context request");
        return read(d -> new ContextAssembler(d, spec, this::embedQuery).assemble(request, clock.instant()));
    }

    /** Tensions with the given status, or all when null. */
    public List<Tension> tensions(TensionStatus status) {
        return read(d -> d.tensions.list(status));
    }

    /** Active tensions touching one record. */
    public List<Tension> tensionsOf(String recordId) {
        return read(d -> d.tensions.activeOf(recordId));
    }

    /**
     * Ids of records valid at {@code asOf} (valid time), at most {@code limit}, through the validity
     * interval index: the work is proportional to the matches, not to the collection.
     */
    public List<String> validAt(Instant asOf, int limit) {
        InvalidArgumentException.check(asOf != null && limit >= 1, "expected an instant and limit >= 1");
        return read(d -> {
            List<String> out = new ArrayList<>();
            d.validity.forEachValidAt(asOf.toEpochMilli(), ord -> {
                KnowledgeRecord r = d.table.get(ord);
                if (r != null && out.size() < limit) {
                    out.add(r.id());
                }
            });
            return out;
        });
    }

    /** Nodes within {@code depth} hops of a record in the collection's graph, at most {@code limit}. */
    public List<Neighbor> neighbors(String recordId, int depth, int limit) {
        InvalidArgumentException.check(depth >= 1 && depth <= 5, "expected depth in 1..5, got %d", depth);
        InvalidArgumentException.check(limit >= 1 && limit <= 10_000, "expected limit in 1..10000, got %d", limit);
        return read(d -> {
            int ord = d.table.ordOf(recordId);
            if (ord < 0) {
                throw new UnknownRecordException("record", recordId, spec.name());
            }
            return d.graph.neighbors(ord, depth, limit, o -> {
                KnowledgeRecord r = d.table.get(o);
                return r == null ? "?" : r.id();
            });
        });
    }

    /**
     * The shortest path between two records in the collection's graph (through shared entities,
     * sources, supersessions and tensions), at most {@code maxHops} long, found within 100 ms;
     * empty when there is none.
     */
    public List<Neighbor> path(String fromId, String toId, int maxHops) {
        InvalidArgumentException.check(fromId != null && toId != null, "expected two record ids");
        InvalidArgumentException.check(maxHops >= 1 && maxHops <= 10, "expected max_hops in 1..10, got %d", maxHops);
        return read(d -> {
            int from = d.table.ordOf(fromId);
            int to = d.table.ordOf(toId);
            if (from < 0 || to < 0) {
                throw new UnknownRecordException("record", from < 0 ? fromId : toId, spec.name());
            }
            return d.graph.path(from, to, maxHops, java.time.Duration.ofMillis(100), o -> {
                KnowledgeRecord r = d.table.get(o);
                return r == null ? "?" : r.id();
            });
        });
    }

    /**
     * Leiden communities of the collection's graph (records, entities, sources), the {@code limit}
     * largest with up to {@code members} members each, computed within {@code budget} (a partial
     * result says so). Costs a pass over the whole graph: an analysis call, not a per-query one.
     */
    public Communities communities(int limit, int members, java.time.Duration budget) {
        InvalidArgumentException.check(limit >= 1 && limit <= 1000, "expected limit in 1..1000, got %d", limit);
        InvalidArgumentException.check(members >= 0 && members <= 1000, "expected members in 0..1000, got %d", members);
        InvalidArgumentException.check(budget != null && !budget.isNegative() && !budget.isZero(),
                "expected a positive time budget, got %s", budget);
        return read(d -> d.graph.communities(limit, members, budget, o -> {
            KnowledgeRecord r = d.table.get(o);
            return r == null ? "?" : r.id();
        }));
    }

    // ------------------------------------------------------------------------------ internals

    int collectionId() {
        return collectionId;
    }

    /** Marks the collection dropped (every later call fails); its index files go when the last read ends. */
    void markDropped() {
        writeLock.lock();
        try {
            if (!dropped) {
                dropped = true;
                derived.retire(() -> Derived.deleteTree(indexDir));
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Checkpoints the indexes and releases them (the store is closed by the caller). */
    void close() {
        writeLock.lock();
        try {
            if (!dropped) {
                dropped = true;
                try {
                    derived.checkpoint(store, collectionId, indexDir);
                } finally {
                    derived.retire(() -> { });
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Releases the indexes without a checkpoint, as a crash would (for tests of replay). */
    void abandon() {
        writeLock.lock();
        try {
            dropped = true;
            derived.retire(() -> { });
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read against the current derived state, holding it so that a rebuild or drop cannot close it midway. */
    private <T> T read(java.util.function.Function<Derived, T> action) {
        while (true) {
            Derived d = live();
            if (d.retain()) {
                try {
                    return action.apply(d);
                } finally {
                    d.release();
                }
            }
            // Replaced and closed between the read of the field and the hold: take the new one.
        }
    }

    private Derived live() {
        if (dropped) {
            throw new UnknownCollectionException(spec.name());
        }
        return derived;
    }

    private void commit(WriteSet writes) {
        try (Store.Batch batch = store.batch()) {
            writes.writeTo(batch, collectionId, () -> ++sequence);
            batch.put(Family.META, Keys.counters(collectionId), Derived.counters(sequence, derived.table.ordBound()));
            batch.commit();
        }
        writes.apply(derived);
        derived.lastSequence = sequence;
        writtenSinceCheckpoint += writes.recordCount();
        if (writtenSinceCheckpoint >= checkpointEvery) {
            derived.checkpoint(store, collectionId, indexDir);
            writtenSinceCheckpoint = 0;
        }
    }

    private float[] embedQuery(String text) {
        if (spec.embedder() != EmbedderKind.MINILM) {
            throw new InvalidArgumentException("collection '" + spec.name() + "' has no embedder: expected a query"
                    + " vector of dimension " + spec.dimension() + ", got text only");
        }
        return embedder.get().embed(text);
    }

    /** The vectors of a batch: given ones as they are, the others embedded in one call (outside the lock). */
    private float[][] vectorsOf(List<NewRecord> records) {
        float[][] out = new float[records.size()][];
        List<String> texts = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            float[] v = records.get(i).vector();
            if (v != null) {
                out[i] = v.clone();
            } else {
                texts.add(records.get(i).content());
                at.add(i);
            }
        }
        if (!texts.isEmpty()) {
            Embedder e = embedder.get();
            if (e.dimension() != spec.dimension()) {
                throw new EngramException("the embedder makes vectors of dimension " + e.dimension()
                        + " but collection '" + spec.name() + "' has dimension " + spec.dimension());
            }
            float[][] embedded = e.embedAll(texts);
            for (int i = 0; i < at.size(); i++) {
                out[at.get(i)] = embedded[i];
            }
        }
        return out;
    }

    private void rejectCycle(Derived d, String oldId, String newId) {
        String cursor = oldId;
        for (int steps = 0; cursor != null && steps < 100_000; steps++) {
            if (cursor.equals(newId)) {
                throw new InvalidArgumentException("superseding '" + oldId + "' by '" + newId
                        + "' would close a supersession cycle");
            }
            KnowledgeRecord r = d.table.byId(cursor);
            cursor = r == null ? null : r.supersedesId();
        }
    }

    private void supersedeExisting(WriteSet writes, KnowledgeRecord loser, KnowledgeRecord winner, Instant now) {
        if (loser.supersededById() != null) {
            throw new ConflictException(List.of(loser.id()));
        }
        InvalidArgumentException.check(winner.supersededById() == null,
                "record '%s' is itself superseded; resolve against its successor", winner.id());
        rejectCycle(writes.derived(), loser.id(), winner.id());
        writes.update(loser.withSuccession(RecordStatus.SUPERSEDED, loser.supersedesId(), winner.id(), now,
                loser.archivedAt(), now));
        if (winner.supersedesId() == null) {
            writes.update(winner.withSuccession(winner.status(), loser.id(), null, null, winner.archivedAt(), now));
        }
        writes.link(winner.id(), EntityGraph.SUPERSEDES, loser.id());
    }

    /** A copy of {@code given} with the fields it leaves empty taken from {@code old} (the caller's object is untouched). */
    private static NewRecord inherit(NewRecord given, KnowledgeRecord old) {
        NewRecord replacement = given.copy();
        if (replacement.metadata().isEmpty()) {
            replacement.withMetadata(old.metadata());
        }
        if (replacement.entities().isEmpty()) {
            old.entities().forEach(replacement::withEntity);
        }
        if (replacement.sources().isEmpty()) {
            old.sources().forEach(replacement::withSource);
        }
        if (replacement.domainPath().isEmpty()) {
            replacement.withDomainPath(old.domainPath());
        }
        if (replacement.documentId() == null && old.documentId() != null) {
            replacement.withDocument(old.documentId(), old.chunk());
        }
        return replacement;
    }

    @Override
    public String toString() {
        return "Collection[" + spec + "]";
    }
}
