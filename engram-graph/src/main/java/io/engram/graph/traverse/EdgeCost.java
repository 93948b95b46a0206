package io.engram.graph.traverse;

/** The cost of crossing an edge in a weighted shortest-path search; must be finite and >= 0. */
@FunctionalInterface
public interface EdgeCost {
    double cost(int source, int label, int target, float weight);

    /** Every edge costs 1. */
    EdgeCost HOPS = (s, l, t, w) -> 1.0;
    /** The edge weight is the cost (a distance). */
    EdgeCost WEIGHT = (s, l, t, w) -> w;
    /** Strong edges are short: cost = 1 / weight (weights must be > 0). */
    EdgeCost INVERSE_WEIGHT = (s, l, t, w) -> 1.0 / w;
}
