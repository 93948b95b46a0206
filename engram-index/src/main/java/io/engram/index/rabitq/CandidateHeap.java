package io.engram.index.rabitq;

/**
 * Bounded max-heap of (score, row) keeping the {@code capacity} smallest scores, as the reference's
 * top-k: ordered by score in IEEE total order, then row; a new entry displaces the worst only when
 * its score is strictly smaller, so among equal scores the earlier-offered stays. Two flat arrays,
 * reused across queries through {@link #reset}; not thread-safe.
 */
final class CandidateHeap {
    private int[] keys = new int[16];
    private int[] rows = new int[16];
    private float[] scores = new float[16];
    private int capacity;
    private int size;

    void reset(int capacity) {
        if (keys.length < capacity) {
            keys = new int[capacity];
            rows = new int[capacity];
            scores = new float[capacity];
        }
        this.capacity = capacity;
        this.size = 0;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == capacity;
    }

    /** The worst kept score; meaningful only when {@link #size()} &gt; 0. */
    float worstScore() {
        return scores[0];
    }

    /** Offers (score, row); returns whether it was kept. */
    boolean offer(float score, int row) {
        int key = TotalOrder.key(score);
        if (size < capacity) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(key, row, keys[parent], rows[parent])) {
                    break;
                }
                keys[i] = keys[parent];
                rows[i] = rows[parent];
                scores[i] = scores[parent];
                i = parent;
            }
            keys[i] = key;
            rows[i] = row;
            scores[i] = score;
            return true;
        }
        if (key >= keys[0]) {
            return false;
        }
        siftDown(key, row, score);
        return true;
    }

    private void siftDown(int key, int row, float score) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && worse(keys[right], rows[right], keys[child], rows[child])) {
                child = right;
            }
            if (!worse(keys[child], rows[child], key, row)) {
                break;
            }
            keys[i] = keys[child];
            rows[i] = rows[child];
            scores[i] = scores[child];
            i = child;
        }
        keys[i] = key;
        rows[i] = row;
        scores[i] = score;
    }

    private static boolean worse(int keyA, int rowA, int keyB, int rowB) {
        return keyA > keyB || (keyA == keyB && rowA > rowB);
    }

    /**
     * Empties the heap into {@code outRows}/{@code outScores} ascending by (score, row) and returns
     * the count.
     */
    int drainAscending(int[] outRows, float[] outScores) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outRows[i] = rows[0];
            outScores[i] = scores[0];
            size--;
            if (size > 0) {
                siftDown(keys[size], rows[size], scores[size]);
            }
        }
        return n;
    }
}
