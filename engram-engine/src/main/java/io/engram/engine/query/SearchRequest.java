package io.engram.engine.query;

import io.engram.core.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A search over one collection. Build with {@link #text}, {@link #vector} or {@link #hybrid}, then
 * the {@code with…} methods. Time: {@code asOf} is valid time (default now: only records valid then,
 * unless {@code includeExpired}); {@code knownAt} is transaction time (default now: the store as
 * recorded then). A superseded record that matches is replaced by the head of its chain unless
 * {@code includeSuperseded}.
 */
public final class SearchRequest {
    public static final int MAX_K = 1000;

    private SearchMode mode;
    private String text;
    private float[] vector;
    private int k = 10;
    private final List<MetadataCondition> filter = new ArrayList<>();
    private Instant asOf;
    private Instant knownAt;
    private boolean includeSuperseded;
    private boolean includeExpired;
    private boolean includeArchived;
    private double minConfidence;
    private int ef;

    private SearchRequest(SearchMode mode) {
        this.mode = mode;
    }

    /** BM25 over text, or (with an embedder) a vector search on the text's embedding: see {@link #withMode}. */
    public static SearchRequest text(String text) {
        SearchRequest r = new SearchRequest(SearchMode.TEXT);
        r.text = text;
        return r;
    }

    public static SearchRequest vector(float[] vector) {
        SearchRequest r = new SearchRequest(SearchMode.VECTOR);
        r.vector = vector;
        return r;
    }

    /** Vector and text fused by reciprocal rank; the vector is embedded from the text when null. */
    public static SearchRequest hybrid(String text, float[] vector) {
        SearchRequest r = new SearchRequest(SearchMode.HYBRID);
        r.text = text;
        r.vector = vector;
        return r;
    }

    public SearchRequest withMode(SearchMode newMode) { this.mode = newMode; return this; }
    public SearchRequest withText(String newText) { this.text = newText; return this; }
    public SearchRequest withVector(float[] newVector) { this.vector = newVector; return this; }

    public SearchRequest withK(int newK) {
        InvalidArgumentException.check(newK >= 1 && newK <= MAX_K, "expected k in 1..%d, got %d", MAX_K, newK);
        this.k = newK;
        return this;
    }

    public SearchRequest where(MetadataCondition condition) { this.filter.add(condition); return this; }
    public SearchRequest where(String field, FilterOp op, Object value) { return where(new MetadataCondition(field, op, value)); }
    public SearchRequest asOf(Instant instant) { this.asOf = instant; return this; }
    public SearchRequest knownAt(Instant instant) { this.knownAt = instant; return this; }
    public SearchRequest includeSuperseded(boolean value) { this.includeSuperseded = value; return this; }
    public SearchRequest includeExpired(boolean value) { this.includeExpired = value; return this; }
    public SearchRequest includeArchived(boolean value) { this.includeArchived = value; return this; }

    public SearchRequest minConfidence(double value) {
        InvalidArgumentException.check(value >= 0 && value <= 1, "expected min_confidence in [0, 1], got %s", value);
        this.minConfidence = value;
        return this;
    }

    /** HNSW beam width (0: the index default, raised to k). */
    public SearchRequest withEf(int newEf) {
        InvalidArgumentException.check(newEf >= 0 && newEf <= 10_000, "expected ef in 0..10000, got %d", newEf);
        this.ef = newEf;
        return this;
    }

    public SearchMode mode() { return mode; }
    public String text() { return text; }
    public float[] vector() { return vector; }
    public int k() { return k; }
    public List<MetadataCondition> filter() { return List.copyOf(filter); }
    public Instant asOf() { return asOf; }
    public Instant knownAt() { return knownAt; }
    public boolean includeSuperseded() { return includeSuperseded; }
    public boolean includeExpired() { return includeExpired; }
    public boolean includeArchived() { return includeArchived; }
    public double minConfidence() { return minConfidence; }
    public int ef() { return ef; }
}
