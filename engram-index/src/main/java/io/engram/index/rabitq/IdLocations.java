package io.engram.index.rabitq;

import java.util.Arrays;

/**
 * External id → packed location ({@code list << 32 | row}) for {@link RabitqIvfIndex}'s removes:
 * open addressing over two flat arrays, linear probing, no boxing. Location −1 marks a free slot,
 * −2 a removed one (probing continues past it). Guarded by the index's lock; searches never use it.
 */
final class IdLocations {
    private static final long FREE = -1;
    private static final long REMOVED = -2;

    private long[] keys = new long[16];
    private long[] values = filled(16);
    private int used; // live + removed slots
    private int live;

    private static long[] filled(int n) {
        long[] v = new long[n];
        Arrays.fill(v, FREE);
        return v;
    }

    int size() {
        return live;
    }

    /** The location of {@code id}, or −1. */
    long get(long id) {
        int i = find(id);
        return i < 0 ? -1 : values[i];
    }

    /** The slot holding {@code id}, or −1: probes past removed slots up to the first free one. */
    private int find(long id) {
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            long v = values[i];
            if (v == FREE) {
                return -1;
            }
            if (v != REMOVED && keys[i] == id) {
                return i;
            }
        }
    }

    /** Adds {@code id} at {@code location}; false (and no change) when the id is already present. */
    boolean add(long id, long location) {
        if (get(id) >= 0) {
            return false;
        }
        if ((used + 1) * 10L > keys.length * 6L) {
            rehash(live * 2 + 1 > keys.length / 2 ? keys.length * 2 : keys.length);
        }
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (values[i] >= 0) {
            i = (i + 1) & mask;
        }
        if (values[i] == FREE) {
            used++;
        }
        keys[i] = id;
        values[i] = location;
        live++;
        return true;
    }

    /** Removes {@code id} and returns its location, or −1 when absent. */
    long remove(long id) {
        int i = find(id);
        if (i < 0) {
            return -1;
        }
        long v = values[i];
        values[i] = REMOVED;
        live--;
        return v;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[capacity];
        values = filled(capacity);
        used = 0;
        live = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] >= 0) {
                add(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
