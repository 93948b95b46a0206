package io.engram.hdc.detect;

/**
 * What the detector says about one event. During warmup {@code rateZ} and {@code patternZ} are NaN
 * and {@code explanation} is empty; {@code anomalous} is the smoothed state, {@code raw} the
 * per-event signal before the window.
 */
public record Verdict(long eventNumber, boolean warmup, boolean anomalous, boolean raw, double rateZ, double patternZ,
        String explanation) {}
