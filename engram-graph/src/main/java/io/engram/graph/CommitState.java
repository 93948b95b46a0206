package io.engram.graph;

/** The latest committed version with the counters that belong to it, published as one value. */
record CommitState(long version, int idBound, long liveNodes, long edges) {}
