package io.engram.graph;

import java.util.Map;

/**
 * One committed state of one node: liveness, properties and both adjacency lists, each sorted by
 * (neighbour, label) in parallel arrays. Immutable except for {@link #older}, the link to the
 * previous version, which pruning cuts once no open snapshot can need what lies behind it.
 *
 * <p>Every version is fully materialised (copy-on-write per node): a historical read applies no
 * deltas, and a version that changes only properties shares its predecessor's arrays. Slices
 * ({@code from}, {@code to}) let a first version share the bulk-loaded base arrays as well.
 */
final class NodeVersion {
    /** End of a chain whose node was bulk loaded: the state lives in the base arrays. */
    static final NodeVersion BASE = new NodeVersion(0, false, Map.of(), Adjacency.EMPTY, Adjacency.EMPTY, Map.of());
    /** End of a chain whose node did not exist before its first version. */
    static final NodeVersion ABSENT = new NodeVersion(0, false, Map.of(), Adjacency.EMPTY, Adjacency.EMPTY, Map.of());

    final long version;
    final boolean alive;
    final Map<String, Object> properties;
    final Adjacency out;
    final Adjacency in;
    /** Properties of out-edges, keyed by {@link Adjacency#key(int, int)} of (target, label). */
    final Map<Long, Map<String, Object>> edgeProperties;
    NodeVersion older;

    NodeVersion(long version, boolean alive, Map<String, Object> properties, Adjacency out, Adjacency in,
            Map<Long, Map<String, Object>> edgeProperties) {
        this.version = version;
        this.alive = alive;
        this.properties = properties;
        this.out = out;
        this.in = in;
        this.edgeProperties = edgeProperties;
    }

    boolean isSentinel() {
        return this == BASE || this == ABSENT;
    }
}
