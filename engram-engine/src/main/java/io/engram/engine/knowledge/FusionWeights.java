package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;

/**
 * The weights of a fusion score: five positive terms (similarity, confidence, recency, graph
 * proximity, source support) that must sum to 1 ± {@link #SUM_TOLERANCE}, and a tension weight
 * that is subtracted. The tension weight defaults to 0 because tensions are surfaced to the
 * caller by default, not penalised.
 */
public record FusionWeights(double similarity, double confidence, double recency, double graph,
        double sources, double tension) {
    /** The spec's tolerance: weights come from users and presets typed as two-decimal numbers. */
    public static final double SUM_TOLERANCE = 0.01;
    /** Slack for binary rounding, so that a sum of exactly 0.99 or 1.01 on paper is accepted. */
    private static final double ROUNDING = 1e-12;

    public FusionWeights {
        check("similarity", similarity);
        check("confidence", confidence);
        check("recency", recency);
        check("graph", graph);
        check("sources", sources);
        check("tension", tension);
        double sum = similarity + confidence + recency + graph + sources;
        InvalidArgumentException.check(Math.abs(sum - 1.0) <= SUM_TOLERANCE + ROUNDING,
                "fusion weights: expected similarity + confidence + recency + graph + sources = 1 ± %s, "
                        + "got %s (%s + %s + %s + %s + %s)",
                SUM_TOLERANCE, sum, similarity, confidence, recency, graph, sources);
    }

    /** The five positive weights with no tension penalty. */
    public static FusionWeights of(double similarity, double confidence, double recency, double graph,
            double sources) {
        return new FusionWeights(similarity, confidence, recency, graph, sources, 0.0);
    }

    /** A copy with the given tension weight. */
    public FusionWeights withTension(double tensionWeight) {
        return new FusionWeights(similarity, confidence, recency, graph, sources, tensionWeight);
    }

    private static void check(String name, double weight) {
        InvalidArgumentException.check(Double.isFinite(weight) && weight >= 0,
                "fusion weight %s: expected a finite value >= 0, got %s", name, weight);
    }
}
