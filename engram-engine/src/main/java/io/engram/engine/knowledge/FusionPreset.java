package io.engram.engine.knowledge;

import java.util.Locale;

/**
 * Named weight sets for the fusion score. Verification leans on confidence and corroboration,
 * exploration on similarity and graph breadth; the two temporal presets ignore graph and sources.
 */
public enum FusionPreset {
    BALANCED(FusionWeights.of(0.35, 0.25, 0.20, 0.10, 0.10)),
    VERIFICATION(FusionWeights.of(0.15, 0.40, 0.15, 0.10, 0.20)),
    EXPLORATION(FusionWeights.of(0.50, 0.15, 0.10, 0.15, 0.10)),
    PREFER_RECENT(FusionWeights.of(0.35, 0.15, 0.50, 0, 0)),
    PREFER_STABLE(FusionWeights.of(0.40, 0.45, 0.15, 0, 0));

    /** The preset used when a request names none. */
    public static final FusionPreset DEFAULT = BALANCED;

    private final FusionWeights weights;

    FusionPreset(FusionWeights weights) {
        this.weights = weights;
    }

    public FusionWeights weights() {
        return weights;
    }

    /** The snake_case name used on the wire, e.g. {@code prefer_recent}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
