package io.engram.graph;

import java.util.Arrays;
import java.util.Map;

/**
 * The compacted state of the graph at one version, in compressed sparse row form: for node
 * {@code n} its out-edges are {@code outNodes[outOffsets[n] .. outOffsets[n+1])} with parallel
 * labels and weights, sorted by (target, label); in-edges likewise. Built by the bulk loader
 * (version 0) and again by compaction, which folds committed versions back into flat arrays.
 * Immutable; a version chain that ends in {@link VersionStore#BASE} has its older state here.
 */
final class BaseGraph {
    static final BaseGraph EMPTY = new BaseGraph(0, 0, new int[] {0}, new int[0], new int[0], new float[0],
            new int[] {0}, new int[0], new int[0], new float[0], null, null, null);

    /** The version whose state this base holds. */
    final long version;
    final int nodeCount;
    final int[] outOffsets;
    final int[] outNodes;
    final int[] outLabels;
    final float[] outWeights;
    final int[] inOffsets;
    final int[] inNodes;
    final int[] inLabels;
    final float[] inWeights;
    /** Which ids below {@link #nodeCount} are live nodes; null when all are. */
    private final boolean[] alive;
    /** Node properties by id, or null when no node has any. */
    private final Map<String, Object>[] properties;
    /** Out-edge properties by source id (keyed as in {@link NodeState#edgeProperties}), or null. */
    private final Map<Long, Map<String, Object>>[] edgeProperties;

    BaseGraph(long version, int nodeCount, int[] outOffsets, int[] outNodes, int[] outLabels, float[] outWeights,
            int[] inOffsets, int[] inNodes, int[] inLabels, float[] inWeights, boolean[] alive,
            Map<String, Object>[] properties, Map<Long, Map<String, Object>>[] edgeProperties) {
        this.version = version;
        this.nodeCount = nodeCount;
        this.outOffsets = outOffsets;
        this.outNodes = outNodes;
        this.outLabels = outLabels;
        this.outWeights = outWeights;
        this.inOffsets = inOffsets;
        this.inNodes = inNodes;
        this.inLabels = inLabels;
        this.inWeights = inWeights;
        this.alive = alive;
        this.properties = properties;
        this.edgeProperties = edgeProperties;
    }

    long edgeCount() {
        return outNodes.length;
    }

    boolean isAlive(int node) {
        return node >= 0 && node < nodeCount && (alive == null || alive[node]);
    }

    Map<String, Object> properties(int node) {
        if (properties == null) {
            return Map.of();
        }
        Map<String, Object> p = properties[node];
        return p == null ? Map.of() : p;
    }

    Map<Long, Map<String, Object>> edgeProperties(int node) {
        if (edgeProperties == null) {
            return Map.of();
        }
        Map<Long, Map<String, Object>> p = edgeProperties[node];
        return p == null ? Map.of() : p;
    }

    Adjacency out(int node) {
        return new Adjacency(outNodes, outLabels, outWeights, outOffsets[node], outOffsets[node + 1]);
    }

    Adjacency in(int node) {
        return new Adjacency(inNodes, inLabels, inWeights, inOffsets[node], inOffsets[node + 1]);
    }

    /** The state of {@code node} here, for copy-on-write. */
    NodeState materialize(int node) {
        boolean live = isAlive(node);
        return new NodeState(live, live ? properties(node) : Map.of(), live ? out(node) : Adjacency.EMPTY,
                live ? in(node) : Adjacency.EMPTY, live ? edgeProperties(node) : Map.of());
    }

    /**
     * Folds the state {@code snapshot} shows into a new base (compaction): one resolution per
     * node, then straight array copies. {@code current} is the graph's base, stable while the
     * caller holds the compaction lock.
     */
    @SuppressWarnings("unchecked")
    static BaseGraph of(GraphSnapshot snapshot, BaseGraph current, VersionStore store) {
        int n = snapshot.nodeIdBound();
        int[] state = new int[n];
        boolean[] alive = new boolean[n];
        int[] outOffsets = new int[n + 1];
        int[] inOffsets = new int[n + 1];
        boolean allAlive = true;
        for (int v = 0; v < n; v++) {
            int x = snapshot.resolve(v);
            state[v] = x;
            int outSize = 0;
            int inSize = 0;
            if (x == VersionStore.BASE) {
                alive[v] = current.isAlive(v);
                if (alive[v]) {
                    outSize = current.outOffsets[v + 1] - current.outOffsets[v];
                    inSize = current.inOffsets[v + 1] - current.inOffsets[v];
                }
            } else if (x != VersionStore.ABSENT) {
                int[] nodes = store.chunk(x).nodes;
                int p = VersionStore.offset(x);
                alive[v] = VersionStore.alive(nodes, p);
                if (alive[v]) {
                    outSize = VersionStore.outSize(nodes, p);
                    inSize = VersionStore.inSize(nodes, p);
                }
            }
            allAlive &= alive[v];
            outOffsets[v + 1] = outOffsets[v] + outSize;
            inOffsets[v + 1] = inOffsets[v] + inSize;
        }
        int[] outNodes = new int[outOffsets[n]];
        int[] outLabels = new int[outNodes.length];
        float[] outWeights = new float[outNodes.length];
        int[] inNodes = new int[inOffsets[n]];
        int[] inLabels = new int[inNodes.length];
        float[] inWeights = new float[inNodes.length];
        Map<String, Object>[] properties = null;
        Map<Long, Map<String, Object>>[] edgeProperties = null;
        for (int v = 0; v < n; v++) {
            if (!alive[v]) {
                continue;
            }
            int x = state[v];
            int outSize = outOffsets[v + 1] - outOffsets[v];
            int inSize = inOffsets[v + 1] - inOffsets[v];
            Map<String, Object> p;
            Map<Long, Map<String, Object>> e;
            if (x == VersionStore.BASE) {
                BaseGraph b = current;
                copy(b.outNodes, b.outLabels, b.outWeights, b.outOffsets[v], outNodes, outLabels, outWeights, outOffsets[v], outSize);
                copy(b.inNodes, b.inLabels, b.inWeights, b.inOffsets[v], inNodes, inLabels, inWeights, inOffsets[v], inSize);
                p = b.properties(v);
                e = b.edgeProperties(v);
            } else {
                VersionStore.Chunk c = store.chunk(x);
                int at = VersionStore.offset(x);
                copy(c.nodes, c.labels, c.weights, VersionStore.outFrom(at), outNodes, outLabels, outWeights, outOffsets[v], outSize);
                copy(c.nodes, c.labels, c.weights, VersionStore.inFrom(c.nodes, at), inNodes, inLabels, inWeights, inOffsets[v], inSize);
                p = VersionStore.properties(c, at);
                e = VersionStore.edgeProperties(c, at);
            }
            if (!p.isEmpty()) {
                if (properties == null) {
                    properties = new Map[n];
                }
                properties[v] = p;
            }
            if (!e.isEmpty()) {
                if (edgeProperties == null) {
                    edgeProperties = new Map[n];
                }
                edgeProperties[v] = e;
            }
        }
        return new BaseGraph(snapshot.version(), n, outOffsets, outNodes, outLabels, outWeights, inOffsets, inNodes,
                inLabels, inWeights, allAlive ? null : alive, properties, edgeProperties);
    }

    private static void copy(int[] nodes, int[] labels, float[] weights, int from, int[] toNodes, int[] toLabels,
            float[] toWeights, int to, int length) {
        System.arraycopy(nodes, from, toNodes, to, length);
        System.arraycopy(labels, from, toLabels, to, length);
        System.arraycopy(weights, from, toWeights, to, length);
    }

    @Override
    public String toString() {
        return "BaseGraph[version " + version + ", " + nodeCount + " ids, " + outNodes.length + " edges, alive "
                + (alive == null ? "all" : Arrays.toString(Arrays.copyOf(alive, Math.min(8, alive.length)))) + "]";
    }
}
