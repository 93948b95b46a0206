package io.engram.engine.knowledge;

/**
 * One candidate's fusion score with each term (all in [0, 1]) and the weights applied, so that a
 * caller can show why an item ranked where it did. {@code activeTensions} is set whenever the
 * tension term is positive, even when its weight is 0 and the score ignores it.
 */
public record FusionScore(double similarity, double confidence, double recency, double graph,
        double sources, double tension, boolean activeTensions, FusionWeights weights, double total) {}
