package io.engram.hdc.detect;

import java.util.Objects;

/**
 * What the detector says about one event. During warmup {@code rateZ} and {@code patternZ} are NaN
 * and {@code explanation} is empty; {@code anomalous} is the smoothed state, {@code raw} the
 * per-event signal before the window.
 *
 * <p>The explanation text is written when first asked for: it formats numbers and walks the event,
 * which costs more than judging the event, and a stream of verdicts is mostly counted, not read.
 * Equality compares the text, so two verdicts are equal exactly when every accessor agrees.
 */
public final class Verdict {
    /** Writes an explanation on demand. */
    @FunctionalInterface
    interface Explainer {
        String explain();
    }

    private final long eventNumber;
    private final boolean warmup;
    private final boolean anomalous;
    private final boolean raw;
    private final double rateZ;
    private final double patternZ;
    private final Explainer explainer;
    /** Written once computed; a thread that misses it computes the same text again. */
    private String explanation;

    public Verdict(long eventNumber, boolean warmup, boolean anomalous, boolean raw, double rateZ, double patternZ,
            String explanation) {
        this(eventNumber, warmup, anomalous, raw, rateZ, patternZ, constant(explanation));
    }

    Verdict(long eventNumber, boolean warmup, boolean anomalous, boolean raw, double rateZ, double patternZ,
            Explainer explainer) {
        this.eventNumber = eventNumber;
        this.warmup = warmup;
        this.anomalous = anomalous;
        this.raw = raw;
        this.rateZ = rateZ;
        this.patternZ = patternZ;
        this.explainer = explainer;
    }

    private static Explainer constant(String explanation) {
        Objects.requireNonNull(explanation, "explanation");
        return () -> explanation;
    }

    public long eventNumber() {
        return eventNumber;
    }

    public boolean warmup() {
        return warmup;
    }

    public boolean anomalous() {
        return anomalous;
    }

    public boolean raw() {
        return raw;
    }

    public double rateZ() {
        return rateZ;
    }

    public double patternZ() {
        return patternZ;
    }

    /** The explanation, written on first use (racing threads write the same text). */
    public String explanation() {
        String e = explanation;
        if (e == null) {
            e = explainer.explain();
            explanation = e;
        }
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Verdict v && eventNumber == v.eventNumber && warmup == v.warmup && anomalous == v.anomalous
                && raw == v.raw && Double.compare(rateZ, v.rateZ) == 0 && Double.compare(patternZ, v.patternZ) == 0
                && explanation().equals(v.explanation());
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventNumber, warmup, anomalous, raw, rateZ, patternZ, explanation());
    }

    @Override
    public String toString() {
        return "Verdict[eventNumber=" + eventNumber + ", warmup=" + warmup + ", anomalous=" + anomalous + ", raw=" + raw
                + ", rateZ=" + rateZ + ", patternZ=" + patternZ + ", explanation=" + explanation() + "]";
    }
}
