package io.engram.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one transaction's changes into new node versions on top of the newest committed state
 * (not the transaction's start snapshot: validation has shown that nothing it depends on changed,
 * and applying to the head is what lets disjoint commits merge). Builds everything aside and
 * installs nothing; a change that no longer fits the head (an edge to a node deleted by a
 * concurrent commit) fails the commit as a conflict on that node.
 */
final class CommitApplier {
    private final Graph graph;
    private final long latest;
    /** Drafts in first-touch order; looked up linearly while few (the common case), by map beyond. */
    private final List<NodeDraft> drafts = new ArrayList<>(4);
    private Map<Integer, NodeDraft> index;
    private long nodeDelta;

    CommitApplier(Graph graph, long latest) {
        this.graph = graph;
        this.latest = latest;
    }

    /** Applies {@code changes} in order. */
    void apply(List<GraphChange> changes) {
        for (GraphChange change : changes) {
            switch (change) {
                case GraphChange.CreateNode c -> {
                    NodeDraft d = draft(c.node());
                    if (d.alive) {
                        throw conflict(GraphKey.node(c.node()));
                    }
                    d.alive = true;
                    d.setProperties(new HashMap<>(c.properties()));
                }
                case GraphChange.DeleteNode c -> deleteNode(c.node());
                case GraphChange.SetNodeProperty c -> live(c.node()).setProperty(c.name(), c.value());
                case GraphChange.RemoveNodeProperty c -> live(c.node()).removeProperty(c.name());
                case GraphChange.PutEdge c -> putEdge(c.source(), label(c.label()), c.target(), c.weight());
                case GraphChange.RemoveEdge c -> removeEdge(c.source(), graph.labels.intern(c.label()), c.target());
                case GraphChange.IncrementWeight c -> {
                    int l = label(c.label());
                    float current = live(c.source()).outWeight(c.target(), l);
                    float next = Float.isNaN(current) ? 1.0f + c.delta() : current + c.delta();
                    putEdge(c.source(), l, c.target(), next);
                }
                case GraphChange.SetEdgeProperty c -> editEdgeProperty(c.source(), c.label(), c.target(), c.name(), c.value());
                case GraphChange.RemoveEdgeProperty c -> editEdgeProperty(c.source(), c.label(), c.target(), c.name(), null);
            }
        }
    }

    /**
     * Builds the new versions into each draft's {@link NodeDraft#built} (null when unchanged) and
     * returns the drafts; {@code counts[0]} receives the edge delta, {@code counts[1]} the node delta.
     */
    List<NodeDraft> build(long version, long[] counts) {
        long[] edgeDelta = new long[1];
        for (NodeDraft d : drafts) {
            d.built = d.build(version, edgeDelta, graph.store);
            nodeDelta += (d.alive ? 1 : 0) - (d.previous.alive ? 1 : 0);
        }
        counts[0] = edgeDelta[0];
        counts[1] = nodeDelta;
        return drafts;
    }

    private int label(String name) {
        return graph.labels.intern(name);
    }

    private NodeDraft draft(int node) {
        NodeDraft d = find(node);
        if (d == null) {
            int head = graph.versions.head(node);
            if (head != VersionStore.NONE) {
                d = new NodeDraft(node, NodeState.of(graph.store, head), head);
            } else if (node < graph.base.nodeCount) {
                d = new NodeDraft(node, graph.base.materialize(node), VersionStore.BASE);
            } else {
                d = new NodeDraft(node, NodeState.ABSENT, VersionStore.ABSENT);
            }
            drafts.add(d);
            if (index != null) {
                index.put(node, d);
            } else if (drafts.size() > 8) {
                index = new HashMap<>();
                for (NodeDraft x : drafts) {
                    index.put(x.node, x);
                }
            }
        }
        return d;
    }

    private NodeDraft find(int node) {
        if (index != null) {
            return index.get(node);
        }
        for (NodeDraft d : drafts) {
            if (d.node == node) {
                return d;
            }
        }
        return null;
    }

    private NodeDraft live(int node) {
        NodeDraft d = draft(node);
        if (!d.alive) {
            throw conflict(GraphKey.node(node));
        }
        return d;
    }

    private void putEdge(int source, int label, int target, float weight) {
        NodeDraft s = live(source);
        NodeDraft t = live(target);
        s.changeOut(Adjacency.key(target, label), weight);
        t.changeIn(Adjacency.key(source, label), weight);
    }

    private void removeEdge(int source, int label, int target) {
        NodeDraft s = draft(source);
        if (!s.alive || Float.isNaN(s.outWeight(target, label))) {
            return; // already gone: removal is idempotent
        }
        long key = Adjacency.key(target, label);
        s.changeOut(key, Float.NaN);
        draft(target).changeIn(Adjacency.key(source, label), Float.NaN);
        if (!s.edgeProperties(key).isEmpty()) {
            s.setEdgeProperties(key, Map.of());
        }
    }

    private void editEdgeProperty(int source, String labelName, int target, String name, Object value) {
        int label = label(labelName);
        NodeDraft s = live(source);
        if (Float.isNaN(s.outWeight(target, label))) {
            throw conflict(GraphKey.edge(source, labelName, target));
        }
        long key = Adjacency.key(target, label);
        Map<String, Object> props = new HashMap<>(s.edgeProperties(key));
        if (value == null) {
            props.remove(name);
        } else {
            props.put(name, value);
        }
        s.setEdgeProperties(key, Map.copyOf(props));
    }

    private void deleteNode(int node) {
        NodeDraft d = live(node);
        for (long key : edgeKeys(d.previous.out, d.outChanges())) {
            removeEdge(node, (int) key, (int) (key >>> 32));
        }
        for (long key : edgeKeys(d.previous.in, d.inChanges())) {
            removeEdge((int) (key >>> 32), (int) key, node);
        }
        d.alive = false;
        d.setProperties(Map.of());
    }

    /** The (neighbour, label) keys present after the changes so far. */
    private static long[] edgeKeys(Adjacency committed, EdgeChanges changes) {
        java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
        for (int i = committed.from; i < committed.to; i++) {
            keys.add(Adjacency.key(committed.nodes[i], committed.labels[i]));
        }
        for (int i = 0; changes != null && i < changes.size(); i++) {
            if (Float.isNaN(changes.weight(i))) {
                keys.remove(changes.key(i));
            } else {
                keys.add(changes.key(i));
            }
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    private TransactionConflictException conflict(GraphKey key) {
        return new TransactionConflictException(List.of(key), latest);
    }
}
