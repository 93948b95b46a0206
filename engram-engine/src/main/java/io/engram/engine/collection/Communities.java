package io.engram.engine.collection;

import java.util.List;

/**
 * Communities of a collection's graph (Leiden, connected communities), largest first.
 *
 * @param partial    the time budget ran out before Leiden converged (the partition is still valid)
 * @param modularity of the partition found
 */
public record Communities(List<Community> communities, int total, double modularity, boolean partial) {

    /** One community: its size in nodes and a few of its members (records, entities, sources). */
    public record Community(int id, int size, List<Neighbor> members) {}
}
