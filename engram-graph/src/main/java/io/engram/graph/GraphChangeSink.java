package io.engram.graph;

/**
 * Where a graph streams its committed changes: the persistence side of the graph (the engine
 * writes them to its store). Called under the commit lock, in commit-version order, after the
 * transaction validated and before it becomes visible; if the sink throws, the commit fails and
 * nothing of it is visible, so a store never misses a change readers have seen.
 */
@FunctionalInterface
public interface GraphChangeSink {
    void committed(CommitRecord record);
}
