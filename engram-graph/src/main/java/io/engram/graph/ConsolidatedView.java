package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * The published result of a consolidation: which super-node stands for which members. Built aside
 * and published by one reference swap that raises the graph's epoch; a snapshot keeps the view
 * it opened with, so readers move to a new view only with their next snapshot.
 */
public final class ConsolidatedView {
    /** Before any consolidation: epoch 0, no super-nodes. */
    public static final ConsolidatedView NONE = new ConsolidatedView(0, new int[0], new int[0], new int[][] {});

    private final long epoch;
    private final int[] superNodeOf;
    private final int[] superNodes;
    private final int[][] members;

    /**
     * @param superNodes  the super-node ids, ascending
     * @param members     {@code members[i]}: the member ids of {@code superNodes[i]}
     */
    public ConsolidatedView(long epoch, int[] superNodeOf, int[] superNodes, int[][] members) {
        InvalidArgumentException.check(epoch >= 0, "epoch must be >= 0, got %d", epoch);
        InvalidArgumentException.check(superNodes.length == members.length,
                "one member list per super-node: %d super-nodes, %d lists", superNodes.length, members.length);
        this.epoch = epoch;
        this.superNodeOf = superNodeOf.clone();
        this.superNodes = superNodes.clone();
        this.members = new int[members.length][];
        for (int i = 0; i < members.length; i++) {
            this.members[i] = members[i].clone();
        }
    }

    public long epoch() {
        return epoch;
    }

    /** The super-node that replaces {@code node}, or -1 when none does. */
    public int superNodeOf(int node) {
        return node >= 0 && node < superNodeOf.length ? superNodeOf[node] : -1;
    }

    /** The super-node ids, ascending. */
    public int[] superNodes() {
        return superNodes.clone();
    }

    /** The members of {@code superNode} in position order; empty when it is not a super-node. */
    public int[] members(int superNode) {
        int i = Arrays.binarySearch(superNodes, superNode);
        return i < 0 ? new int[0] : members[i].clone();
    }

    /** Where a reader of the consolidated view should look: the super-node, or the node itself. */
    public int representative(int node) {
        int s = superNodeOf(node);
        return s < 0 ? node : s;
    }
}
