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
        int v = require(node);
        return v == VersionStore.BASE ? checkedBase().properties(node) : VersionStore.properties(chunk(v), VersionStore.offset(v));
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
        int v = resolve(source);
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
        int v = source >= 0 && source < state.idBound() ? resolve(source) : VersionStore.ABSENT;
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

    /** The out-edge property map of a node's resolved version, keyed by {@link Adjacency#key}. */
    private Map<Long, Map<String, Object>> edgePropertyMapOf(int v, int node) {
        return v == VersionStore.BASE ? checkedBase().edgeProperties(node)
                : VersionStore.edgeProperties(chunk(v), VersionStore.offset(v));
    }

    void position(int node, boolean out, EdgeCursor cursor) {
        if (node < 0 || node >= state.idBound()) {
            cursor.set(Adjacency.EMPTY);
            return;
        }
        int v = resolveUnchecked(node);
        if (v == VersionStore.BASE) {
            BaseGraph base = checkedBase();
            if (!base.isAlive(node)) {
                cursor.set(Adjacency.EMPTY);
            } else if (out) {
                cursor.set(base.outNodes, base.outLabels, base.outWeights, base.outOffsets[node], base.outOffsets[node + 1]);
            } else {
                cursor.set(base.inNodes, base.inLabels, base.inWeights, base.inOffsets[node], base.inOffsets[node + 1]);
            }
        } else if (v == VersionStore.ABSENT) {
            checkReadable();
            cursor.set(Adjacency.EMPTY);
        } else {
            checkReadable();
            // A dead node's record has empty lists.
            VersionStore.Chunk c = chunk(v);
            int[] nodes = c.nodes;
            int p = VersionStore.offset(v);
            int from = out ? VersionStore.outFrom(p) : VersionStore.inFrom(nodes, p);
            int size = out ? VersionStore.outSize(nodes, p) : VersionStore.inSize(nodes, p);
            cursor.set(nodes, c.labels, c.weights, from, from + size);
        }
    }

    Adjacency adjacency(int node, boolean out) {
        return adjacencyOf(require(node), node, out);
    }

    private Adjacency adjacencyOf(int v, int node, boolean out) {
        if (v == VersionStore.BASE) {
            BaseGraph base = checkedBase();
            return !base.isAlive(node) ? Adjacency.EMPTY : out ? base.out(node) : base.in(node);
        }
        if (v == VersionStore.ABSENT) {
            return Adjacency.EMPTY;
        }
        VersionStore.Chunk c = chunk(v);
        int p = VersionStore.offset(v);
        return out ? VersionStore.out(c, p) : VersionStore.in(c, p);
    }

    private int require(int node) {
        int v = node >= 0 && node < state.idBound() ? resolve(node) : VersionStore.ABSENT;
        if (!isAlive(v, node)) {
            throw new InvalidArgumentException("node " + node + " does not exist at version " + version());
        }
        return v;
    }

    private boolean isAlive(int v, int node) {
        if (v == VersionStore.BASE) {
            return checkedBase().isAlive(node);
        }
        return v != VersionStore.ABSENT && VersionStore.alive(chunk(v).nodes, VersionStore.offset(v));
    }

    /** The chunk of a resolved record; its slot is only emptied after this snapshot expired. */
    private VersionStore.Chunk chunk(int address) {
        VersionStore.Chunk c = graph.store.chunk(address);
        if (c == null) {
            throw tooOldOrClosed();
        }
        return c;
    }

    /**
     * The graph's base, for a node {@link #resolve} found there. Read after resolving and checked
     * for expiry after reading: a snapshot that is not expired cannot have been overtaken by a
     * compaction, so this base holds its state (an expired one fails here instead of reading a
     * newer base).
     */
    private BaseGraph checkedBase() {
        BaseGraph base = graph.base;
        checkReadable();
        return base;
    }

    /**
     * The newest version of {@code node} at or below this snapshot's version: a record's address,
     * {@link VersionStore#BASE} when the state is in the graph's base (bulk-loaded or compacted;
     * read it with {@link #checkedBase()}), or {@link VersionStore#ABSENT} for a node that did not
     * exist yet. Walking a chain also prunes it (the link behind a version no snapshot can need
     * is cut), as committing and {@link Graph#prune()} do.
     */
    int resolve(int node) {
        int v = resolveUnchecked(node);
        // Checked after reading: an expiry (which precedes any reclamation or compaction that
        // could change what this snapshot reads) is then visible, so no stale read escapes.
        checkReadable();
        return v;
    }

    private int resolveUnchecked(int node) {
        try {
            return walk(node);
        } catch (IndexOutOfBoundsException e) {
            checkReadable(); // an expired snapshot that followed a stale address into a reused slot
            throw e;
        }
    }

    private int walk(int node) {
        int v = graph.versions.head(node);
        if (v == VersionStore.NONE) {
            // Read after the head (acquire): a head cleared by compaction implies its new base.
            return baseOrAbsent(node);
        }
        long at = state.version();
        int[] nodes = chunk(v).nodes;
        int p = VersionStore.offset(v);
        long version = VersionStore.version(nodes, p);
        while (version > at) {
            int older = VersionStore.older(nodes, p);
            if (older == VersionStore.BASE) {
                return baseOrAbsent(node);
            }
            if (older == VersionStore.ABSENT) {
                return VersionStore.ABSENT;
            }
            if (older == VersionStore.CUT) {
                throw tooOldOrClosed();
            }
            nodes = chunk(older).nodes;
            p = VersionStore.offset(older);
            long next = VersionStore.version(nodes, p);
            if (next >= version) {
                throw tooOldOrClosed(); // not a chain any more: only a reused slot read by an expired snapshot
            }
            version = next;
            v = older;
        }
        // Eager pruning (VersionStore.cutBehind). Only a live snapshot cuts: every chunk it looked
        // up (acquire) was live while its pin was not yet expired, so the write cannot land in a
        // chunk that reused a reclaimed slot. The link is read first: most chains have none.
        if (VersionStore.older(nodes, p) > 0 && !pin.expired && !closed) {
            VersionStore.cutBehind(nodes, p, graph.snapshots.horizon());
        }
        return v;
    }

    /** The state of a node without a version newer than the base: in the base, or none yet. */
    private int baseOrAbsent(int node) {
        return node < graph.base.nodeCount ? VersionStore.BASE : VersionStore.ABSENT;
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
