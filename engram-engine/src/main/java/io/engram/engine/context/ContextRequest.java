package io.engram.engine.context;

import io.engram.core.InvalidArgumentException;
import io.engram.engine.knowledge.FusionPreset;
import io.engram.engine.knowledge.FusionWeights;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request for context: the query, optional active entities and recent messages, the time to see
 * the store at, a fusion preset (or explicit weights) and the budgets.
 */
public final class ContextRequest {
    public static final int DEFAULT_MAX_TOKENS = 8000;
    public static final int DEFAULT_MAX_ITEMS = 50;
    public static final int DEFAULT_MAX_HOPS = 3;
    public static final int DEFAULT_MAX_NODES = 100;

    private final String query;
    private float[] queryVector;
    private final List<String> activeEntities = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private Instant asOf;
    private Instant knownAt;
    private FusionPreset preset = FusionPreset.DEFAULT;
    private FusionWeights weights;
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private int maxItems = DEFAULT_MAX_ITEMS;
    private int maxHops = DEFAULT_MAX_HOPS;
    private int maxNodes = DEFAULT_MAX_NODES;
    private ContextFormat format = ContextFormat.MARKDOWN;
    private boolean includeSuperseded;
    private boolean includeExpired;

    private ContextRequest(String query) {
        this.query = query;
    }

    public static ContextRequest forQuery(String query) {
        InvalidArgumentException.check(query != null && !query.isBlank(), "expected a non-empty query");
        InvalidArgumentException.check(query.length() <= 10_000, "expected a query of at most 10000 characters, got %d", query.length());
        return new ContextRequest(query);
    }

    /** A precomputed embedding of the query (skips the embedder). */
    public ContextRequest withQueryVector(float[] vector) { this.queryVector = vector; return this; }
    public ContextRequest withActiveEntity(String name) { this.activeEntities.add(name); return this; }
    public ContextRequest withMessage(String message) { this.messages.add(message); return this; }
    public ContextRequest asOf(Instant instant) { this.asOf = instant; return this; }
    public ContextRequest knownAt(Instant instant) { this.knownAt = instant; return this; }
    public ContextRequest withPreset(FusionPreset newPreset) { this.preset = newPreset; return this; }
    /** Explicit weights; override the preset. */
    public ContextRequest withWeights(FusionWeights newWeights) { this.weights = newWeights; return this; }
    public ContextRequest withFormat(ContextFormat newFormat) { this.format = newFormat; return this; }
    public ContextRequest includeSuperseded(boolean value) { this.includeSuperseded = value; return this; }
    public ContextRequest includeExpired(boolean value) { this.includeExpired = value; return this; }

    public ContextRequest withMaxTokens(int value) {
        InvalidArgumentException.check(value >= 1 && value <= 1_000_000, "expected max_tokens in 1..1000000, got %d", value);
        this.maxTokens = value;
        return this;
    }

    public ContextRequest withMaxItems(int value) {
        InvalidArgumentException.check(value >= 1 && value <= 1000, "expected max_items in 1..1000, got %d", value);
        this.maxItems = value;
        return this;
    }

    public ContextRequest withMaxHops(int value) {
        InvalidArgumentException.check(value >= 0 && value <= 10, "expected max_hops in 0..10, got %d", value);
        this.maxHops = value;
        return this;
    }

    public ContextRequest withMaxNodes(int value) {
        InvalidArgumentException.check(value >= 1 && value <= 100_000, "expected max_nodes in 1..100000, got %d", value);
        this.maxNodes = value;
        return this;
    }

    public String query() { return query; }
    public float[] queryVector() { return queryVector; }
    public List<String> activeEntities() { return List.copyOf(activeEntities); }
    public List<String> messages() { return List.copyOf(messages); }
    public Instant asOf() { return asOf; }
    public Instant knownAt() { return knownAt; }
    public FusionPreset preset() { return preset; }
    public FusionWeights weights() { return weights != null ? weights : preset.weights(); }
    public int maxTokens() { return maxTokens; }
    public int maxItems() { return maxItems; }
    public int maxHops() { return maxHops; }
    public int maxNodes() { return maxNodes; }
    public ContextFormat format() { return format; }
    public boolean includeSuperseded() { return includeSuperseded; }
    public boolean includeExpired() { return includeExpired; }
}
