package io.engram.hdc.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent cache of at most about {@code capacity} entries, in two generations: new entries go
 * into the young map; when it holds half the capacity it becomes the old map and the previous old
 * map is dropped; a hit in the old map is copied back into the young one. So what is used keeps
 * its place and what is not ages out, with O(1) work per lookup and no per-entry bookkeeping.
 *
 * <p>Why bounded: atoms are deterministic, so dropping one only costs recomputing it, while an
 * unbounded cache grows by a vector (over 1 KiB at d = 4096) for every distinct value a stream ever
 * shows — ports, addresses, ids — until the heap runs out.
 */
final class BoundedCache<K, V> {
    private final int generation;
    private volatile ConcurrentHashMap<K, V> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<K, V> old = new ConcurrentHashMap<>();

    BoundedCache(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
        }
        this.generation = capacity / 2;
    }

    /** The cached value of {@code key}, computing (and caching) it when absent. */
    V get(K key, Function<K, V> compute) {
        ConcurrentHashMap<K, V> y = young;
        V v = y.get(key);
        if (v != null) {
            return v;
        }
        v = old.get(key);
        if (v == null) {
            v = compute.apply(key);
        }
        V prior = y.putIfAbsent(key, v);
        if (y.size() >= generation) {
            rotate(y);
        }
        return prior != null ? prior : v;
    }

    private synchronized void rotate(ConcurrentHashMap<K, V> full) {
        if (young == full) {
            old = full;
            young = new ConcurrentHashMap<>();
        }
    }

    /** Entries held now (a key promoted from the old generation may count twice). */
    int size() {
        return young.size() + old.size();
    }

    /** Drops {@code key} from both generations. */
    synchronized void remove(K key) {
        young.remove(key);
        old.remove(key);
    }

    synchronized void clear() {
        young = new ConcurrentHashMap<>();
        old = new ConcurrentHashMap<>();
    }

    /** The entries held now, the young generation's winning over the old one's. */
    Map<K, V> snapshot() {
        Map<K, V> out = new HashMap<>(old);
        out.putAll(young);
        return out;
    }
}
