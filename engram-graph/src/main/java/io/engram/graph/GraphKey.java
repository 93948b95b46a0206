package io.engram.graph;

/**
 * What a transaction reads or writes, at the granularity conflicts are detected: a node's
 * existence, one node property, one edge (existence, weight and properties), or a node's
 * neighbour set (read by neighbour listings, written by any edge change at that node).
 */
public sealed interface GraphKey {

    /** The existence of node {@code node}. */
    record Node(int node) implements GraphKey {
        @Override
        public String toString() {
            return "node(" + node + ")";
        }
    }

    /** Property {@code name} of node {@code node}. */
    record Property(int node, String name) implements GraphKey {
        @Override
        public String toString() {
            return "property(" + node + "," + name + ")";
        }
    }

    /** The edge {@code source -label-> target}: its existence, weight and properties. */
    record Edge(int source, String label, int target) implements GraphKey {
        @Override
        public String toString() {
            return "edge(" + source + "," + label + "," + target + ")";
        }
    }

    /** The neighbour set of {@code node} (both directions). */
    record Adjacency(int node) implements GraphKey {
        @Override
        public String toString() {
            return "adjacency(" + node + ")";
        }
    }

    static GraphKey node(int node) {
        return new Node(node);
    }

    static GraphKey property(int node, String name) {
        return new Property(node, name);
    }

    static GraphKey edge(int source, String label, int target) {
        return new Edge(source, label, target);
    }

    static GraphKey adjacency(int node) {
        return new Adjacency(node);
    }
}
