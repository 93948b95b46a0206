package io.engram.engine.record;

import io.engram.engine.knowledge.Confidence;
import io.engram.engine.knowledge.StructuredFact;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One record (a belief) as stored: immutable; a change produces a new version. Its vector is kept
 * apart (see {@code Collection.vector}) so that listing records does not drag 1.5 KB each along.
 *
 * @param id              caller-given or a random UUID
 * @param content         the text (may be empty for a vector-only record)
 * @param contentHash     SHA-256 of the content, 64 hex digits; an exact duplicate corroborates
 * @param metadata        a JSON object (string keys; values are strings, numbers, booleans, lists, maps)
 * @param documentId      the document this record is a chunk of, or null
 * @param chunk           its position in that document, or -1
 * @param validFrom       start of validity (inclusive), null = always
 * @param validUntil      end of validity (exclusive), null = open
 * @param recordedAt      transaction time: when the store learnt it
 * @param supersededAt    transaction time of its supersession, null while current
 * @param corroborations  how many exact duplicates were merged into it
 * @param supersedeReason why this record replaced {@code supersedesId}, or null
 */
public record KnowledgeRecord(
        String id,
        String content,
        String contentHash,
        Map<String, Object> metadata,
        String documentId,
        int chunk,
        Confidence confidence,
        List<String> domainPath,
        Instant validFrom,
        Instant validUntil,
        Instant recordedAt,
        Instant createdAt,
        Instant modifiedAt,
        List<Source> sources,
        List<EntityLink> entities,
        StructuredFact fact,
        String supersedesId,
        String supersededById,
        Instant supersededAt,
        int version,
        RecordStatus status,
        Instant archivedAt,
        int corroborations,
        String supersedeReason) {

    public KnowledgeRecord {
        metadata = metadata == null ? Map.of() : metadata;
        domainPath = domainPath == null ? List.of() : List.copyOf(domainPath);
        sources = sources == null ? List.of() : List.copyOf(sources);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** Whether {@code instant} lies in [validFrom, validUntil). */
    public boolean isValidAt(Instant instant) {
        return (validFrom == null || !instant.isBefore(validFrom))
                && (validUntil == null || instant.isBefore(validUntil));
    }

    /** Whether the store knew this record at transaction time {@code knownAt}. */
    public boolean isKnownAt(Instant knownAt) {
        return !recordedAt.isAfter(knownAt);
    }

    /** Whether, as recorded at {@code knownAt}, a successor had replaced this record. */
    public boolean isSupersededAt(Instant knownAt) {
        return supersededAt != null && !supersededAt.isAfter(knownAt);
    }

    /** A new version of this record (modified now) with the given status and successor fields. */
    public KnowledgeRecord withSuccession(RecordStatus newStatus, String newSupersedesId, String newSupersededById,
            Instant newSupersededAt, Instant newArchivedAt, Instant now) {
        return new KnowledgeRecord(id, content, contentHash, metadata, documentId, chunk, confidence, domainPath,
                validFrom, validUntil, recordedAt, createdAt, now, sources, entities, fact, newSupersedesId,
                newSupersededById, newSupersededAt, version + 1, newStatus, newArchivedAt, corroborations,
                supersedeReason);
    }

    /** A new version that counts one more exact duplicate and carries its sources as well. */
    public KnowledgeRecord withCorroboration(List<Source> moreSources, Instant now) {
        List<Source> merged = new java.util.ArrayList<>(sources);
        for (Source s : moreSources) {
            if (merged.stream().noneMatch(m -> m.key().equals(s.key()))) {
                merged.add(s);
            }
        }
        return new KnowledgeRecord(id, content, contentHash, metadata, documentId, chunk, confidence, domainPath,
                validFrom, validUntil, recordedAt, createdAt, now, merged, entities, fact, supersedesId,
                supersededById, supersededAt, version + 1, status, archivedAt, corroborations + 1, supersedeReason);
    }

    /** Overall confidence under the default weights. */
    public double overallConfidence() {
        return confidence.overall();
    }

    /** Independent sources, counted by {@link Source#key()}, plus merged duplicates. */
    public int independentSources() {
        long distinct = sources.stream().map(Source::key).distinct().count();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, distinct) + corroborations);
    }
}
