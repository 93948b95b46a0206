package io.engram.server.http;

import io.engram.engine.knowledge.Confidence;
import io.engram.engine.knowledge.ConfidenceDimension;
import io.engram.engine.knowledge.StructuredFact;
import io.engram.engine.record.EntityLink;
import io.engram.engine.record.EntityRole;
import io.engram.engine.record.EntityType;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire form of records (snake_case, ISO-8601 instants): request objects to {@link NewRecord}
 * and {@link KnowledgeRecord} to response objects.
 */
public final class RecordCodec {
    public static final Set<String> RECORD_FIELDS = Set.of("id", "content", "vector", "metadata", "document_id", "chunk",
            "confidence", "domain_path", "valid_from", "valid_until", "sources", "entities", "fact");
    static final int MAX_ID_CHARS = 256;
    static final int MAX_LIST = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordCodec() {}

    /** A new record from a request object holding only record fields. */
    public static NewRecord read(JsonFields f, int maxDimension) {
        f.allowOnly(RECORD_FIELDS);
        return readFields(f, maxDimension);
    }

    /** A new record from the record fields of {@code f} (the caller checks unknown fields). */
    public static NewRecord readFields(JsonFields f, int maxDimension) {
        String content = f.string("content");
        float[] vector = f.vector("vector", maxDimension);
        NewRecord r;
        if (content != null) {
            r = NewRecord.text(content).withVector(vector);
        } else if (vector != null) {
            r = NewRecord.vector(vector);
        } else {
            throw ApiException.badRequest("record" + (f.where().isEmpty() ? "" : " '" + f.where() + "'")
                    + ": expected a 'content' string or a 'vector', got neither");
        }
        String id = f.string("id");
        if (id != null) {
            if (id.isBlank() || id.length() > MAX_ID_CHARS) {
                throw ApiException.badRequest("field '" + f.path("id") + "': expected 1.." + MAX_ID_CHARS
                        + " non-blank characters, got " + id.length() + " characters");
            }
            r.withId(id);
        }
        Map<String, Object> metadata = f.plainObject("metadata");
        if (metadata != null) {
            // The engine copies metadata with Map.copyOf, which cannot hold a null value.
            for (Map.Entry<String, Object> e : metadata.entrySet()) {
                if (e.getValue() == null) {
                    throw ApiException.badRequest("field '" + f.path("metadata") + "." + e.getKey()
                            + "': expected a string, number, boolean, list or object, got null (leave the key out instead)");
                }
            }
            r.withMetadata(metadata);
        }
        String documentId = f.string("document_id");
        int chunk = f.integer("chunk", -1, Integer.MAX_VALUE, -1);
        if (documentId != null || chunk >= 0) {
            r.withDocument(documentId, chunk);
        }
        JsonFields confidence = f.object("confidence");
        if (confidence != null) {
            r.withConfidence(confidence(confidence));
        }
        List<String> domainPath = f.strings("domain_path", 64, 256);
        if (!domainPath.isEmpty()) {
            r.withDomainPath(domainPath);
        }
        Instant from = f.instant("valid_from");
        Instant until = f.instant("valid_until");
        if (from != null && until != null && !until.isAfter(from)) {
            throw ApiException.badRequest("field '" + f.path("valid_until") + "': expected an instant after valid_from "
                    + from + ", got " + until);
        }
        if (from != null || until != null) {
            r.withValidity(from, until);
        }
        List<JsonNode> sources = f.array("sources", MAX_LIST);
        for (int i = 0; i < sources.size(); i++) {
            r.withSource(source(JsonFields.of(sources.get(i), f.path("sources") + "[" + i + "]")));
        }
        List<JsonNode> entities = f.array("entities", MAX_LIST);
        for (int i = 0; i < entities.size(); i++) {
            r.withEntity(entity(JsonFields.of(entities.get(i), f.path("entities") + "[" + i + "]")));
        }
        JsonFields fact = f.object("fact");
        if (fact != null) {
            fact.allowOnly(Set.of("subject", "predicate", "object"));
            r.withFact(new StructuredFact(fact.requireString("subject"), fact.requireString("predicate"),
                    fact.requireString("object")));
        }
        return r;
    }

    static Confidence confidence(JsonFields f) {
        Set<String> allowed = new HashSet<>();
        allowed.add("overall");
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            allowed.add(d.wireName());
        }
        f.allowOnly(allowed);
        Confidence c = Confidence.defaults();
        boolean anyDimension = false;
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            if (f.has(d.wireName())) {
                c = c.with(d, f.number(d.wireName(), 0, 1, 0));
                anyDimension = true;
            }
        }
        // A record read back from this API carries both; its dimensions are the truth.
        if (!anyDimension && f.has("overall")) {
            return Confidence.ofOverall(f.number("overall", 0, 1, 0));
        }
        if (!anyDimension) {
            throw ApiException.badRequest("field '" + f.where() + "': expected 'overall' or at least one of the dimensions "
                    + "source_reliability, method_quality, internal_consistency, temporal_freshness, corroboration, "
                    + "domain_applicability");
        }
        return c;
    }

    static Source source(JsonFields f) {
        f.allowOnly(Set.of("type", "title", "reference", "reliability"));
        SourceType type = SourceType.fromWire(f.requireString("type"));
        String title = f.string("title");
        String reference = f.string("reference");
        if (!f.has("reliability")) {
            return Source.of(type, title, reference);
        }
        return new Source(type, title, reference, f.number("reliability", 0, 1, 0));
    }

    static EntityLink entity(JsonFields f) {
        f.allowOnly(Set.of("name", "type", "role"));
        String name = f.requireString("name");
        String type = f.string("type");
        String role = f.string("role");
        return new EntityLink(name, type == null ? EntityType.CONCEPT : EntityType.fromWire(type),
                role == null ? EntityRole.CONTEXT : EntityRole.fromWire(role));
    }

    /** The response form of a record; {@code vector} is added when non-null. */
    public static ObjectNode write(KnowledgeRecord r, float[] vector) {
        ObjectNode o = NODES.objectNode();
        o.put("id", r.id());
        o.put("content", r.content());
        o.put("content_hash", r.contentHash());
        o.set("metadata", Json.MAPPER.valueToTree(r.metadata()));
        o.put("document_id", r.documentId());
        if (r.chunk() >= 0) {
            o.put("chunk", r.chunk());
        } else {
            o.putNull("chunk");
        }
        o.set("confidence", confidence(r.confidence()));
        ArrayNode domain = o.putArray("domain_path");
        r.domainPath().forEach(domain::add);
        instant(o, "valid_from", r.validFrom());
        instant(o, "valid_until", r.validUntil());
        instant(o, "recorded_at", r.recordedAt());
        instant(o, "created_at", r.createdAt());
        instant(o, "modified_at", r.modifiedAt());
        ArrayNode sources = o.putArray("sources");
        for (Source s : r.sources()) {
            ObjectNode so = sources.addObject();
            so.put("type", s.type().wireName());
            so.put("title", s.title());
            so.put("reference", s.reference());
            so.put("reliability", s.reliability());
        }
        ArrayNode entities = o.putArray("entities");
        for (EntityLink e : r.entities()) {
            ObjectNode eo = entities.addObject();
            eo.put("name", e.name());
            eo.put("type", e.type().wireName());
            eo.put("role", e.role().wireName());
        }
        if (r.fact() != null) {
            ObjectNode fo = o.putObject("fact");
            fo.put("subject", r.fact().subject());
            fo.put("predicate", r.fact().predicate());
            fo.put("object", r.fact().object());
        } else {
            o.putNull("fact");
        }
        o.put("supersedes_id", r.supersedesId());
        o.put("superseded_by_id", r.supersededById());
        instant(o, "superseded_at", r.supersededAt());
        o.put("version", r.version());
        o.put("status", r.status() == null ? null : r.status().wireName());
        instant(o, "archived_at", r.archivedAt());
        o.put("corroborations", r.corroborations());
        if (vector != null) {
            ArrayNode v = o.putArray("vector");
            for (float x : vector) {
                v.add(x);
            }
        }
        return o;
    }

    static ObjectNode confidence(Confidence c) {
        ObjectNode o = NODES.objectNode();
        if (c == null) {
            return o;
        }
        o.put("overall", c.overall());
        if (!c.isOverallOnly()) {
            for (ConfidenceDimension d : ConfidenceDimension.values()) {
                o.put(d.wireName(), c.value(d));
            }
        }
        return o;
    }

    static void instant(ObjectNode o, String name, Instant value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value.toString());
        }
    }
}
