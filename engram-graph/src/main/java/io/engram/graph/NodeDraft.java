package io.engram.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * A node's next version under construction during one commit: the newest committed version plus
 * the changes of the committing transaction, kept as sorted change lists so that building the new
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
    private EdgeChanges outChanges;
    private EdgeChanges inChanges;
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
            outChanges = new EdgeChanges();
        }
        outChanges.put(key, weight);
    }

    void changeIn(long key, float weight) {
        if (inChanges == null) {
            inChanges = new EdgeChanges();
        }
        inChanges.put(key, weight);
    }

    /** This commit's out-edge changes, or null when there are none. */
    EdgeChanges outChanges() {
        return outChanges;
    }

    EdgeChanges inChanges() {
        return inChanges;
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

    private static float weight(EdgeChanges changes, int[] nodes, int[] labels, float[] weights, int from, int to,
            int node, int label) {
        if (changes != null) {
            int c = changes.indexOf(Adjacency.key(node, label));
            if (c >= 0) {
                return changes.weight(c);
            }
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

    private static Adjacency apply(Adjacency committed, EdgeChanges changes, long[] edgeDelta, AdjacencyArena arena) {
        if (edgeDelta != null) {
            for (int i = 0; i < changes.size(); i++) {
                long key = changes.key(i);
                boolean existed = committed.find((int) (key >>> 32), (int) key) >= 0;
                boolean exists = !Float.isNaN(changes.weight(i));
                edgeDelta[0] += (exists ? 1 : 0) - (existed ? 1 : 0);
            }
        }
        return committed.merge(changes.keys(), changes.weights(), changes.size(), arena);
    }
}
