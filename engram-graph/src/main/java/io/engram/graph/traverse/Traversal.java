package io.engram.graph.traverse;

import java.util.Arrays;
import java.util.Objects;

/**
 * Nodes a traversal reached, in visiting order, with their hop distance from the start.
 *
 * <p>Breadth-first results are ordered by depth, so they keep only where each depth begins
 * ({@link #ofLevels}) and {@link #depths()} expands that on demand: a budgeted traversal then
 * builds one array, not two, before it returns — with a million nodes found, the second copy was
 * milliseconds of page faults on fresh memory, inside the caller's time budget.
 *
 * <p>{@code partial} is true when a budget (or cancellation) stopped it early; {@code reason} says which.
 */
public final class Traversal {
    private final int[] nodes;
    private final boolean partial;
    private final StopReason reason;
    private int[] depths;
    private final int[] levelStarts;

    public Traversal(int[] nodes, int[] depths, boolean partial, StopReason reason) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.depths = Objects.requireNonNull(depths, "depths");
        this.levelStarts = null;
        this.partial = partial;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private Traversal(int[] nodes, int[] levelStarts, boolean partial, StopReason reason, boolean levels) {
        this.nodes = nodes;
        this.levelStarts = levelStarts;
        this.partial = partial;
        this.reason = reason;
    }

    /**
     * A result ordered by depth: nodes at positions {@code [levelStarts[d], levelStarts[d + 1])} are
     * {@code d} hops from the start (the last level runs to the end).
     */
    static Traversal ofLevels(int[] nodes, int[] levelStarts, boolean partial, StopReason reason) {
        return new Traversal(nodes, levelStarts, partial, reason, true);
    }

    public int[] nodes() {
        return nodes;
    }

    /** Hop distance of each node, parallel to {@link #nodes()}. */
    public synchronized int[] depths() {
        if (depths == null) {
            int[] out = new int[nodes.length];
            for (int d = 0; d < levelStarts.length; d++) {
                int end = d + 1 < levelStarts.length ? levelStarts[d + 1] : nodes.length;
                Arrays.fill(out, Math.min(levelStarts[d], nodes.length), Math.min(end, nodes.length), d);
            }
            depths = out;
        }
        return depths;
    }

    public boolean partial() {
        return partial;
    }

    public StopReason reason() {
        return reason;
    }

    public int size() {
        return nodes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Traversal t && partial == t.partial && reason == t.reason
                && Arrays.equals(nodes, t.nodes) && Arrays.equals(depths(), t.depths());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodes) + reason.hashCode();
    }

    @Override
    public String toString() {
        return "Traversal[" + nodes.length + " nodes, partial " + partial + ", " + reason + "]";
    }
}
