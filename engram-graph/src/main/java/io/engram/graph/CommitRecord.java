package io.engram.graph;

import java.util.List;

/** A committed transaction as a {@link GraphChangeSink} receives it and {@link Graph#replay} takes it. */
public record CommitRecord(long version, List<GraphChange> changes) {
    public CommitRecord {
        changes = List.copyOf(changes);
    }
}
