package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An optimistic write transaction. It reads from the snapshot it started at (plus its own
 * writes, for point reads), buffers every change, and validates at {@link #commit()} against the
 * transactions that committed since it started; the loser gets a
 * {@link TransactionConflictException} naming the keys. Not thread-safe: one thread per
 * transaction. Close it (try-with-resources) to release its snapshot; closing an uncommitted
 * transaction rolls it back.
 */
public final class Transaction implements AutoCloseable {
    private static final Object REMOVED = new Object();

    private enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    private final Graph graph;
    private final GraphSnapshot snapshot;
    private final PinRegistry.Pin pin;
    private final Isolation isolation;
    private State state = State.ACTIVE;

    final List<GraphChange> changes = new ArrayList<>(4);
    // Key sets and overlays are created on first use: a typical transaction touches two or
    // three of them, and commits are frequent enough for empty collections to show as garbage.
    private Set<GraphKey> writes;
    private Set<GraphKey> increments;
    private Set<GraphKey> removals;
    private Set<GraphKey> touched;
    private Set<GraphKey> reads;

    /** Own writes, for read-your-writes: node → alive; property key → value or REMOVED. */
    private Map<Integer, Boolean> nodeOverlay;
    private Map<GraphKey, Object> propertyOverlay;
    /** Edge → weight as this transaction last set it (NaN removed), before pending increments. */
    private Map<GraphKey, Float> edgeOverlay;
    private Map<GraphKey, Float> pendingIncrements;
    private Set<Integer> createdNodes;

    Transaction(Graph graph, GraphSnapshot snapshot, PinRegistry.Pin pin, Isolation isolation) {
        this.graph = graph;
        this.snapshot = snapshot;
        this.pin = pin;
        this.isolation = isolation;
    }

    /** The version this transaction started at; its reads come from it. */
    public long startVersion() {
        return snapshot.version();
    }

    public Isolation isolation() {
        return isolation;
    }

    /** The start snapshot, for traversals inside the transaction (they do not see own writes). */
    public GraphSnapshot snapshot() {
        checkActive();
        return snapshot;
    }

    // --- nodes ----------------------------------------------------------------------------------

    public int createNode() {
        return createNode(Map.of());
    }

    /** Creates a node with {@code properties}; returns its id (final even if another commit wins first). */
    public int createNode(Map<String, ?> properties) {
        checkActive();
        Map<String, Object> props = PropertyValues.copyOf(properties);
        int node = graph.allocateNodeId();
        createdNodes = add(createdNodes, node);
        nodeOverlay = put(nodeOverlay, node, true);
        props.forEach((k, v) -> propertyOverlay = put(propertyOverlay, GraphKey.property(node, k), v));
        changes.add(new GraphChange.CreateNode(node, props));
        writes = add(writes, GraphKey.node(node));
        touched = add(touched, GraphKey.adjacency(node));
        return node;
    }

    /** Deletes a node and every edge at it. */
    public void deleteNode(int node) {
        requireNode(node);
        nodeOverlay = put(nodeOverlay, node, false);
        changes.add(new GraphChange.DeleteNode(node));
        writes = add(writes, GraphKey.node(node));
        touched = add(touched, GraphKey.adjacency(node));
        GraphSnapshot s = snapshot;
        if (s.exists(node)) {
            for (int neighbour : s.neighbours(node, Direction.BOTH)) {
                touched = add(touched, GraphKey.adjacency(neighbour));
            }
        }
    }

    public boolean exists(int node) {
        checkActive();
        read(GraphKey.node(node));
        Boolean own = nodeOverlay == null ? null : nodeOverlay.get(node);
        return own != null ? own : snapshot.exists(node);
    }

    public void setProperty(int node, String name, Object value) {
        requireNode(node);
        Object v = PropertyValues.normalize(name, value);
        GraphKey key = GraphKey.property(node, name);
        propertyOverlay = put(propertyOverlay, key, v);
        changes.add(new GraphChange.SetNodeProperty(node, name, v));
        writes = add(writes, key);
    }

    public void removeProperty(int node, String name) {
        requireNode(node);
        GraphKey key = GraphKey.property(node, name);
        propertyOverlay = put(propertyOverlay, key, REMOVED);
        changes.add(new GraphChange.RemoveNodeProperty(node, name));
        writes = add(writes, key);
    }

    /** A node property as this transaction sees it (own writes first), or null when absent. */
    public Object property(int node, String name) {
        requireNode(node);
        GraphKey key = GraphKey.property(node, name);
        read(key);
        Object own = propertyOverlay == null ? null : propertyOverlay.get(key);
        if (own != null) {
            return own == REMOVED ? null : own;
        }
        return createdNodes != null && createdNodes.contains(node) ? null : snapshot.property(node, name);
    }

    // --- edges ----------------------------------------------------------------------------------

    /** Creates {@code source -label-> target} with weight 1, or sets an existing edge's weight to 1. */
    public void putEdge(int source, String label, int target) {
        putEdge(source, label, target, 1.0);
    }

    /** Creates the edge with {@code weight}, or sets the weight of the existing one. */
    public void putEdge(int source, String label, int target, double weight) {
        requireNode(source);
        requireNode(target);
        float w = checkWeight(weight, "weight");
        GraphKey key = edgeKey(source, label, target);
        edgeOverlay = put(edgeOverlay, key, w);
        if (pendingIncrements != null) {
            pendingIncrements.remove(key);
        }
        changes.add(new GraphChange.PutEdge(source, label, target, w));
        writes = add(writes, key);
        touch(source, target);
    }

    public void removeEdge(int source, String label, int target) {
        checkActive();
        if (source < 0 || target < 0) {
            throw new InvalidArgumentException("node ids are >= 0, got (" + source + ", " + target + ")");
        }
        GraphKey key = edgeKey(source, label, target);
        edgeOverlay = put(edgeOverlay, key, Float.NaN);
        if (pendingIncrements != null) {
            pendingIncrements.remove(key);
        }
        changes.add(new GraphChange.RemoveEdge(source, label, target));
        writes = add(writes, key);
        removals = add(removals, key);
        touch(source, target);
    }

    /**
     * Adds {@code delta} to the edge's weight (a missing edge starts at 1.0 + delta). Increments
     * commute: they never conflict with each other, only with a concurrent removal of the edge.
     */
    public void incrementWeight(int source, String label, int target, double delta) {
        requireNode(source);
        requireNode(target);
        float d = checkWeight(delta, "delta");
        GraphKey key = edgeKey(source, label, target);
        if (pendingIncrements == null) {
            pendingIncrements = new HashMap<>(4);
        }
        pendingIncrements.merge(key, d, Float::sum);
        changes.add(new GraphChange.IncrementWeight(source, label, target, d));
        increments = add(increments, key);
        touch(source, target);
    }

    /** The edge's weight as this transaction sees it, or empty when there is no such edge. */
    public OptionalDouble weight(int source, String label, int target) {
        checkActive();
        GraphKey key = edgeKey(source, label, target);
        read(key);
        Float own = edgeOverlay == null ? null : edgeOverlay.get(key);
        double base;
        if (own != null) {
            base = own;
        } else {
            OptionalDouble committed = snapshot.weight(source, label, target);
            base = committed.isPresent() ? committed.getAsDouble() : Double.NaN;
        }
        Float pending = pendingIncrements == null ? null : pendingIncrements.get(key);
        if (pending != null) {
            return OptionalDouble.of((Double.isNaN(base) ? 1.0 : base) + pending);
        }
        return Double.isNaN(base) ? OptionalDouble.empty() : OptionalDouble.of(base);
    }

    public void setEdgeProperty(int source, String label, int target, String name, Object value) {
        requireEdge(source, label, target);
        Object v = PropertyValues.normalize(name, value);
        changes.add(new GraphChange.SetEdgeProperty(source, label, target, name, v));
        writes = add(writes, edgeKey(source, label, target));
    }

    public void removeEdgeProperty(int source, String label, int target, String name) {
        requireEdge(source, label, target);
        changes.add(new GraphChange.RemoveEdgeProperty(source, label, target, name));
        writes = add(writes, edgeKey(source, label, target));
    }

    /** Neighbours from the start snapshot; in serializable mode the listing joins the read set. */
    public int[] neighbours(int node, Direction direction) {
        checkActive();
        read(GraphKey.adjacency(node));
        return snapshot.neighbours(node, direction);
    }

    // --- key sets (read by CommitLog) ------------------------------------------------------------

    Set<GraphKey> writes() {
        return writes == null ? Set.of() : writes;
    }

    Set<GraphKey> increments() {
        return increments == null ? Set.of() : increments;
    }

    Set<GraphKey> removals() {
        return removals == null ? Set.of() : removals;
    }

    Set<GraphKey> touched() {
        return touched == null ? Set.of() : touched;
    }

    Set<GraphKey> reads() {
        return reads == null ? Set.of() : reads;
    }

    private static <T> Set<T> add(Set<T> set, T value) {
        Set<T> s = set == null ? new HashSet<>(4) : set;
        s.add(value);
        return s;
    }

    private static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
        Map<K, V> m = map == null ? new HashMap<>(4) : map;
        m.put(key, value);
        return m;
    }

    // --- completion -----------------------------------------------------------------------------

    /**
     * Validates and commits. Returns the commit version (the start version when nothing was
     * written). Throws {@link TransactionConflictException} when a concurrent commit won.
     */
    public long commit() {
        checkActive();
        long version;
        try {
            version = changes.isEmpty() ? startVersion() : graph.commit(this);
            state = State.COMMITTED;
        } finally {
            if (state != State.COMMITTED) {
                state = State.ROLLED_BACK;
            }
            release();
        }
        graph.stallWhileVersionsPileUp();
        return version;
    }

    /** Discards every buffered change. */
    public void rollback() {
        if (state == State.ACTIVE) {
            state = State.ROLLED_BACK;
            release();
        }
    }

    @Override
    public void close() {
        rollback();
    }

    boolean expired() {
        return pin.expired;
    }

    PinRegistry.Pin pin() {
        return pin;
    }

    private void release() {
        snapshot.close();
        graph.transactionEnded(this);
    }

    private void read(GraphKey key) {
        if (isolation == Isolation.SERIALIZABLE) {
            reads = add(reads, key);
        }
    }

    private void touch(int source, int target) {
        touched = add(touched, GraphKey.adjacency(source));
        touched = add(touched, GraphKey.adjacency(target));
    }

    // Hot-path checks are plain ifs: a varargs check boxes its arguments on every call.
    private GraphKey edgeKey(int source, String label, int target) {
        if (label == null || label.isEmpty()) {
            throw new InvalidArgumentException("an edge label must be non-empty");
        }
        if (label.length() > LabelDictionary.MAX_LABEL_LENGTH) {
            throw new InvalidArgumentException("an edge label is at most " + LabelDictionary.MAX_LABEL_LENGTH
                    + " characters, got " + label.length());
        }
        return GraphKey.edge(source, label, target);
    }

    private void requireNode(int node) {
        if (!exists(node)) {
            throw new InvalidArgumentException("node " + node + " does not exist (transaction started at version "
                    + startVersion() + ")");
        }
    }

    private void requireEdge(int source, String label, int target) {
        if (weight(source, label, target).isEmpty()) {
            throw new InvalidArgumentException("no edge (" + source + ", " + label + ", " + target
                    + ") in this transaction's view");
        }
    }

    private static float checkWeight(double value, String what) {
        if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
            throw new InvalidArgumentException(what + " must be a finite float, got " + value);
        }
        return (float) value;
    }

    private void checkActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("transaction is " + state.name().toLowerCase().replace('_', ' '));
        }
    }
}
