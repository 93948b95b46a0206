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
import tools.jackson.core.JsonGenerator;
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
        return (ObjectNode) Json.tree(g -> write(g, r, vector));
    }

    /** Streams the wire form of a record (the one definition of it; the tree form is built from it). */
    public static void write(JsonGenerator g, KnowledgeRecord r, float[] vector) {
        g.writeStartObject();
        g.writeStringProperty("id", r.id());
        g.writeStringProperty("content", r.content());
        g.writeStringProperty("content_hash", r.contentHash());
        g.writeName("metadata");
        Json.writePlain(g, r.metadata());
        g.writeStringProperty("document_id", r.documentId());
        if (r.chunk() >= 0) {
            g.writeNumberProperty("chunk", r.chunk());
        } else {
            g.writeNullProperty("chunk");
        }
        g.writeName("confidence");
        writeConfidence(g, r.confidence());
        g.writeArrayPropertyStart("domain_path");
        for (String part : r.domainPath()) {
            g.writeString(part);
        }
        g.writeEndArray();
        instant(g, "valid_from", r.validFrom());
        instant(g, "valid_until", r.validUntil());
        instant(g, "recorded_at", r.recordedAt());
        instant(g, "created_at", r.createdAt());
        instant(g, "modified_at", r.modifiedAt());
        g.writeArrayPropertyStart("sources");
        for (Source s : r.sources()) {
            g.writeStartObject();
            g.writeStringProperty("type", s.type().wireName());
            g.writeStringProperty("title", s.title());
            g.writeStringProperty("reference", s.reference());
            g.writeNumberProperty("reliability", s.reliability());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("entities");
        for (EntityLink e : r.entities()) {
            g.writeStartObject();
            g.writeStringProperty("name", e.name());
            g.writeStringProperty("type", e.type().wireName());
            g.writeStringProperty("role", e.role().wireName());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.fact() != null) {
            g.writeObjectPropertyStart("fact");
            g.writeStringProperty("subject", r.fact().subject());
            g.writeStringProperty("predicate", r.fact().predicate());
            g.writeStringProperty("object", r.fact().object());
            g.writeEndObject();
        } else {
            g.writeNullProperty("fact");
        }
        g.writeStringProperty("supersedes_id", r.supersedesId());
        g.writeStringProperty("superseded_by_id", r.supersededById());
        instant(g, "superseded_at", r.supersededAt());
        g.writeNumberProperty("version", r.version());
        g.writeStringProperty("status", r.status() == null ? null : r.status().wireName());
        instant(g, "archived_at", r.archivedAt());
        g.writeNumberProperty("corroborations", r.corroborations());
        if (vector != null) {
            g.writeArrayPropertyStart("vector");
            for (float x : vector) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static void writeConfidence(JsonGenerator g, Confidence c) {
        g.writeStartObject();
        if (c != null) {
            g.writeNumberProperty("overall", c.overall());
            if (!c.isOverallOnly()) {
                for (ConfidenceDimension d : ConfidenceDimension.values()) {
                    g.writeNumberProperty(d.wireName(), c.value(d));
                }
            }
        }
        g.writeEndObject();
    }

    static void instant(JsonGenerator g, String name, Instant value) {
        if (value == null) {
            g.writeNullProperty(name);
            return;
        }
        char[] text = new char[IsoInstants.MAX_LENGTH];
        int length = IsoInstants.format(value, text);
        g.writeName(name);
        if (length < 0) {
            g.writeString(value.toString());
        } else {
            g.writeString(text, 0, length);
        }
    }
}
