package io.engram.graph.traverse;

/**
 * A path from the first node to the last, or no path ({@code nodes} empty).
 *
 * @param cost    hops for an unweighted search, summed edge costs for a weighted one;
 *                {@code +Infinity} when no path was found
 * @param partial true when a budget stopped the search before it could decide
 */
public record Path(int[] nodes, double cost, boolean partial, StopReason reason) {
    public boolean found() {
        return nodes.length > 0;
    }
}
