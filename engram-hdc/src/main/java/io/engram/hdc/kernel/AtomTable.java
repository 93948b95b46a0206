package io.engram.hdc.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Vectors by a long key (an index over atoms, such as the fillers of one field by their number):
 * open addressing with linear probing over parallel arrays, doubled when half full.
 *
 * <p>Built for keys whose vectors are cold: a port or a size seen once an hour has its kilobyte of
 * planes (d = 4096) out in memory, and reaching them is a chain of loads, each a round trip.
 * Here the slot holds the key, the vector and the vector's planes side by side, and a hit loads
 * one word of every cache line of the planes before it returns: the planes arrive while the
 * caller goes on, instead of after the vector object has been read.
 *
 * <p>Thread-safe without locks on lookups: stores are serialized, each slot is written once (key
 * and planes before the vector, which is published with release semantics), so a reader that
 * sees a vector sees its key.
 */
public final class AtomTable {
    private static final VarHandle VECTORS = MethodHandles.arrayElementVarHandle(HyperVector[].class);

    private volatile Slots slots = new Slots(64);
    private int count;

    private record Slots(long[] keys, HyperVector[] vectors, long[][] planes, int shift) {
        Slots(int n) {
            this(new long[n], new HyperVector[n], new long[n][], 64 - Integer.numberOfTrailingZeros(n));
        }

        /** Fibonacci hashing: the top bits of key·2^64/φ, which every bit of the key moves. */
        int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        }
    }

    /** The vector stored for {@code key}, or null. */
    public HyperVector find(long key) {
        Slots s = slots;
        long[] keys = s.keys;
        HyperVector[] vectors = s.vectors;
        int mask = keys.length - 1;
        for (int i = s.slot(key);; i = (i + 1) & mask) {
            HyperVector v = (HyperVector) VECTORS.getAcquire(vectors, i);
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                CacheLines.touch(s.planes[i]);
                return v;
            }
        }
    }

    /** Stores {@code vector} for {@code key} unless a vector is stored for it already. */
    public synchronized void put(long key, HyperVector vector) {
        java.util.Objects.requireNonNull(vector, "vector");
        Slots s = slots;
        if (2 * (count + 1) > s.keys.length) {
            Slots bigger = new Slots(2 * s.keys.length);
            for (int i = 0; i < s.keys.length; i++) {
                if (s.vectors[i] != null) {
                    insert(bigger, s.keys[i], s.vectors[i]);
                }
            }
            slots = s = bigger;
        }
        if (insert(s, key, vector)) {
            count++;
        }
    }

    public synchronized int size() {
        return count;
    }

    private static boolean insert(Slots s, long key, HyperVector vector) {
        int mask = s.keys.length - 1;
        for (int i = s.slot(key);; i = (i + 1) & mask) {
            if (s.vectors[i] == null) {
                s.keys[i] = key;
                s.planes[i] = vector.planes();
                VECTORS.setRelease(s.vectors, i, vector);
                return true;
            }
            if (s.keys[i] == key) {
                return false;
            }
        }
    }
}
