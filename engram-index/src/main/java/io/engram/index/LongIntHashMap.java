package io.engram.index;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} keys to non-negative {@code int} values (external id →
 * internal node), with linear probing and backward-shift deletion: no boxing, no per-entry object.
 * Not thread-safe; owners guard it.
 */
final class LongIntHashMap {

    private static final int EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntHashMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        return slot(key, mask);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * The value for {@code key}, or -1. Safe to call while a writer changes the map (optimistic
     * readers discard such results): it reads each array once, derives the mask from the array it
     * holds and probes at most every cell once, so a racing rehash or backward shift can give a
     * wrong answer but never an exception or an endless loop.
     */
    int get(long key) {
        long[] k = keys;
        int[] v = values;
        int length = Math.min(k.length, v.length);
        int m = length - 1;
        int i = slot(key, m);
        for (int probes = 0; probes < length; probes++, i = (i + 1) & m) {
            int value = v[i];
            if (value == EMPTY) {
                return -1;
            }
            if (k[i] == key) {
                return value;
            }
        }
        return -1;
    }

    /** Throws "already exists" for the first of {@code ids} that is a key here or repeats an earlier one. */
    void requireAbsent(long[] ids) {
        LongIntHashMap batch = new LongIntHashMap(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (get(ids[i]) >= 0 || batch.put(ids[i], i) >= 0) {
                throw new io.engram.core.InvalidArgumentException("id " + ids[i] + " already exists");
            }
        }
    }

    /** Sets {@code key → value} ({@code value ≥ 0}); returns the previous value or -1. */
    int put(long key, int value) {
        if ((size + 1) * 4L > keys.length * 3L) {
            rehash(keys.length * 2);
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return -1;
            }
            if (keys[i] == key) {
                values[i] = value;
                return v;
            }
        }
    }

    /** Removes {@code key}; returns its value or -1. */
    int remove(long key) {
        int i = slot(key);
        while (true) {
            int v = values[i];
            if (v == EMPTY) {
                return -1;
            }
            if (keys[i] == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        int removed = values[i];
        // Backward-shift: move later entries of the probe run into the hole so lookups stay correct.
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = EMPTY;
        size--;
        return removed;
    }

    void clear() {
        Arrays.fill(values, EMPTY);
        size = 0;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
