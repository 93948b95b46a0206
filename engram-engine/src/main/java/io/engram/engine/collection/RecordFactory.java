package io.engram.engine.collection;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.hash.Sha256;
import io.engram.engine.knowledge.Confidence;
import io.engram.engine.knowledge.ConfidenceDimension;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.RecordStatus;
import io.engram.engine.record.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Validates what a caller gives ({@link NewRecord}) against the collection and builds the stored
 * record. Every limit is checked before anything is allocated from a caller's size, and every
 * message names what was expected and what came.
 */
final class RecordFactory {
    static final int MAX_CONTENT_CHARS = 1_000_000;
    static final int MAX_LIST = 64;
    static final int MAX_METADATA_DEPTH = 16;
    static final int MAX_METADATA_BYTES = 64 * 1024;

    private RecordFactory() {}

    /** Checks everything that does not need the collection's state. */
    static void validate(NewRecord r, int dimension, boolean hasEmbedder, String collection) {
        InvalidArgumentException.check(r != null, "record must not be null");
        if (r.id() != null) {
            int bytes = r.id().getBytes(StandardCharsets.UTF_8).length;
            InvalidArgumentException.check(bytes >= 1 && bytes <= Keys.MAX_ID_BYTES,
                    "expected a record id of 1..%d UTF-8 bytes, got %d", Keys.MAX_ID_BYTES, bytes);
        }
        String content = r.content() == null ? "" : r.content();
        InvalidArgumentException.check(content.length() <= MAX_CONTENT_CHARS,
                "expected content of at most %d characters, got %d", MAX_CONTENT_CHARS, content.length());
        float[] v = r.vector();
        if (v != null) {
            if (v.length != dimension) {
                throw new DimensionMismatchException(dimension, v.length);
            }
            InvalidArgumentException.checkFinite(v, "vector");
        } else if (!hasEmbedder) {
            throw new InvalidArgumentException("collection '" + collection + "' has no embedder: expected a vector"
                    + " of dimension " + dimension + ", got none");
        } else {
            InvalidArgumentException.check(!content.isBlank(),
                    "expected content to embed or a vector, got neither");
        }
        InvalidArgumentException.check(r.chunk() >= -1, "expected chunk >= 0 (or -1 for none), got %d", r.chunk());
        InvalidArgumentException.check(r.validFrom() == null || r.validUntil() == null
                        || r.validFrom().isBefore(r.validUntil()),
                "expected valid_from before valid_until, got %s and %s", r.validFrom(), r.validUntil());
        checkSize("sources", r.sources().size());
        checkSize("entities", r.entities().size());
        checkSize("domain_path", r.domainPath().size());
        checkMetadata(r.metadata(), 0, "metadata");
        int metadataBytes = RecordCodec.JSON.writeValueAsBytes(r.metadata()).length;
        InvalidArgumentException.check(metadataBytes <= MAX_METADATA_BYTES,
                "expected metadata of at most %d bytes as JSON, got %d", MAX_METADATA_BYTES, metadataBytes);
    }

    /** Builds the first version of a record. */
    static KnowledgeRecord create(NewRecord r, Instant now, String supersedesId, String reason) {
        String id = r.id() != null ? r.id() : UUID.randomUUID().toString();
        String content = r.content() == null ? "" : r.content();
        return new KnowledgeRecord(id, content, contentHash(content), copyOf(r.metadata()), r.documentId(),
                r.chunk(), confidence(r), r.domainPath(), r.validFrom(), r.validUntil(), now, now, now,
                r.sources(), r.entities(), r.fact(), supersedesId, null, null, 1, RecordStatus.ACTIVE, null, 0,
                reason);
    }

    /** An unmodifiable copy that keeps JSON nulls (Map.copyOf would throw on them). */
    private static Map<String, Object> copyOf(Map<String, Object> metadata) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    static String contentHash(String content) {
        return HexFormat.of().formatHex(Sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The given confidence, with source reliability taken from the sources when it was not given. */
    private static Confidence confidence(NewRecord r) {
        Confidence c = r.confidence() != null ? r.confidence() : Confidence.defaults();
        List<Source> sources = r.sources();
        if (!sources.isEmpty() && !c.isOverallOnly() && !c.isGiven(ConfidenceDimension.SOURCE_RELIABILITY)) {
            double[] reliabilities = sources.stream().mapToDouble(Source::reliability).toArray();
            c = c.withSourceReliabilityFrom(reliabilities);
        }
        return c;
    }

    private static void checkSize(String what, int size) {
        InvalidArgumentException.check(size <= MAX_LIST, "expected at most %d %s, got %d", MAX_LIST, what, size);
    }

    /** Metadata must be plain JSON: strings, finite numbers, booleans, null, lists and string-keyed maps. */
    private static void checkMetadata(Object value, int depth, String path) {
        InvalidArgumentException.check(depth <= MAX_METADATA_DEPTH,
                "expected metadata nested at most %d deep, got deeper at %s", MAX_METADATA_DEPTH, path);
        switch (value) {
            case null -> { }
            case String s -> { }
            case Boolean b -> { }
            case Double d -> InvalidArgumentException.check(Double.isFinite(d), "expected a finite number at %s, got %s", path, d);
            case Float f -> InvalidArgumentException.check(Float.isFinite(f), "expected a finite number at %s, got %s", path, f);
            case Number n -> { }
            case Map<?, ?> m -> m.forEach((k, v) -> {
                InvalidArgumentException.check(k instanceof String, "expected string keys in %s, got %s", path, k);
                checkMetadata(v, depth + 1, path + "." + k);
            });
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    checkMetadata(l.get(i), depth + 1, path + "[" + i + "]");
                }
            }
            default -> throw new InvalidArgumentException("expected JSON values in " + path + ", got "
                    + value.getClass().getSimpleName());
        }
    }
}
