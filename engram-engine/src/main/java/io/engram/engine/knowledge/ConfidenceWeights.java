package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * The exponents of the weighted geometric mean over the six {@link ConfidenceDimension}s. They
 * must sum to 1, so that a record whose dimensions all equal v has overall confidence v.
 */
public final class ConfidenceWeights {
    /** Tolerance on the sum: weights are typed by people as decimals, so 0.1 + 0.2 must pass. */
    public static final double SUM_TOLERANCE = 1e-9;

    public static final ConfidenceWeights DEFAULT = of(
            ConfidenceDimension.SOURCE_RELIABILITY.defaultWeight(),
            ConfidenceDimension.METHOD_QUALITY.defaultWeight(),
            ConfidenceDimension.INTERNAL_CONSISTENCY.defaultWeight(),
            ConfidenceDimension.TEMPORAL_FRESHNESS.defaultWeight(),
            ConfidenceDimension.CORROBORATION.defaultWeight(),
            ConfidenceDimension.DOMAIN_APPLICABILITY.defaultWeight());

    private final double[] weights;

    private ConfidenceWeights(double[] weights) {
        this.weights = weights;
    }

    /**
     * Weights in {@link ConfidenceDimension} order; each finite and non-negative, six in all,
     * summing to 1 (± {@link #SUM_TOLERANCE}).
     */
    public static ConfidenceWeights of(double... weights) {
        int expected = ConfidenceDimension.values().length;
        InvalidArgumentException.check(weights != null && weights.length == expected,
                "confidence weights: expected %d, got %s", expected,
                weights == null ? "null" : String.valueOf(weights.length));
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            InvalidArgumentException.check(Double.isFinite(w) && w >= 0,
                    "confidence weight of %s: expected a finite value >= 0, got %s",
                    ConfidenceDimension.values()[i].wireName(), w);
            sum += w;
        }
        InvalidArgumentException.check(Math.abs(sum - 1.0) <= SUM_TOLERANCE,
                "confidence weights: expected a sum of 1, got %s (weights %s)", sum,
                Arrays.toString(weights));
        return new ConfidenceWeights(weights.clone());
    }

    public double weight(ConfidenceDimension dimension) {
        return weights[dimension.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfidenceWeights other && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "ConfidenceWeights" + Arrays.toString(weights);
    }
}
