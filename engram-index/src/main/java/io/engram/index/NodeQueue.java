package io.engram.index;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs in two parallel primitive arrays: the candidate and
 * result queues of a graph search, reused across searches (no allocation once grown).
 * A min-queue has the nearest node on top, a max-queue the farthest.
 */
final class NodeQueue {

    private final boolean max;
    private float[] distances;
    private int[] nodes;
    private int size;

    NodeQueue(boolean max, int initialCapacity) {
        this.max = max;
        this.distances = new float[Math.max(initialCapacity, 4)];
        this.nodes = new int[distances.length];
    }

    static NodeQueue nearestFirst(int initialCapacity) {
        return new NodeQueue(false, initialCapacity);
    }

    static NodeQueue farthestFirst(int initialCapacity) {
        return new NodeQueue(true, initialCapacity);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    float topDistance() {
        return distances[0];
    }

    int topNode() {
        return nodes[0];
    }

    /** True when (d, n) belongs above (d2, n2): nearer for a min-queue, farther for a max-queue; ties by node. */
    private boolean above(float d, int n, float d2, int n2) {
        if (d != d2) {
            return max ? d > d2 : d < d2;
        }
        return max ? n > n2 : n < n2;
    }

    void push(int node, float distance) {
        if (size == nodes.length) {
            int capacity = size * 2;
            nodes = Arrays.copyOf(nodes, capacity);
            distances = Arrays.copyOf(distances, capacity);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!above(distance, node, distances[parent], nodes[parent])) {
                break;
            }
            nodes[i] = nodes[parent];
            distances[i] = distances[parent];
            i = parent;
        }
        nodes[i] = node;
        distances[i] = distance;
    }

    /** Removes the top and returns its node; read {@link #topDistance()} first if needed. */
    int pop() {
        int top = nodes[0];
        int last = --size;
        if (last > 0) {
            siftDown(nodes[last], distances[last]);
        }
        return top;
    }

    private void siftDown(int node, float distance) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && above(distances[right], nodes[right], distances[child], nodes[child])) {
                child = right;
            }
            if (!above(distances[child], nodes[child], distance, node)) {
                break;
            }
            nodes[i] = nodes[child];
            distances[i] = distances[child];
            i = child;
        }
        nodes[i] = node;
        distances[i] = distance;
    }

    /**
     * Empties a max-queue into the arrays nearest first and returns the count.
     */
    int drainAscending(int[] outNodes, float[] outDistances) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outDistances[i] = distances[0];
            outNodes[i] = pop();
        }
        return n;
    }
}
