package io.engram.graph;

import java.util.Map;

/**
 * The bulk-loaded state (version 0) in compressed sparse row form: for node {@code n} its
 * out-edges are {@code outNodes[outOffsets[n] .. outOffsets[n+1])} with parallel labels and
 * weights, sorted by (target, label); in-edges likewise. Immutable and never pruned; a node's
 * first committed version shares these arrays until an edit copies its slice.
 */
final class BaseGraph {
    static final BaseGraph EMPTY = new BaseGraph(0, new int[] {0}, new int[0], new int[0], new float[0],
            new int[] {0}, new int[0], new int[0], new float[0], null);

    final int nodeCount;
    final int[] outOffsets;
    final int[] outNodes;
    final int[] outLabels;
    final float[] outWeights;
    final int[] inOffsets;
    final int[] inNodes;
    final int[] inLabels;
    final float[] inWeights;
    /** Node properties by id, or null when no bulk-loaded node has any. */
    private final Map<String, Object>[] properties;

    BaseGraph(int nodeCount, int[] outOffsets, int[] outNodes, int[] outLabels, float[] outWeights,
            int[] inOffsets, int[] inNodes, int[] inLabels, float[] inWeights, Map<String, Object>[] properties) {
        this.nodeCount = nodeCount;
        this.outOffsets = outOffsets;
        this.outNodes = outNodes;
        this.outLabels = outLabels;
        this.outWeights = outWeights;
        this.inOffsets = inOffsets;
        this.inNodes = inNodes;
        this.inLabels = inLabels;
        this.inWeights = inWeights;
        this.properties = properties;
    }

    long edgeCount() {
        return outNodes.length;
    }

    Map<String, Object> properties(int node) {
        if (properties == null) {
            return Map.of();
        }
        Map<String, Object> p = properties[node];
        return p == null ? Map.of() : p;
    }

    Adjacency out(int node) {
        return new Adjacency(outNodes, outLabels, outWeights, outOffsets[node], outOffsets[node + 1]);
    }

    Adjacency in(int node) {
        return new Adjacency(inNodes, inLabels, inWeights, inOffsets[node], inOffsets[node + 1]);
    }

    /** The version-0 state of a bulk-loaded node as a {@link NodeVersion}, for copy-on-write. */
    NodeVersion materialize(int node) {
        return new NodeVersion(0, true, properties(node), out(node), in(node), Map.of());
    }

    long memoryBytes() {
        return 4L * (outOffsets.length + inOffsets.length) + 12L * (outNodes.length + inNodes.length);
    }
}
