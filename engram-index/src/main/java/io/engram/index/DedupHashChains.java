package io.engram.index;

import java.util.Arrays;

/**
 * The {@link VectorStore}'s dedup index: dedup hash → every live slot whose vector has that hash.
 *
 * <p>An open-addressing table (linear probing, backward-shift deletion, no tombstones) maps a
 * 64-bit hash to the head slot of a chain; {@code next[slot]} links the other slots with the same
 * hash. Keeping a chain rather than one slot per hash is what lets two different vectors whose
 * hashes collide both stay shareable. Adding allocates nothing except when the table or the
 * per-slot array grows. Not thread-safe; the store guards it with its write lock.
 */
final class DedupHashChains {
    static final int NONE = -1;
    private static final int MIN_TABLE = 16;

    private long[] keys;
    private int[] heads;
    private int[] next;
    private int mask;
    private int used;

    DedupHashChains(int slotCapacity) {
        int table = MIN_TABLE;
        while (table < slotCapacity * 2L && table < (1 << 30)) {
            table <<= 1;
        }
        allocateTable(table);
        next = new int[slotCapacity];
        Arrays.fill(next, NONE);
    }

    /** Makes room for slots below {@code slotCapacity}. */
    void ensureSlotCapacity(int slotCapacity) {
        if (slotCapacity > next.length) {
            int old = next.length;
            next = Arrays.copyOf(next, slotCapacity);
            Arrays.fill(next, old, slotCapacity, NONE);
        }
    }

    /** First slot with this hash, or {@link #NONE}. */
    int head(long hash) {
        int b = find(hash);
        return b < 0 ? NONE : heads[b];
    }

    /** The slot after {@code slot} in its chain, or {@link #NONE}. */
    int next(int slot) {
        return next[slot];
    }

    /** Number of distinct hashes present. */
    int distinctHashes() {
        return used;
    }

    void add(long hash, int slot) {
        int b = find(hash);
        if (b >= 0) {
            next[slot] = heads[b];
            heads[b] = slot;
            return;
        }
        if ((used + 1) * 2L > keys.length) {
            rehash(keys.length * 2);
        }
        int i = bucket(hash);
        while (heads[i] != NONE) {
            i = (i + 1) & mask;
        }
        keys[i] = hash;
        heads[i] = slot;
        next[slot] = NONE;
        used++;
    }

    /** Unlinks {@code slot} from the chain of {@code hash}; returns false if it was not there. */
    boolean remove(long hash, int slot) {
        int b = find(hash);
        if (b < 0) {
            return false;
        }
        if (heads[b] == slot) {
            heads[b] = next[slot];
            next[slot] = NONE;
            if (heads[b] == NONE) {
                deleteBucket(b);
            }
            return true;
        }
        for (int prev = heads[b], cur = next[prev]; cur != NONE; prev = cur, cur = next[cur]) {
            if (cur == slot) {
                next[prev] = next[cur];
                next[slot] = NONE;
                return true;
            }
        }
        return false;
    }

    void clear() {
        Arrays.fill(heads, NONE);
        Arrays.fill(next, NONE);
        used = 0;
    }

    private int find(long hash) {
        for (int i = bucket(hash); heads[i] != NONE; i = (i + 1) & mask) {
            if (keys[i] == hash) {
                return i;
            }
        }
        return -1;
    }

    private int bucket(long hash) {
        // The dedup hash is already mixed; one more multiply spreads it over the low bits anyway,
        // so a weak or test-supplied hash function cannot cluster the probe sequence.
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 33) & mask;
    }

    /** Backward-shift deletion keeps every remaining key reachable without tombstones. */
    private void deleteBucket(int b) {
        int hole = b;
        int i = (b + 1) & mask;
        while (heads[i] != NONE) {
            int home = bucket(keys[i]);
            // Move i into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                heads[hole] = heads[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        heads[hole] = NONE;
        used--;
    }

    private void rehash(int newSize) {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        allocateTable(newSize);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHeads[i] != NONE) {
                int j = bucket(oldKeys[i]);
                while (heads[j] != NONE) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                heads[j] = oldHeads[i];
            }
        }
    }

    private void allocateTable(int size) {
        keys = new long[size];
        heads = new int[size];
        Arrays.fill(heads, NONE);
        mask = size - 1;
    }
}
