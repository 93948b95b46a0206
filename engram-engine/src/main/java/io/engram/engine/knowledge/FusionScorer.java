package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;
import java.util.Collection;

/**
 * Scores a candidate in one pass over its signals:
 * {@code w_sim·sim + w_conf·conf + w_rec·rec + w_graph·graph + w_src·src − w_tension·tension}.
 *
 * <p>The term functions are static so that callers can compute them once per candidate batch; the
 * {@code score} and {@code scoreTerms} take primitives only, so a hot loop allocates nothing. {@link #explain}
 * builds the breakdown for the few items a caller wants explained.
 */
public final class FusionScorer {
    public static final double DEFAULT_HALF_LIFE_DAYS = 30.0;
    /** Hops of a record that no active entity reaches; its graph term is 0. */
    public static final int UNREACHABLE = Integer.MAX_VALUE;
    /** At this many hops (or more) the graph term reaches 0. */
    public static final int MAX_HOPS = 10;
    /** Independent sources beyond this many add no support. */
    public static final int MAX_SOURCES = 10;

    private final FusionWeights weights;
    private final double halfLifeDays;

    public FusionScorer(FusionWeights weights, double halfLifeDays) {
        InvalidArgumentException.check(weights != null, "fusion weights: expected weights, got null");
        InvalidArgumentException.check(Double.isFinite(halfLifeDays) && halfLifeDays > 0,
                "recency half-life: expected a finite number of days > 0, got %s", halfLifeDays);
        this.weights = weights;
        this.halfLifeDays = halfLifeDays;
    }

    public FusionScorer(FusionWeights weights) {
        this(weights, DEFAULT_HALF_LIFE_DAYS);
    }

    public FusionScorer(FusionPreset preset) {
        this(preset.weights(), DEFAULT_HALF_LIFE_DAYS);
    }

    public FusionWeights weights() {
        return weights;
    }

    public double halfLifeDays() {
        return halfLifeDays;
    }

    /** sim from a cosine similarity in [−1, 1]: (cos + 1) / 2. */
    public static double similarityFromCosine(double cosine) {
        InvalidArgumentException.check(cosine >= -1 && cosine <= 1,
                "cosine: expected a value in [-1, 1], got %s", cosine);
        return (cosine + 1) / 2;
    }

    /**
     * rec = 2^(−age/half-life). A negative age (a modification time ahead of the clock, from skew
     * between machines) counts as 0 so that the term never exceeds 1.
     */
    public static double recency(double ageDays, double halfLifeDays) {
        InvalidArgumentException.check(!Double.isNaN(ageDays), "age: expected a number of days, got NaN");
        return Math.pow(2.0, -Math.max(0.0, ageDays) / halfLifeDays);
    }

    /** graph = max(0, 1 − hops/10); {@link #UNREACHABLE} gives 0. */
    public static double graphProximity(int hops) {
        InvalidArgumentException.check(hops >= 0, "hops: expected a value >= 0 (or UNREACHABLE), got %s", hops);
        return Math.max(0.0, 1.0 - (double) hops / MAX_HOPS);
    }

    /** src = min(n, 10) / 10 over independent sources. */
    public static double sourceSupport(int independentSources) {
        InvalidArgumentException.check(independentSources >= 0,
                "independent sources: expected a count >= 0, got %s", independentSources);
        return (double) Math.min(independentSources, MAX_SOURCES) / MAX_SOURCES;
    }

    /** tension = the largest severity weight among active tensions, 0 for none. */
    public static double tension(Collection<TensionSeverity> activeTensions) {
        return TensionSeverity.largestPenalty(activeTensions);
    }

    /**
     * The score from precomputed terms, each in [0, 1]; {@code tension} is 0 when the record has no
     * active tension.
     */
    public double scoreTerms(double sim, double conf, double rec, double graph, double src, double tension) {
        checkTerm("similarity", sim);
        checkTerm("confidence", conf);
        checkTerm("recency", rec);
        checkTerm("graph", graph);
        checkTerm("sources", src);
        checkTerm("tension", tension);
        return weights.similarity() * sim + weights.confidence() * conf + weights.recency() * rec
                + weights.graph() * graph + weights.sources() * src - weights.tension() * tension;
    }

    /** The score from raw signals: sim already in [0, 1] (from cosine or normalised RRF). */
    public double score(double sim, double conf, double ageDays, int hops, int independentSources,
            double tension) {
        return scoreTerms(sim, conf, recency(ageDays, halfLifeDays), graphProximity(hops),
                sourceSupport(independentSources), tension);
    }

    /** The score from raw signals with every term and weight, for {@code explain}. */
    public FusionScore explain(double sim, double conf, double ageDays, int hops, int independentSources,
            double tension) {
        double rec = recency(ageDays, halfLifeDays);
        double graph = graphProximity(hops);
        double src = sourceSupport(independentSources);
        double total = scoreTerms(sim, conf, rec, graph, src, tension);
        return new FusionScore(sim, conf, rec, graph, src, tension, tension > 0, weights, total);
    }

    private static void checkTerm(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidArgumentException(String.format(
                    "fusion term %s: expected a value in [0, 1], got %s", name, value));
        }
    }
}
