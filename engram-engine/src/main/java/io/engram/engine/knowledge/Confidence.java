package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A record's confidence: six optional dimensions combined by a weighted geometric mean, or a bare
 * overall value. The geometric mean is chosen over the arithmetic one so that a weak dimension
 * drags the result down instead of being averaged away; a zero dimension makes it 0.
 *
 * <p>Immutable; {@link #with} returns a copy. Dimension values are clamped to [0, 1] when set (a
 * caller's 1.02 from a rounding model is meant as 1), NaN is rejected.
 */
public final class Confidence {
    /** The overall value a record takes when it gives neither dimensions nor an overall. */
    public static final double DEFAULT_OVERALL = 0.7;

    private static final int DIMENSIONS = ConfidenceDimension.values().length;

    /** NaN marks a missing dimension; values present are already clamped. */
    private final double[] values;
    /** NaN unless the record was given only an overall value. */
    private final double givenOverall;

    private Confidence(double[] values, double givenOverall) {
        this.values = values;
        this.givenOverall = givenOverall;
    }

    /** No dimension given: every dimension takes its default. */
    public static Confidence defaults() {
        double[] missing = new double[DIMENSIONS];
        Arrays.fill(missing, Double.NaN);
        return new Confidence(missing, Double.NaN);
    }

    /** All six dimensions, in {@link ConfidenceDimension} order. */
    public static Confidence of(double sourceReliability, double methodQuality,
            double internalConsistency, double temporalFreshness, double corroboration,
            double domainApplicability) {
        return defaults()
                .with(ConfidenceDimension.SOURCE_RELIABILITY, sourceReliability)
                .with(ConfidenceDimension.METHOD_QUALITY, methodQuality)
                .with(ConfidenceDimension.INTERNAL_CONSISTENCY, internalConsistency)
                .with(ConfidenceDimension.TEMPORAL_FRESHNESS, temporalFreshness)
                .with(ConfidenceDimension.CORROBORATION, corroboration)
                .with(ConfidenceDimension.DOMAIN_APPLICABILITY, domainApplicability);
    }

    /**
     * A record that carries only an overall value (as imported records often do): {@link #overall}
     * returns it unchanged, whatever the weights. It must lie in [0, 1]; it is not clamped because
     * "unchanged" is the contract.
     */
    public static Confidence ofOverall(double overall) {
        InvalidArgumentException.check(overall >= 0 && overall <= 1,
                "overall confidence: expected a value in [0, 1], got %s", overall);
        double[] missing = new double[DIMENSIONS];
        Arrays.fill(missing, Double.NaN);
        return new Confidence(missing, overall);
    }

    /**
     * A copy with {@code dimension} set to {@code value} clamped to [0, 1]. Setting a dimension on
     * an overall-only confidence turns it into a dimensional one.
     */
    public Confidence with(ConfidenceDimension dimension, double value) {
        InvalidArgumentException.check(!Double.isNaN(value),
                "confidence dimension %s: expected a number, got NaN", dimension.wireName());
        double[] copy = values.clone();
        copy[dimension.ordinal()] = Math.clamp(value, 0.0, 1.0);
        return new Confidence(copy, Double.NaN);
    }

    /**
     * A copy whose source reliability is the mean reliability of the record's sources, which is
     * what a missing source reliability means on a record with sources. An empty array leaves the
     * default in place.
     */
    public Confidence withSourceReliabilityFrom(double[] sourceReliabilities) {
        InvalidArgumentException.check(sourceReliabilities != null,
                "source reliabilities: expected an array, got null");
        if (sourceReliabilities.length == 0) {
            return this;
        }
        double sum = 0;
        for (double r : sourceReliabilities) {
            InvalidArgumentException.check(r >= 0 && r <= 1,
                    "source reliability: expected a value in [0, 1], got %s", r);
            sum += r;
        }
        return with(ConfidenceDimension.SOURCE_RELIABILITY, sum / sourceReliabilities.length);
    }

    /** Whether only an overall value was given. */
    public boolean isOverallOnly() {
        return !Double.isNaN(givenOverall);
    }

    /** Whether {@code dimension} was given (false: its default applies). */
    public boolean isGiven(ConfidenceDimension dimension) {
        return !Double.isNaN(values[dimension.ordinal()]);
    }

    /** The value used for {@code dimension}: the given one, else its default. */
    public double value(ConfidenceDimension dimension) {
        double v = values[dimension.ordinal()];
        return Double.isNaN(v) ? dimension.defaultValue() : v;
    }

    /** Overall confidence under the default weights. */
    public double overall() {
        return overall(ConfidenceWeights.DEFAULT);
    }

    /** Overall confidence: the given overall, or the weighted geometric mean of the dimensions. */
    public double overall(ConfidenceWeights weights) {
        if (isOverallOnly()) {
            return givenOverall;
        }
        double product = 1.0;
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            double v = value(d);
            // Explicit, because pow(0, 0) is 1: a zero dimension zeroes the result even at weight 0.
            if (v == 0.0) {
                return 0.0;
            }
            product *= Math.pow(v, weights.weight(d));
        }
        return product;
    }

    /** Each dimension with its weight and defaulted flag, and the result, under the default weights. */
    public ConfidenceExplanation explain() {
        return explain(ConfidenceWeights.DEFAULT);
    }

    public ConfidenceExplanation explain(ConfidenceWeights weights) {
        if (isOverallOnly()) {
            return new ConfidenceExplanation(List.of(), givenOverall, true);
        }
        List<ConfidenceExplanation.Term> terms = new ArrayList<>(DIMENSIONS);
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            terms.add(new ConfidenceExplanation.Term(d, value(d), weights.weight(d), !isGiven(d)));
        }
        return new ConfidenceExplanation(terms, overall(weights), false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Confidence other && Arrays.equals(values, other.values)
                && Double.compare(givenOverall, other.givenOverall) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Double.hashCode(givenOverall);
    }

    @Override
    public String toString() {
        return isOverallOnly() ? "Confidence[overall=" + givenOverall + "]"
                : "Confidence" + Arrays.toString(values);
    }
}
