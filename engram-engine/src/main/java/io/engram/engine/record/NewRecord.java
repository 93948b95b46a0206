package io.engram.engine.record;

import io.engram.core.InvalidArgumentException;
import io.engram.engine.knowledge.Confidence;
import io.engram.engine.knowledge.StructuredFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a caller gives to add a record: content and/or a vector, plus optional knowledge fields.
 * Built with {@link #text(String)} or {@link #vector(float[])} and the {@code with…} methods;
 * validated by the collection it is added to (dimension, finite values, sizes).
 */
public final class NewRecord {
    private String id;
    private String content;
    private float[] vector;
    private Map<String, Object> metadata = Map.of();
    private String documentId;
    private int chunk = -1;
    private Confidence confidence;
    private List<String> domainPath = List.of();
    private Instant validFrom;
    private Instant validUntil;
    private final List<Source> sources = new ArrayList<>();
    private final List<EntityLink> entities = new ArrayList<>();
    private StructuredFact fact;

    private NewRecord() {}

    public static NewRecord text(String content) {
        InvalidArgumentException.check(content != null, "record content must not be null");
        NewRecord r = new NewRecord();
        r.content = content;
        return r;
    }

    public static NewRecord vector(float[] vector) {
        InvalidArgumentException.check(vector != null, "record vector must not be null");
        NewRecord r = new NewRecord();
        r.content = "";
        r.vector = vector;
        return r;
    }

    /** An independent copy (the lists are copied; vector and metadata are shared, they are not modified). */
    public NewRecord copy() {
        NewRecord c = new NewRecord();
        c.id = id;
        c.content = content;
        c.vector = vector;
        c.metadata = metadata;
        c.documentId = documentId;
        c.chunk = chunk;
        c.confidence = confidence;
        c.domainPath = domainPath;
        c.validFrom = validFrom;
        c.validUntil = validUntil;
        c.sources.addAll(sources);
        c.entities.addAll(entities);
        c.fact = fact;
        return c;
    }

    public NewRecord withId(String id) { this.id = id; return this; }
    public NewRecord withContent(String content) { this.content = content == null ? "" : content; return this; }
    public NewRecord withVector(float[] vector) { this.vector = vector; return this; }
    public NewRecord withMetadata(Map<String, Object> metadata) { this.metadata = metadata == null ? Map.of() : metadata; return this; }
    public NewRecord withDocument(String documentId, int chunk) { this.documentId = documentId; this.chunk = chunk; return this; }
    public NewRecord withConfidence(Confidence confidence) { this.confidence = confidence; return this; }
    public NewRecord withDomainPath(List<String> domainPath) { this.domainPath = domainPath == null ? List.of() : domainPath; return this; }
    public NewRecord withValidity(Instant from, Instant until) { this.validFrom = from; this.validUntil = until; return this; }
    public NewRecord withSource(Source source) { this.sources.add(source); return this; }
    public NewRecord withEntity(EntityLink entity) { this.entities.add(entity); return this; }
    public NewRecord withFact(StructuredFact fact) { this.fact = fact; return this; }

    public String id() { return id; }
    public String content() { return content; }
    public float[] vector() { return vector; }
    public Map<String, Object> metadata() { return metadata; }
    public String documentId() { return documentId; }
    public int chunk() { return chunk; }
    /** The confidence given, or null (defaults apply, source reliability from the sources). */
    public Confidence confidence() { return confidence; }
    public List<String> domainPath() { return domainPath; }
    public Instant validFrom() { return validFrom; }
    public Instant validUntil() { return validUntil; }
    public List<Source> sources() { return List.copyOf(sources); }
    public List<EntityLink> entities() { return List.copyOf(entities); }
    public StructuredFact fact() { return fact; }
}
