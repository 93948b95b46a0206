package io.engram.engine.knowledge;

import java.util.List;

/**
 * How an overall confidence came about: one term per dimension (empty when the record carried only
 * an overall value) and the result.
 */
public record ConfidenceExplanation(List<Term> terms, double overall, boolean overallOnly) {
    public ConfidenceExplanation {
        terms = List.copyOf(terms);
    }

    /** One dimension: its value after clamping, its weight, and whether the default was used. */
    public record Term(ConfidenceDimension dimension, double value, double weight, boolean defaulted) {}
}
