package io.engram.engine.knowledge;

/**
 * The six dimensions of a record's confidence, in the order the weights are given. Each carries
 * the value a record takes when the dimension is missing and its default weight.
 */
public enum ConfidenceDimension {
    SOURCE_RELIABILITY("source_reliability", 0.5, 0.25),
    METHOD_QUALITY("method_quality", 0.5, 0.20),
    // Nothing contradicts a fresh record until a tension says so, hence 1.0.
    INTERNAL_CONSISTENCY("internal_consistency", 1.0, 0.15),
    TEMPORAL_FRESHNESS("temporal_freshness", 1.0, 0.15),
    // One source is weak corroboration; the default is low so that corroboration has to be earned.
    CORROBORATION("corroboration", 0.1, 0.15),
    DOMAIN_APPLICABILITY("domain_applicability", 0.8, 0.10);

    private final String wireName;
    private final double defaultValue;
    private final double defaultWeight;

    ConfidenceDimension(String wireName, double defaultValue, double defaultWeight) {
        this.wireName = wireName;
        this.defaultValue = defaultValue;
        this.defaultWeight = defaultWeight;
    }

    /** The snake_case name used in explanations and on the wire. */
    public String wireName() {
        return wireName;
    }

    public double defaultValue() {
        return defaultValue;
    }

    public double defaultWeight() {
        return defaultWeight;
    }
}
