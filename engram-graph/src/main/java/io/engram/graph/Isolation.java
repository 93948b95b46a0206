package io.engram.graph;

/** How a write transaction is validated at commit (backward validation). */
public enum Isolation {
    /** First committer wins on overlapping writes; reads are from the start snapshot. */
    SNAPSHOT,
    /** Also fails when a concurrent commit wrote anything this transaction read. */
    SERIALIZABLE
}
