package io.engram.engine.collection;

import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.knowledge.ResolveAction;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.query.SearchResults;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import java.util.List;
import java.util.Optional;

/**
 * A named set of records with one vector space. Obtained from {@code Engram}; thread-safe: reads
 * never wait for writes, writes are serialised per collection. Every write is durable when the
 * method returns.
 */
public final class Collection {
    private static final String TODO = "API skeleton: the implementation lands in the next commit";

    public String name() { throw new UnsupportedOperationException(TODO); }
    public CollectionSpec spec() { throw new UnsupportedOperationException(TODO); }
    public CollectionStats stats() { throw new UnsupportedOperationException(TODO); }

    /** Adds one record (embedding its content when it has no vector and the collection has an embedder). */
    public KnowledgeRecord add(NewRecord record) { throw new UnsupportedOperationException(TODO); }
    /** Adds a batch atomically (one synced write); content is embedded in batches. */
    public List<KnowledgeRecord> addAll(List<NewRecord> records) { throw new UnsupportedOperationException(TODO); }
    public Optional<KnowledgeRecord> get(String id) { throw new UnsupportedOperationException(TODO); }
    public Optional<float[]> vector(String id) { throw new UnsupportedOperationException(TODO); }
    /** Deletes a record and its tensions; false when it was not there. */
    public boolean delete(String id) { throw new UnsupportedOperationException(TODO); }
    /** Replaces {@code oldId} by a new record; the old one becomes superseded. Rejects cycles. */
    public KnowledgeRecord supersede(String oldId, NewRecord replacement, String reason) { throw new UnsupportedOperationException(TODO); }
    public SearchResults search(SearchRequest request) { throw new UnsupportedOperationException(TODO); }
    public AssembledContext context(ContextRequest request) { throw new UnsupportedOperationException(TODO); }
    /** Tensions with the given status, or all when null. */
    public List<Tension> tensions(TensionStatus status) { throw new UnsupportedOperationException(TODO); }
    public Tension resolveTension(String tensionId, ResolveAction action, String note) { throw new UnsupportedOperationException(TODO); }
    /** Nodes within {@code depth} hops of a record in the collection's graph, at most {@code limit}. */
    public List<Neighbor> neighbors(String recordId, int depth, int limit) { throw new UnsupportedOperationException(TODO); }
    /** Rebuilds every derived index from the store. */
    public void rebuild() { throw new UnsupportedOperationException(TODO); }
}
