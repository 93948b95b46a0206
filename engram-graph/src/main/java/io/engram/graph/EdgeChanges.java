package io.engram.graph;

import java.util.Arrays;

/**
 * One node's adjacency changes within a commit: (neighbour, label) keys kept sorted, each with a
 * new weight or NaN for a removal. Primitive arrays rather than a sorted map: a commit usually
 * changes one or two entries per node, and boxed keys and values were a large share of the
 * garbage a busy writer leaves behind.
 */
final class EdgeChanges {
    private long[] keys = new long[2];
    private float[] weights = new float[2];
    private int size;

    /** Sets the change for {@code key} (replacing an earlier one). */
    void put(long key, float weight) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i >= 0) {
            weights[i] = weight;
            return;
        }
        int at = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(weights, at, weights, at + 1, size - at);
        keys[at] = key;
        weights[at] = weight;
        size++;
    }

    /** Index of {@code key}, or a negative number when this commit did not change it. */
    int indexOf(long key) {
        return Arrays.binarySearch(keys, 0, size, key);
    }

    long key(int i) {
        return keys[i];
    }

    float weight(int i) {
        return weights[i];
    }

    int size() {
        return size;
    }
}
