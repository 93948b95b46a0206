package io.engram.engine.collection;

import io.engram.core.CorruptFileException;
import io.engram.engine.knowledge.Confidence;
import io.engram.engine.knowledge.ConfidenceDimension;
import io.engram.engine.knowledge.StructuredFact;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionSeverity;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.knowledge.TensionType;
import io.engram.engine.record.EntityLink;
import io.engram.engine.record.EntityRole;
import io.engram.engine.record.EntityType;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.RecordStatus;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of records, tensions and collection specs: JSON objects (readable with any tool,
 * tolerant of added fields) written through Jackson's map binding. Vectors are raw little-endian
 * float32. A value that does not decode is a {@link CorruptFileException} naming the key.
 *
 * <p>Besides the record's own fields a stored record carries its {@code ord} (the dense id the
 * derived indexes use) and {@code seq} (the collection's write counter when it was last written),
 * which is how a checkpointed index knows what it must replay.
 */
final class RecordCodec {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private RecordCodec() {}

    /** A decoded record with the two engine-internal fields. */
    record Stored(KnowledgeRecord record, int ord, long seq) {}

    static byte[] encode(KnowledgeRecord r, int ord, long seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ord", ord);
        m.put("seq", seq);
        m.put("id", r.id());
        m.put("content", r.content());
        m.put("content_hash", r.contentHash());
        if (!r.metadata().isEmpty()) {
            m.put("metadata", r.metadata());
        }
        putIfNotNull(m, "document_id", r.documentId());
        if (r.chunk() >= 0) {
            m.put("chunk", r.chunk());
        }
        m.put("confidence", confidenceMap(r.confidence()));
        if (!r.domainPath().isEmpty()) {
            m.put("domain_path", r.domainPath());
        }
        putInstant(m, "valid_from", r.validFrom());
        putInstant(m, "valid_until", r.validUntil());
        putInstant(m, "recorded_at", r.recordedAt());
        putInstant(m, "created_at", r.createdAt());
        putInstant(m, "modified_at", r.modifiedAt());
        if (!r.sources().isEmpty()) {
            List<Map<String, Object>> sources = new ArrayList<>();
            for (Source s : r.sources()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("type", s.type().wireName());
                putIfNotNull(sm, "title", s.title());
                putIfNotNull(sm, "reference", s.reference());
                sm.put("reliability", s.reliability());
                sources.add(sm);
            }
            m.put("sources", sources);
        }
        if (!r.entities().isEmpty()) {
            List<Map<String, Object>> entities = new ArrayList<>();
            for (EntityLink e : r.entities()) {
                entities.add(Map.of("name", e.name(), "type", e.type().wireName(), "role", e.role().wireName()));
            }
            m.put("entities", entities);
        }
        if (r.fact() != null) {
            m.put("fact", Map.of("subject", r.fact().subject(), "predicate", r.fact().predicate(),
                    "object", r.fact().object()));
        }
        putIfNotNull(m, "supersedes_id", r.supersedesId());
        putIfNotNull(m, "superseded_by_id", r.supersededById());
        putInstant(m, "superseded_at", r.supersededAt());
        m.put("version", r.version());
        m.put("status", r.status().wireName());
        putInstant(m, "archived_at", r.archivedAt());
        if (r.corroborations() > 0) {
            m.put("corroborations", r.corroborations());
        }
        putIfNotNull(m, "supersede_reason", r.supersedeReason());
        return JSON.writeValueAsBytes(m);
    }

    /** Confidence as given: either {overall} or the dimensions that were set. */
    static Map<String, Object> confidenceMap(Confidence c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.isOverallOnly()) {
            m.put("overall", c.overall());
            return m;
        }
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            if (c.isGiven(d)) {
                m.put(d.wireName(), c.value(d));
            }
        }
        return m;
    }

    static Stored decode(byte[] key, byte[] value) {
        try {
            Map<String, Object> m = readMap(value);
            KnowledgeRecord r = new KnowledgeRecord(
                    string(m, "id"),
                    string(m, "content"),
                    string(m, "content_hash"),
                    map(m, "metadata"),
                    string(m, "document_id"),
                    m.containsKey("chunk") ? number(m, "chunk").intValue() : -1,
                    confidence(map(m, "confidence")),
                    stringList(m, "domain_path"),
                    instant(m, "valid_from"),
                    instant(m, "valid_until"),
                    instant(m, "recorded_at"),
                    instant(m, "created_at"),
                    instant(m, "modified_at"),
                    sources(m),
                    entities(m),
                    fact(map(m, "fact")),
                    string(m, "supersedes_id"),
                    string(m, "superseded_by_id"),
                    instant(m, "superseded_at"),
                    number(m, "version").intValue(),
                    RecordStatus.fromWire(string(m, "status")),
                    instant(m, "archived_at"),
                    m.containsKey("corroborations") ? number(m, "corroborations").intValue() : 0,
                    string(m, "supersede_reason"));
            return new Stored(r, number(m, "ord").intValue(), number(m, "seq").longValue());
        } catch (RuntimeException e) {
            throw corrupt("record " + Keys.describe(key), e);
        }
    }

    static byte[] encodeVector(float[] vector) {
        ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(vector);
        return b.array();
    }

    static float[] decodeVector(byte[] key, byte[] value, int dimension) {
        if (value.length != dimension * Float.BYTES) {
            throw new CorruptFileException("stored vector " + Keys.describe(key) + ": expected "
                    + dimension * Float.BYTES + " bytes (" + dimension + " floats), found " + value.length);
        }
        float[] v = new float[dimension];
        ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static byte[] encodeTension(Tension t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("record_a", t.recordA());
        m.put("record_b", t.recordB());
        m.put("type", t.type().wireName());
        m.put("severity", t.severity().name().toLowerCase(Locale.ROOT));
        m.put("status", t.status().wireName());
        putIfNotNull(m, "reason", t.reason());
        putIfNotNull(m, "resolution", t.resolution());
        putInstant(m, "detected_at", t.detectedAt());
        putInstant(m, "resolved_at", t.resolvedAt());
        return JSON.writeValueAsBytes(m);
    }

    static Tension decodeTension(byte[] key, byte[] value) {
        try {
            Map<String, Object> m = readMap(value);
            return new Tension(string(m, "id"), string(m, "record_a"), string(m, "record_b"),
                    TensionType.valueOf(string(m, "type").toUpperCase(Locale.ROOT)),
                    TensionSeverity.valueOf(string(m, "severity").toUpperCase(Locale.ROOT)),
                    TensionStatus.fromWire(string(m, "status")), string(m, "reason"), string(m, "resolution"),
                    instant(m, "detected_at"), instant(m, "resolved_at"));
        } catch (RuntimeException e) {
            throw corrupt("tension " + Keys.describe(key), e);
        }
    }

    /** A collection's spec with its numeric id (the key prefix of everything it stores). */
    record StoredSpec(int id, CollectionSpec spec, Instant createdAt) {}

    static byte[] encodeSpec(StoredSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.spec().name());
        m.put("dimension", s.spec().dimension());
        m.put("metric", s.spec().metric().name().toLowerCase(Locale.ROOT));
        m.put("index", s.spec().index().wireName());
        m.put("embedder", s.spec().embedder().wireName());
        putInstant(m, "created_at", s.createdAt());
        return JSON.writeValueAsBytes(m);
    }

    static StoredSpec decodeSpec(byte[] key, byte[] value) {
        try {
            Map<String, Object> m = readMap(value);
            CollectionSpec spec = new CollectionSpec(string(m, "name"), number(m, "dimension").intValue(),
                    io.engram.core.Metric.parse(string(m, "metric")), IndexKind.fromWire(string(m, "index")),
                    EmbedderKind.fromWire(string(m, "embedder")));
            return new StoredSpec(number(m, "id").intValue(), spec, instant(m, "created_at"));
        } catch (RuntimeException e) {
            // Spec keys are readable strings in META, not collection-prefixed ids.
            throw corrupt("collection spec '" + new String(key, java.nio.charset.StandardCharsets.UTF_8) + "'", e);
        }
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(byte[] value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static CorruptFileException corrupt(String what, RuntimeException e) {
        CorruptFileException c = new CorruptFileException("stored " + what + " does not decode: " + e.getMessage());
        c.initCause(e);
        return c;
    }

    static Confidence confidence(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return Confidence.defaults();
        }
        if (m.containsKey("overall") && m.size() == 1) {
            return Confidence.ofOverall(number(m, "overall").doubleValue());
        }
        Confidence c = Confidence.defaults();
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            if (m.containsKey(d.wireName())) {
                c = c.with(d, number(m, d.wireName()).doubleValue());
            }
        }
        return c;
    }

    private static List<Source> sources(Map<String, Object> m) {
        List<Source> out = new ArrayList<>();
        for (Map<String, Object> s : mapList(m, "sources")) {
            out.add(new Source(SourceType.fromWire(string(s, "type")), string(s, "title"), string(s, "reference"),
                    number(s, "reliability").doubleValue()));
        }
        return out;
    }

    private static List<EntityLink> entities(Map<String, Object> m) {
        List<EntityLink> out = new ArrayList<>();
        for (Map<String, Object> e : mapList(m, "entities")) {
            out.add(new EntityLink(string(e, "name"), EntityType.fromWire(string(e, "type")),
                    EntityRole.fromWire(string(e, "role"))));
        }
        return out;
    }

    private static StructuredFact fact(Map<String, Object> m) {
        return m == null ? null : new StructuredFact(string(m, "subject"), string(m, "predicate"), string(m, "object"));
    }

    private static void putIfNotNull(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putInstant(Map<String, Object> m, String key, Instant value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : (String) v;
    }

    private static Number number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("field " + key + ": expected a number, found " + v);
        }
        return n;
    }

    private static Instant instant(Map<String, Object> m, String key) {
        String s = string(m, key);
        return s == null ? null : Instant.parse(s);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mapList(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<String>) v;
    }
}
