package io.engram.graph;

import java.util.Map;

/**
 * One committed state of one node: liveness, properties and both adjacency lists, each sorted by
 * (neighbour, label) in parallel arrays. Immutable except for {@link #older}, the link to the
 * previous version, which pruning cuts once no open snapshot can need what lies behind it.
 *
 * <p>Every version is fully materialised (copy-on-write per node): a historical read applies no
 * deltas, and a version that changes only properties shares its predecessor's arrays. Slices
 * ({@code from}, {@code to}) let a first version share the base arrays as well. Compaction folds
 * versions back into a new {@link BaseGraph}, so chains stay short and the heap holds few of these.
 */
final class NodeVersion {
    /** End of a chain whose node did not exist before its first version. */
    static final NodeVersion ABSENT = new NodeVersion(0, false, Map.of(), Adjacency.EMPTY, Adjacency.EMPTY, Map.of());

    final long version;
    final boolean alive;
    final Map<String, Object> properties;
    // Adjacency slices flattened into the version itself: a read touches the version and the
    // arrays, with no intermediate object (one cache miss fewer per neighbour listing).
    final int[] outNodes;
    final int[] outLabels;
    final float[] outWeights;
    final int outFrom;
    final int outTo;
    final int[] inNodes;
    final int[] inLabels;
    final float[] inWeights;
    final int inFrom;
    final int inTo;
    /** Properties of out-edges, keyed by {@link Adjacency#key(int, int)} of (target, label). */
    final Map<Long, Map<String, Object>> edgeProperties;
    /** Non-null only for a base's sentinel: the older state of the node is in this base. */
    final BaseGraph base;
    NodeVersion older;

    NodeVersion(long version, boolean alive, Map<String, Object> properties, Adjacency out, Adjacency in,
            Map<Long, Map<String, Object>> edgeProperties) {
        this(version, alive, properties, out, in, edgeProperties, null);
    }

    private NodeVersion(long version, boolean alive, Map<String, Object> properties, Adjacency out, Adjacency in,
            Map<Long, Map<String, Object>> edgeProperties, BaseGraph base) {
        this.base = base;
        this.version = version;
        this.alive = alive;
        this.properties = properties;
        this.outNodes = out.nodes;
        this.outLabels = out.labels;
        this.outWeights = out.weights;
        this.outFrom = out.from;
        this.outTo = out.to;
        this.inNodes = in.nodes;
        this.inLabels = in.labels;
        this.inWeights = in.weights;
        this.inFrom = in.from;
        this.inTo = in.to;
        this.edgeProperties = edgeProperties;
    }

    Adjacency out() {
        return new Adjacency(outNodes, outLabels, outWeights, outFrom, outTo);
    }

    Adjacency in() {
        return new Adjacency(inNodes, inLabels, inWeights, inFrom, inTo);
    }

    /** The chain end of {@code base}; it reads as "look in the base" and holds no state itself. */
    static NodeVersion sentinelOf(BaseGraph base) {
        return new NodeVersion(base.version, false, Map.of(), Adjacency.EMPTY, Adjacency.EMPTY, Map.of(), base);
    }

    boolean isSentinel() {
        return this == ABSENT || base != null;
    }
}
