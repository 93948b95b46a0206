package io.engram.graph;

import java.util.Map;

/**
 * One change inside a committed transaction, in the order the transaction made it. Labels are
 * names, not ids, so a change log means the same thing to a freshly opened graph that replays it.
 */
public sealed interface GraphChange {

    record CreateNode(int node, Map<String, Object> properties) implements GraphChange {}

    record DeleteNode(int node) implements GraphChange {}

    record SetNodeProperty(int node, String name, Object value) implements GraphChange {}

    record RemoveNodeProperty(int node, String name) implements GraphChange {}

    /** Creates the edge or sets its weight. */
    record PutEdge(int source, String label, int target, float weight) implements GraphChange {}

    record RemoveEdge(int source, String label, int target) implements GraphChange {}

    /** Commutative: W ← W + delta; a missing edge is created with 1.0 + delta. */
    record IncrementWeight(int source, String label, int target, float delta) implements GraphChange {}

    record SetEdgeProperty(int source, String label, int target, String name, Object value) implements GraphChange {}

    record RemoveEdgeProperty(int source, String label, int target, String name) implements GraphChange {}
}
