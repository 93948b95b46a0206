package io.engram.graph.traverse;

/** Why a traversal ended. Anything but {@code COMPLETE} means the result is partial. */
public enum StopReason {
    COMPLETE,
    TIME,
    HOPS,
    RESULTS,
    CANCELLED
}
