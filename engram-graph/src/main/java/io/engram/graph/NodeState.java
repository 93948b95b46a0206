package io.engram.graph;

import java.util.Map;

/**
 * One node's committed state read out for a commit or a compaction: liveness, properties and
 * both adjacency lists (slices of a {@link VersionStore} chunk or of a {@link BaseGraph}). A
 * short-lived view; committed versions themselves are flat records, not objects.
 */
final class NodeState {
    static final NodeState ABSENT = new NodeState(false, Map.of(), Adjacency.EMPTY, Adjacency.EMPTY, Map.of());

    final boolean alive;
    final Map<String, Object> properties;
    final Adjacency out;
    final Adjacency in;
    /** Properties of out-edges, keyed by {@link Adjacency#key(int, int)} of (target, label). */
    final Map<Long, Map<String, Object>> edgeProperties;

    NodeState(boolean alive, Map<String, Object> properties, Adjacency out, Adjacency in,
            Map<Long, Map<String, Object>> edgeProperties) {
        this.alive = alive;
        this.properties = properties;
        this.out = out;
        this.in = in;
        this.edgeProperties = edgeProperties;
    }

    /** The state recorded at {@code address} (which must be live: read under the commit lock or a pin). */
    static NodeState of(VersionStore store, int address) {
        VersionStore.Chunk c = store.chunk(address);
        int p = VersionStore.offset(address);
        return new NodeState(VersionStore.alive(c.nodes, p), VersionStore.properties(c, p), VersionStore.out(c, p),
                VersionStore.in(c, p), VersionStore.edgeProperties(c, p));
    }
}
