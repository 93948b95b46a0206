package io.engram.engine.collection;

import io.engram.engine.query.MetadataCondition;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.RecordStatus;
import java.time.Instant;
import java.util.List;

/**
 * Which records a query may see: bitemporal (valid time {@code asOf}, transaction time
 * {@code knownAt}), status, confidence and metadata. A superseded record is a <em>candidate</em>
 * (it may match and point at its successor) but not a <em>result</em> unless
 * {@code includeSuperseded}; the successor must itself pass as a result.
 */
record Visibility(Instant asOf, Instant knownAt, boolean includeSuperseded, boolean includeExpired,
        boolean includeArchived, double minConfidence, List<MetadataCondition> filter, boolean defaults) {

    /**
     * @param asOf    valid time, or null for now
     * @param knownAt transaction time, or null for now
     */
    static Visibility of(Instant asOf, Instant knownAt, Instant now, boolean includeSuperseded,
            boolean includeExpired, boolean includeArchived, double minConfidence, List<MetadataCondition> filter) {
        boolean defaults = asOf == null && knownAt == null && minConfidence == 0 && filter.isEmpty();
        return new Visibility(asOf != null ? asOf : now, knownAt != null ? knownAt : now, includeSuperseded,
                includeExpired, includeArchived, minConfidence, filter, defaults);
    }

    /** {@link #candidate(KnowledgeRecord)} by ord, skipping the record for plain records under default settings. */
    boolean candidate(RecordTable table, int ord) {
        return (defaults && table.isPlain(ord)) || candidate(table.get(ord));
    }

    /** May this record take part in retrieval (as itself or as a pointer to its successor)? */
    boolean candidate(KnowledgeRecord r) {
        if (r == null || !r.isKnownAt(knownAt)) {
            return false;
        }
        if (!includeExpired && !r.isValidAt(asOf)) {
            return false;
        }
        if (!includeArchived && r.status() == RecordStatus.ARCHIVED && r.archivedAt() != null
                && !r.archivedAt().isAfter(knownAt)) {
            return false;
        }
        if (minConfidence > 0 && r.overallConfidence() < minConfidence) {
            return false;
        }
        return filter.isEmpty() || MetadataMatcher.matches(filter, r.metadata());
    }

    /** May this record be returned as a result? */
    boolean result(KnowledgeRecord r) {
        return candidate(r) && (includeSuperseded || !r.isSupersededAt(knownAt));
    }

    /** Whether a successor should stand in for {@code r}. */
    boolean redirects(KnowledgeRecord r) {
        return !includeSuperseded && r.isSupersededAt(knownAt) && r.supersededById() != null;
    }
}
