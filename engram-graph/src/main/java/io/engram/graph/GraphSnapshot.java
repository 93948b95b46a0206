package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * One consistent committed version of the graph. Opening, reading and closing never block and
 * are never blocked by writers: a commit installs new node versions first and publishes its
 * version number last, and a snapshot reads, for each node, the newest version not newer than
 * its own. Thread-safe for reads; close it when done so old versions can be reclaimed.
 */
public final class GraphSnapshot implements AutoCloseable {
    private final Graph graph;
    private final PinRegistry.Pin pin;
    private final CommitState state;
    private final ConsolidatedView view;
    private volatile boolean closed;

    GraphSnapshot(Graph graph, PinRegistry.Pin pin, CommitState state, ConsolidatedView view) {
        this.graph = graph;
        this.pin = pin;
        this.state = state;
        this.view = view;
    }

    /** The commit version this snapshot shows. */
    public long version() {
        return state.version();
    }

    /** The consolidation epoch this snapshot opened with. */
    public long epoch() {
        return view.epoch();
    }

    /** The consolidated view this snapshot opened with. */
    public ConsolidatedView consolidated() {
        return view;
    }

    /** Node ids in this snapshot are below this bound (some below it may be deleted or unused). */
    public int nodeIdBound() {
        return state.idBound();
    }

    /** Live nodes at this version. */
    public long nodeCount() {
        return state.liveNodes();
    }

    /** Edges at this version. */
    public long edgeCount() {
        return state.edges();
    }

    public boolean exists(int node) {
        return node >= 0 && node < state.idBound() && isAlive(resolve(node), node);
    }

    /** The node's properties (immutable); fails when the node does not exist. */
    public Map<String, Object> properties(int node) {
        NodeVersion v = require(node);
        return v.base != null ? v.base.properties(node) : v.properties;
    }

    /** One property, or null when absent; fails when the node does not exist. */
    public Object property(int node, String name) {
        return properties(node).get(name);
    }

    public int outDegree(int node) {
        return adjacency(node, true).size();
    }

    public int inDegree(int node) {
        return adjacency(node, false).size();
    }

    /** A cursor for allocation-free edge iteration in this snapshot (one per thread). */
    public EdgeCursor cursor() {
        checkReadable();
        return new EdgeCursor(this);
    }

    /** The neighbour ids of {@code node}, one per edge, in (neighbour, label) order per direction. */
    public int[] neighbours(int node, Direction direction) {
        require(node);
        Adjacency out = direction == Direction.IN ? Adjacency.EMPTY : adjacency(node, true);
        Adjacency in = direction == Direction.OUT ? Adjacency.EMPTY : adjacency(node, false);
        int[] result = new int[out.size() + in.size()];
        System.arraycopy(out.nodes, out.from, result, 0, out.size());
        System.arraycopy(in.nodes, in.from, result, out.size(), in.size());
        return result;
    }

    /** The weight of {@code source -label-> target}, or empty when there is no such edge. */
    public OptionalDouble weight(int source, String label, int target) {
        int l = graph.labels.find(label);
        if (l < 0 || source < 0 || source >= state.idBound()) {
            return OptionalDouble.empty();
        }
        NodeVersion v = resolve(source);
        if (!isAlive(v, source)) {
            return OptionalDouble.empty();
        }
        Adjacency out = adjacencyOf(v, source, true);
        int i = out.find(target, l);
        return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(out.weights[i]);
    }

    public boolean hasEdge(int source, String label, int target) {
        return weight(source, label, target).isPresent();
    }

    /** The properties of an edge (immutable, empty when it has none); fails when it does not exist. */
    public Map<String, Object> edgeProperties(int source, String label, int target) {
        int l = graph.labels.find(label);
        NodeVersion v = source >= 0 && source < state.idBound() ? resolve(source) : NodeVersion.ABSENT;
        if (l < 0 || !isAlive(v, source) || adjacencyOf(v, source, true).find(target, l) < 0) {
            throw new InvalidArgumentException("no edge (" + source + ", " + label + ", " + target + ") at version "
                    + version());
        }
        Map<String, Object> p = edgePropertyMapOf(v, source).get(Adjacency.key(target, l));
        return p == null ? Map.of() : p;
    }

    public String labelName(int labelId) {
        return graph.labels.name(labelId);
    }

    /** The id of {@code label}, or -1 when no edge ever carried it. */
    public int labelId(String label) {
        return graph.labels.find(label);
    }

    /** Every live node id at this version, ascending. */
    public int[] nodes() {
        checkReadable();
        int bound = state.idBound();
        int[] out = new int[(int) Math.min(bound, state.liveNodes())];
        int n = 0;
        for (int i = 0; i < bound && n < out.length; i++) {
            if (isAlive(resolve(i), i)) {
                out[n++] = i;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            graph.snapshots.unpin(pin);
        }
    }

    // --- resolution ---------------------------------------------------------------------------

    /** The out-edge property map of a node's version, keyed by {@link Adjacency#key}. */
    private static Map<Long, Map<String, Object>> edgePropertyMapOf(NodeVersion v, int node) {
        return v.base != null ? v.base.edgeProperties(node) : v.edgeProperties;
    }

    void position(int node, boolean out, EdgeCursor cursor) {
        if (node < 0 || node >= state.idBound()) {
            cursor.set(Adjacency.EMPTY);
            return;
        }
        NodeVersion v = resolve(node);
        BaseGraph base = v.base;
        if (base != null) {
            if (!base.isAlive(node)) {
                cursor.set(Adjacency.EMPTY);
            } else if (out) {
                cursor.set(base.outNodes, base.outLabels, base.outWeights, base.outOffsets[node], base.outOffsets[node + 1]);
            } else {
                cursor.set(base.inNodes, base.inLabels, base.inWeights, base.inOffsets[node], base.inOffsets[node + 1]);
            }
        } else {
            // A dead or absent node has empty lists.
            if (out) {
                cursor.set(v.outNodes, v.outLabels, v.outWeights, v.outFrom, v.outTo);
            } else {
                cursor.set(v.inNodes, v.inLabels, v.inWeights, v.inFrom, v.inTo);
            }
        }
    }

    Adjacency adjacency(int node, boolean out) {
        return adjacencyOf(require(node), node, out);
    }

    private static Adjacency adjacencyOf(NodeVersion v, int node, boolean out) {
        if (v.base != null) {
            return out ? v.base.out(node) : v.base.in(node);
        }
        return out ? v.out() : v.in();
    }

    private NodeVersion require(int node) {
        NodeVersion v = node >= 0 && node < state.idBound() ? resolve(node) : NodeVersion.ABSENT;
        if (!isAlive(v, node)) {
            throw new InvalidArgumentException("node " + node + " does not exist at version " + version());
        }
        return v;
    }

    private boolean isAlive(NodeVersion v, int node) {
        return v.base != null ? v.base.isAlive(node) : v.alive;
    }

    /**
     * The newest version of {@code node} at or below this snapshot's version: a base's sentinel
     * when the state is in that base (bulk-loaded or compacted), {@code ABSENT} for a node that
     * did not exist yet.
     * Walking a chain also prunes it: a version at or below the horizon is the oldest anyone can
     * need, so the link behind it is cut.
     */
    NodeVersion resolve(int node) {
        NodeVersion v = resolveUnchecked(node);
        // Checked after reading: an expiry (which precedes any reclamation or compaction that
        // could change what this snapshot reads) is then visible, so no stale read escapes.
        checkReadable();
        return v;
    }

    private NodeVersion resolveUnchecked(int node) {
        NodeVersion v = graph.versions.head(node);
        if (v == null) {
            // Read after the head (acquire): a head cleared by compaction implies its new base.
            BaseGraph base = graph.base;
            return node < base.nodeCount ? base.sentinel : NodeVersion.ABSENT;
        }
        long at = state.version();
        while (v.version > at) {
            NodeVersion older = v.older;
            if (older == null) {
                throw tooOldOrClosed();
            }
            v = older;
        }
        NodeVersion older = v.older;
        if (older != null && !older.isSentinel() && v.version <= graph.snapshots.horizon()) {
            v.older = null; // (a link to a sentinel stays: it costs nothing and keeps old reads exact)
        }
        return v;
    }

    private void checkReadable() {
        if (pin.expired || closed) {
            throw tooOldOrClosed();
        }
    }

    private RuntimeException tooOldOrClosed() {
        if (closed) {
            return new IllegalStateException("snapshot at version " + version() + " is closed");
        }
        long age = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pin.openedNanos);
        return new SnapshotTooOldException(version(), age, graph.config.maxSnapshotAge().toMillis());
    }
}
