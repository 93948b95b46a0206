package io.engram.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's next version under construction during one commit: the newest committed version plus
 * the changes of the committing transaction, kept as sorted change maps so that building the new
 * adjacency is one merge pass however many edges the transaction touched.
 */
final class NodeDraft {
    final int node;
    /** The newest committed version (or the base state materialised, or a dead placeholder). */
    final NodeVersion previous;
    /** What {@link #previous} chains back to when it is not itself installed (a sentinel), else null. */
    final NodeVersion previousHead;
    boolean alive;
    private Map<String, Object> properties;
    private boolean propertiesChanged;
    /** (neighbour, label) key → new weight, NaN for removal. */
    private TreeMap<Long, Float> outChanges;
    private TreeMap<Long, Float> inChanges;
    private Map<Long, Map<String, Object>> edgeProperties;
    /** The version {@link CommitApplier#build} made of this draft, or null when nothing changed. */
    NodeVersion built;

    NodeDraft(int node, NodeVersion previous, NodeVersion previousHead) {
        this.node = node;
        this.previous = previous;
        this.previousHead = previousHead;
        this.alive = previous.alive;
        this.properties = previous.properties;
        this.edgeProperties = previous.edgeProperties;
    }

    Map<String, Object> properties() {
        return properties;
    }

    void setProperties(Map<String, Object> values) {
        properties = new HashMap<>(values);
        propertiesChanged = true;
    }

    void setProperty(String name, Object value) {
        mutableProperties().put(name, value);
    }

    void removeProperty(String name) {
        if (properties.containsKey(name)) {
            mutableProperties().remove(name);
        }
    }

    private Map<String, Object> mutableProperties() {
        if (!propertiesChanged) {
            properties = new HashMap<>(properties);
            propertiesChanged = true;
        }
        return properties;
    }

    void changeOut(long key, float weight) {
        if (outChanges == null) {
            outChanges = new TreeMap<>();
        }
        outChanges.put(key, weight);
    }

    void changeIn(long key, float weight) {
        if (inChanges == null) {
            inChanges = new TreeMap<>();
        }
        inChanges.put(key, weight);
    }

    Map<Long, Float> outChanges() {
        return outChanges == null ? Map.of() : outChanges;
    }

    Map<Long, Float> inChanges() {
        return inChanges == null ? Map.of() : inChanges;
    }

    /** The current out weight of (target, label) including this commit's changes; NaN when absent. */
    float outWeight(int target, int label) {
        return weight(outChanges, previous.outNodes, previous.outLabels, previous.outWeights, previous.outFrom,
                previous.outTo, target, label);
    }

    float inWeight(int source, int label) {
        return weight(inChanges, previous.inNodes, previous.inLabels, previous.inWeights, previous.inFrom,
                previous.inTo, source, label);
    }

    private static float weight(TreeMap<Long, Float> changes, int[] nodes, int[] labels, float[] weights, int from,
            int to, int node, int label) {
        Float changed = changes == null ? null : changes.get(Adjacency.key(node, label));
        if (changed != null) {
            return changed;
        }
        int i = Adjacency.find(nodes, labels, from, to, node, label);
        return i < 0 ? Float.NaN : weights[i];
    }

    Map<String, Object> edgeProperties(long key) {
        Map<String, Object> p = edgeProperties.get(key);
        return p == null ? Map.of() : p;
    }

    void setEdgeProperties(long key, Map<String, Object> values) {
        if (edgeProperties == previous.edgeProperties) {
            edgeProperties = new HashMap<>(edgeProperties);
        }
        if (values.isEmpty()) {
            edgeProperties.remove(key);
        } else {
            edgeProperties.put(key, values);
        }
    }

    /** The new version, or null when nothing changed. Counts edge changes into {@code edgeDelta}. */
    NodeVersion build(long version, long[] edgeDelta, AdjacencyArena arena) {
        if (!propertiesChanged && outChanges == null && inChanges == null && alive == previous.alive
                && edgeProperties == previous.edgeProperties) {
            return null;
        }
        Adjacency out = outChanges == null ? previous.out() : apply(previous.out(), outChanges, edgeDelta, arena);
        Adjacency in = inChanges == null ? previous.in() : apply(previous.in(), inChanges, null, arena);
        Map<String, Object> props = alive ? (propertiesChanged ? Map.copyOf(properties) : properties) : Map.of();
        Map<Long, Map<String, Object>> edgeProps = edgeProperties == previous.edgeProperties
                ? edgeProperties : Map.copyOf(edgeProperties);
        return new NodeVersion(version, alive, props, out, in, alive ? edgeProps : Map.of());
    }

    private static Adjacency apply(Adjacency committed, TreeMap<Long, Float> changes, long[] edgeDelta,
            AdjacencyArena arena) {
        if (changes.isEmpty()) {
            return committed;
        }
        long[] keys = new long[changes.size()];
        float[] weights = new float[keys.length];
        int i = 0;
        for (Map.Entry<Long, Float> e : changes.entrySet()) {
            keys[i] = e.getKey();
            weights[i] = e.getValue();
            if (edgeDelta != null) {
                boolean existed = committed.find((int) (keys[i] >>> 32), (int) keys[i]) >= 0;
                boolean exists = !Float.isNaN(weights[i]);
                edgeDelta[0] += (exists ? 1 : 0) - (existed ? 1 : 0);
            }
            i++;
        }
        return committed.merge(keys, weights, keys.length, arena);
    }
}
