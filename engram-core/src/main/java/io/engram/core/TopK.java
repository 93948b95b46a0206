package io.engram.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Collects the k best {@code (id, score)} pairs offered to it.
 *
 * <p>Order. "Better" means a larger score for {@link #largest} and a smaller one for
 * {@link #smallest}; equal scores are broken by the smaller id (signed {@code long} order), so the
 * result is a deterministic function of the multiset of offers, whatever their arrival order.
 * Scores compare numerically: {@code -0.0} and {@code 0.0} tie. NaN is rejected with an
 * {@link InvalidArgumentException}: it can only come from a broken kernel or a NaN in stored data,
 * and silently ranking it first or last would hide that. Ids are not deduplicated; offering the
 * same id twice may keep it twice.
 *
 * <p>Cost. A binary heap over two flat arrays with the worst entry at the root: {@code offer} is
 * O(1) when rejected and O(log k) when accepted, and allocates nothing. One instance is meant to be
 * reused across queries through {@link #reset(int)}; it grows only when a larger k is asked for.
 * Not thread-safe: keep one per thread (search scratch).
 */
public final class TopK {
    /** Results of an allocating drain, best first. */
    public record Hits(long[] ids, float[] scores) {
        public int size() {
            return ids.length;
        }
    }

    private final boolean largest;
    private long[] ids;
    // Stored as "higher is better" so one comparison path serves both directions; for smallest()
    // collectors the sign is flipped on the way in and out. Negation is exact, so nothing is lost.
    private float[] keys;
    private int k;
    private int size;

    private TopK(int k, boolean largest) {
        checkK(k);
        this.largest = largest;
        this.k = k;
        // Small initial arrays: callers sometimes pass k = Integer.MAX_VALUE meaning "all".
        int initial = Math.min(k, 64);
        this.ids = new long[initial];
        this.keys = new float[initial];
    }

    /** Keeps the k largest scores (similarities). */
    public static TopK largest(int k) {
        return new TopK(k, true);
    }

    /** Keeps the k smallest scores (distances). */
    public static TopK smallest(int k) {
        return new TopK(k, false);
    }

    /** Empties the collector and sets a new k; reuses the arrays when they are large enough. */
    public void reset(int k) {
        checkK(k);
        this.k = k;
        this.size = 0;
    }

    /** Empties the collector, keeping k. */
    public void clear() {
        size = 0;
    }

    /**
     * Offers a candidate; returns whether it is now among the best k (it may be evicted later).
     *
     * @throws InvalidArgumentException if {@code score} is NaN
     */
    public boolean offer(long id, float score) {
        if (score != score) {
            throw new InvalidArgumentException("TopK score is NaN for id " + id);
        }
        float key = largest ? score : -score;
        if (size < k) {
            if (size == ids.length) {
                grow();
            }
            siftUp(size++, id, key);
            return true;
        }
        if (!worse(ids[0], keys[0], id, key)) {
            return false;
        }
        siftDown(0, id, key);
        return true;
    }

    /**
     * The score a candidate must reach to have a chance: the worst kept score once full,
     * {@code -inf} ({@link #largest}) or {@code +inf} ({@link #smallest}) before. A candidate whose
     * score is strictly worse can be skipped; one that equals it still enters if its id is smaller
     * than {@link #worstId()}.
     */
    public float worstScore() {
        if (size < k) {
            return largest ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        return unkey(keys[0]);
    }

    /** The id of the worst kept entry. */
    public long worstId() {
        InvalidArgumentException.check(size > 0, "TopK is empty");
        return ids[0];
    }

    /** True when {@code score} is strictly worse than what a full collector keeps (so skip it). */
    public boolean cannotEnter(float score) {
        return size >= k && (largest ? score < unkey(keys[0]) : score > unkey(keys[0]));
    }

    public int size() {
        return size;
    }

    public int k() {
        return k;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size >= k;
    }

    /** True for a {@link #largest} collector. */
    public boolean keepsLargest() {
        return largest;
    }

    /** Id of the i-th kept entry in heap order (unspecified), {@code 0 <= i < size()}. */
    public long idAt(int i) {
        Objects.checkIndex(i, size);
        return ids[i];
    }

    /** Score of the i-th kept entry in heap order (unspecified), {@code 0 <= i < size()}. */
    public float scoreAt(int i) {
        Objects.checkIndex(i, size);
        return unkey(keys[i]);
    }

    /**
     * Moves the kept entries, best first, into {@code outIds} and (unless null) {@code outScores},
     * leaving the collector empty. Allocates nothing.
     *
     * @return the number of entries written
     */
    public int drainSorted(long[] outIds, float[] outScores) {
        InvalidArgumentException.check(outIds != null, "outIds is null");
        InvalidArgumentException.check(outIds.length >= size,
                "outIds has length %d, needs %d", outIds.length, size);
        InvalidArgumentException.check(outScores == null || outScores.length >= size,
                "outScores has length %d, needs %d", outScores == null ? 0 : outScores.length, size);
        int n = size;
        // Popping the root yields the worst remaining entry, so fill from the back.
        for (int i = n - 1; i >= 0; i--) {
            outIds[i] = ids[0];
            if (outScores != null) {
                outScores[i] = unkey(keys[0]);
            }
            size--;
            if (size > 0) {
                siftDown(0, ids[size], keys[size]);
            }
        }
        return n;
    }

    /** Allocating convenience form of {@link #drainSorted(long[], float[])}. */
    public Hits drainSorted() {
        long[] outIds = new long[size];
        float[] outScores = new float[size];
        drainSorted(outIds, outScores);
        return new Hits(outIds, outScores);
    }

    @Override
    public String toString() {
        return "TopK[" + (largest ? "largest" : "smallest") + ", k=" + k + ", size=" + size + "]";
    }

    private float unkey(float key) {
        return largest ? key : -key;
    }

    /** True when (idA, keyA) ranks after (idB, keyB). */
    private static boolean worse(long idA, float keyA, long idB, float keyB) {
        return keyA < keyB || (keyA == keyB && idA > idB);
    }

    private void siftUp(int i, long id, float key) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(id, key, ids[parent], keys[parent])) {
                break;
            }
            ids[i] = ids[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        ids[i] = id;
        keys[i] = key;
    }

    private void siftDown(int i, long id, float key) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && worse(ids[right], keys[right], ids[child], keys[child])) {
                child = right;
            }
            if (!worse(ids[child], keys[child], id, key)) {
                break;
            }
            ids[i] = ids[child];
            keys[i] = keys[child];
            i = child;
        }
        ids[i] = id;
        keys[i] = key;
    }

    private void grow() {
        // Doubling, capped at k, keeps growth amortised without reserving k slots up front.
        int newLength = (int) Math.min((long) k, Math.max(8L, 2L * ids.length));
        newLength = Math.min(newLength, Integer.MAX_VALUE - 8);
        ids = Arrays.copyOf(ids, newLength);
        keys = Arrays.copyOf(keys, newLength);
    }

    private static void checkK(int k) {
        InvalidArgumentException.check(k > 0, "k must be positive, got %d", k);
    }
}
