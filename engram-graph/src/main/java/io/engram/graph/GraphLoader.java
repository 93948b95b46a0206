package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a graph's bulk-loaded base (version 0) from nodes {@code 0 .. nodeCount-1} and a list
 * of edges, straight into CSR arrays: no transaction, no per-edge object. Edges are sorted with
 * three stable counting sorts (label, target, source), so loading is linear in nodes plus edges.
 * A repeated (source, label, target) keeps the weight added last. Single use, not thread-safe.
 */
public final class GraphLoader {
    /** Edges one loader accepts; int-indexed arrays bound it, and it keeps headroom. */
    public static final int MAX_EDGES = 1 << 30;

    private final int nodeCount;
    private final LabelDictionary labels = new LabelDictionary();
    private final Map<Integer, Map<String, Object>> properties = new HashMap<>();
    private int[] sources = new int[1024];
    private int[] targets = new int[1024];
    private int[] edgeLabels = new int[1024];
    private float[] weights = new float[1024];
    private int edges;
    private boolean built;

    GraphLoader(int nodeCount) {
        InvalidArgumentException.check(nodeCount >= 0 && nodeCount <= GraphConfig.MAX_NODES_LIMIT,
                "nodeCount must be in [0, %d], got %d", GraphConfig.MAX_NODES_LIMIT, nodeCount);
        this.nodeCount = nodeCount;
    }

    public GraphLoader nodeProperties(int node, Map<String, ?> values) {
        checkNode(node, "node");
        properties.put(node, PropertyValues.copyOf(values));
        return this;
    }

    public GraphLoader edge(int source, String label, int target, double weight) {
        checkNode(source, "source");
        checkNode(target, "target");
        InvalidArgumentException.check(Double.isFinite(weight) && Math.abs(weight) <= Float.MAX_VALUE,
                "weight must be a finite float, got %s", weight);
        ensureCapacity(edges + 1);
        sources[edges] = source;
        targets[edges] = target;
        edgeLabels[edges] = labels.intern(label);
        weights[edges] = (float) weight;
        edges++;
        return this;
    }

    /** Adds {@code count} edges with one label and weight 1 from parallel arrays. */
    public GraphLoader edges(int[] from, int[] to, int count, String label) {
        InvalidArgumentException.check(count >= 0 && count <= from.length && count <= to.length,
                "count %d outside the arrays (%d sources, %d targets)", count, from.length, to.length);
        int l = labels.intern(label);
        ensureCapacity((long) edges + count);
        for (int i = 0; i < count; i++) {
            checkNode(from[i], "source");
            checkNode(to[i], "target");
            sources[edges] = from[i];
            targets[edges] = to[i];
            edgeLabels[edges] = l;
            weights[edges] = 1f;
            edges++;
        }
        return this;
    }

    public Graph build() {
        return build(GraphConfig.defaults());
    }

    public Graph build(GraphConfig config) {
        return build(config, new VersionStore());
    }

    /** As {@link #build(GraphConfig)}, with the version store to commit into (tests size it). */
    Graph build(GraphConfig config, VersionStore store) {
        InvalidArgumentException.check(!built, "a GraphLoader builds once");
        InvalidArgumentException.check(nodeCount <= config.maxNodes(),
                "the loader has %d nodes, the config allows %d", nodeCount, config.maxNodes());
        built = true;
        int[] order = new int[edges];
        for (int i = 0; i < edges; i++) {
            order[i] = i;
        }
        order = stableSort(order, edgeLabels, Math.max(1, labels.size()));
        order = stableSort(order, targets, nodeCount);
        order = stableSort(order, sources, nodeCount);

        // Out CSR in (source, target, label) order; among duplicates the last added wins.
        int[] outOffsets = new int[nodeCount + 1];
        int[] outNodes = new int[edges];
        int[] outLabels = new int[edges];
        float[] outWeights = new float[edges];
        int[] outSources = new int[edges];
        int m = 0;
        for (int k = 0; k < edges; k++) {
            int e = order[k];
            if (m > 0 && outSources[m - 1] == sources[e] && outNodes[m - 1] == targets[e] && outLabels[m - 1] == edgeLabels[e]) {
                outWeights[m - 1] = weights[e];
                continue;
            }
            outSources[m] = sources[e];
            outNodes[m] = targets[e];
            outLabels[m] = edgeLabels[e];
            outWeights[m] = weights[e];
            outOffsets[sources[e] + 1]++;
            m++;
        }
        release();
        for (int n = 0; n < nodeCount; n++) {
            outOffsets[n + 1] += outOffsets[n];
        }
        outNodes = Arrays.copyOf(outNodes, m);
        outLabels = Arrays.copyOf(outLabels, m);
        outWeights = Arrays.copyOf(outWeights, m);

        // In CSR: a stable sort of the out list by target gives (target, source, label) order.
        int[] inOffsets = new int[nodeCount + 1];
        for (int i = 0; i < m; i++) {
            inOffsets[outNodes[i] + 1]++;
        }
        for (int n = 0; n < nodeCount; n++) {
            inOffsets[n + 1] += inOffsets[n];
        }
        int[] cursor = Arrays.copyOf(inOffsets, nodeCount);
        int[] inNodes = new int[m];
        int[] inLabels = new int[m];
        float[] inWeights = new float[m];
        for (int i = 0; i < m; i++) {
            int slot = cursor[outNodes[i]]++;
            inNodes[slot] = outSources[i];
            inLabels[slot] = outLabels[i];
            inWeights[slot] = outWeights[i];
        }
        @SuppressWarnings("unchecked")
        Map<String, Object>[] props = properties.isEmpty() ? null : new Map[nodeCount];
        properties.forEach((node, p) -> props[node] = p);
        BaseGraph base = new BaseGraph(0, nodeCount, outOffsets, outNodes, outLabels, outWeights,
                inOffsets, inNodes, inLabels, inWeights, null, props, null);
        return new Graph(config, labels, base, store);
    }

    /** {@code order} stably sorted by {@code key[order[i]]}, keys in [0, buckets). */
    private int[] stableSort(int[] order, int[] key, int buckets) {
        int[] counts = new int[buckets + 1];
        for (int e : order) {
            counts[key[e] + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            counts[b + 1] += counts[b];
        }
        int[] sorted = new int[order.length];
        for (int e : order) {
            sorted[counts[key[e]]++] = e;
        }
        return sorted;
    }

    private void release() {
        sources = targets = edgeLabels = null;
        weights = null;
    }

    private void checkNode(int node, String what) {
        InvalidArgumentException.check(!built, "a GraphLoader builds once");
        if (node < 0 || node >= nodeCount) {
            throw new InvalidArgumentException(what + " " + node + " outside [0, " + nodeCount + ")");
        }
    }

    private void ensureCapacity(long needed) {
        InvalidArgumentException.check(needed <= MAX_EDGES, "a loader holds at most %d edges, asked for %d",
                MAX_EDGES, needed);
        if (needed > sources.length) {
            int capacity = (int) Math.min(MAX_EDGES, Math.max(needed, (long) sources.length * 2));
            sources = Arrays.copyOf(sources, capacity);
            targets = Arrays.copyOf(targets, capacity);
            edgeLabels = Arrays.copyOf(edgeLabels, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
    }
}
