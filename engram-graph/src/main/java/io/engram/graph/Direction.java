package io.engram.graph;

/** Which edges of a node a traversal follows. */
public enum Direction {
    /** Edges leaving the node. */
    OUT,
    /** Edges arriving at the node. */
    IN,
    /** Both, each neighbour once per edge. */
    BOTH
}
