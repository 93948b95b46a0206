package io.engram.graph.traverse;

/**
 * Nodes a traversal reached, in visiting order, with their hop distance from the start.
 *
 * @param partial true when a budget (or cancellation) stopped it early; {@code reason} says which
 */
public record Traversal(int[] nodes, int[] depths, boolean partial, StopReason reason) {
    public int size() {
        return nodes.length;
    }
}
