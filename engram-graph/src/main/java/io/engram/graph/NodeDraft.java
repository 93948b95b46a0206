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
    /** The newest committed state (from the node's head record, the base, or nothing). */
    final NodeState previous;
    /**
     * What the new version links back to: the head record's address, or {@link VersionStore#BASE}
     * / {@link VersionStore#ABSENT} when the node has no head.
     */
    final int chainTo;
    boolean alive;
    private Map<String, Object> properties;
    private boolean propertiesChanged;
    /** (neighbour, label) key → new weight, NaN for removal. */
    private EdgeChanges outChanges;
    private EdgeChanges inChanges;
    private Map<Long, Map<String, Object>> edgeProperties;
    /** The record {@link CommitApplier#build} wrote for this draft, or {@link VersionStore#NONE}. */
    int built;

    NodeDraft(int node, NodeState previous, int chainTo) {
        this.node = node;
        this.previous = previous;
        this.chainTo = chainTo;
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
        return weight(outChanges, previous.out, target, label);
    }

    float inWeight(int source, int label) {
        return weight(inChanges, previous.in, source, label);
    }

    private static float weight(EdgeChanges changes, Adjacency committed, int node, int label) {
        if (changes != null) {
            int c = changes.indexOf(Adjacency.key(node, label));
            if (c >= 0) {
                return changes.weight(c);
            }
        }
        int i = committed.find(node, label);
        return i < 0 ? Float.NaN : committed.weights[i];
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

    /**
     * Writes the new version into {@code store} and returns its address, or {@link VersionStore#NONE}
     * when nothing changed. Counts out-edge changes into {@code edgeDelta}. Every version is a
     * full copy of both lists (no sharing with its predecessor), so a read needs no indirection.
     */
    int build(long version, long[] edgeDelta, VersionStore store) {
        if (!propertiesChanged && outChanges == null && inChanges == null && alive == previous.alive
                && edgeProperties == previous.edgeProperties) {
            return VersionStore.NONE;
        }
        if (outChanges != null) {
            for (int i = 0; i < outChanges.size(); i++) {
                long key = outChanges.key(i);
                boolean existed = previous.out.find((int) (key >>> 32), (int) key) >= 0;
                boolean exists = !Float.isNaN(outChanges.weight(i));
                edgeDelta[0] += (exists ? 1 : 0) - (existed ? 1 : 0);
            }
        }
        Map<String, Object> props = alive ? (propertiesChanged ? Map.copyOf(properties) : properties) : Map.of();
        Map<Long, Map<String, Object>> edgeProps = !alive ? Map.of()
                : edgeProperties == previous.edgeProperties ? edgeProperties : Map.copyOf(edgeProperties);
        return store.append(version, chainTo, alive, props, edgeProps, previous.out, outChanges, previous.in, inChanges);
    }
}
