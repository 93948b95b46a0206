package io.engram.index.rabitq;

import java.util.Arrays;

/**
 * Keeps the {@code capacity} smallest of many {@code long} keys: keys below the current threshold
 * are appended to a buffer of twice the capacity; when it fills, a quickselect keeps the smallest
 * half and the threshold drops to the largest kept key. Amortised O(1) per accepted key, against
 * O(log C) sift work per replacement in a binary heap — what matters when C is large (a rerank
 * factor of 20 at k = 100 keeps 2,000 candidates out of 100,000).
 *
 * <p>Keys are {@code (TotalOrder.key(score) << 32) | row}: distinct, and ordered by score in IEEE
 * total order, then row. The reference's heap breaks ties by external id instead; the kept sets
 * agree whenever ids increase with rows (the reference leaves tie order unspecified). Not
 * thread-safe; reused through {@link #reset}.
 */
final class BufferedSelect {
    private long[] buffer = new long[64];
    private int capacity;
    private int count;
    private long threshold;

    static long key(float score, int row) {
        return ((long) TotalOrder.key(score) << 32) | row;
    }

    static int row(long key) {
        return (int) key;
    }

    void reset(int capacity) {
        if (buffer.length < 2 * capacity) {
            buffer = new long[2 * capacity];
        }
        this.capacity = capacity;
        this.count = 0;
        this.threshold = Long.MAX_VALUE;
    }

    /**
     * Starts with a guessed threshold (from a sample). Keys at or above it are never buffered, so the
     * result is exact only if at least {@code capacity} keys below it were offered: check
     * {@link #finish()} {@code == capacity} and rescan without a guess otherwise.
     */
    void presetThreshold(long guess) {
        this.threshold = guess;
    }

    int capacity() {
        return capacity;
    }

    /** Keys buffered so far (before {@link #finish()} may exceed the capacity). */
    int size() {
        return count;
    }

    /** Keys at or above this can no longer be kept. */
    long threshold() {
        return threshold;
    }

    void offer(long key) {
        if (key < threshold) {
            buffer[count++] = key;
            if (count == 2 * capacity) {
                shrink();
            }
        }
    }

    private void shrink() {
        select(buffer, 0, count - 1, capacity - 1);
        count = capacity;
        threshold = buffer[capacity - 1];
    }

    /** Sorts the kept keys ascending into the front of the buffer and returns how many there are. */
    int finish() {
        int n = finishUnsorted();
        Arrays.sort(buffer, 0, n);
        return n;
    }

    /** Moves the kept keys, in no particular order, to the front of the buffer and returns how many. */
    int finishUnsorted() {
        if (count > capacity) {
            shrink();
        }
        return count;
    }

    /**
     * Puts the {@code nth} smallest of {@code a[0..length)} at index {@code nth}, smaller ones before it;
     * for picking a sample quantile without sorting the sample.
     */
    static long nthSmallest(long[] a, int length, int nth) {
        select(a, 0, length - 1, nth);
        return a[nth];
    }

    /** The i-th smallest kept key after {@link #finish}. */
    long get(int i) {
        return buffer[i];
    }

    /** Hoare quickselect with median-of-three pivots: afterwards a[nth] is in place, smaller keys before it. */
    private static void select(long[] a, int left, int right, int nth) {
        while (right > left) {
            int mid = (left + right) >>> 1;
            if (a[mid] < a[left]) {
                swap(a, mid, left);
            }
            if (a[right] < a[left]) {
                swap(a, right, left);
            }
            if (a[right] < a[mid]) {
                swap(a, right, mid);
            }
            long pivot = a[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (nth <= j) {
                right = j;
            } else if (nth >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
