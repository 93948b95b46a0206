package io.engram.hdc.encode;

import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The atoms of integer fillers, "path.value", found by (path, value) without writing their text.
 * Records carry ports, sizes and ids as integers; writing "src_port.54321", hashing it and
 * matching it in the string-keyed atom cache took longer than bundling the record. Here a table
 * per path maps the integer straight to the vector that {@link VectorManager#get} gave for the
 * text, so a repeated value costs one probe.
 *
 * <p>An index over the manager's atoms, never a source of them: every miss asks the manager. It
 * holds at most {@link VectorManager#cacheCapacity()} entries (then starts empty) and at most
 * {@value #MAX_PATHS} paths (past that, lookups go to the manager), and it drops everything when
 * the manager's codebook changes ({@link VectorManager#codebookEpoch()}).
 *
 * <p>Thread-safe without locks on lookups; stores into one path's table are serialized (they
 * follow a miss, which has just computed or fetched an atom).
 */
final class IntegerFillerAtoms {
    static final int MAX_PATHS = 256;

    private final VectorManager atoms;
    private final int budget;
    private final ConcurrentHashMap<String, Table> byPath = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile int epoch;

    IntegerFillerAtoms(VectorManager atoms) {
        this.atoms = atoms;
        this.budget = atoms.cacheCapacity();
        this.epoch = atoms.codebookEpoch();
    }

    /** {@code atoms.get(path + "." + value)}. */
    HyperVector get(String path, long value) {
        int now = atoms.codebookEpoch();
        if (now != epoch) {
            reset(now);
        }
        Table table = byPath.get(path);
        if (table == null) {
            if (byPath.size() >= MAX_PATHS) {
                return fromManager(path, value);
            }
            table = byPath.computeIfAbsent(path, p -> new Table());
        }
        HyperVector v = table.find(value);
        if (v != null) {
            return v;
        }
        v = fromManager(path, value);
        if (held.incrementAndGet() > budget) {
            reset(now);
        } else if (atoms.codebookEpoch() == now) {
            table.put(value, v);
        }
        return v;
    }

    private HyperVector fromManager(String path, long value) {
        return atoms.get(AtomPaths.path(path, Long.toString(value)));
    }

    private synchronized void reset(int now) {
        byPath.clear();
        held.set(0);
        epoch = now;
    }

    /** Entries held now (for tests). */
    int size() {
        return byPath.values().stream().mapToInt(Table::size).sum();
    }

    /**
     * Open addressing with linear probing over parallel arrays, doubled when half full: a hit reads
     * a key and a vector side by side, with no entry object between the slot and the vector (a
     * cold value's lookup is a chain of cache misses, and each link costs a memory round trip).
     * Stores are serialized; each slot is written once, its key before its vector, and the vector
     * is published with release semantics, so a reader that sees a vector sees its key.
     */
    private static final class Table {
        private static final java.lang.invoke.VarHandle VECTORS =
                java.lang.invoke.MethodHandles.arrayElementVarHandle(HyperVector[].class);

        private volatile Slots slots = new Slots(64);
        private int count;

        private record Slots(long[] keys, HyperVector[] vectors) {
            Slots(int n) {
                this(new long[n], new HyperVector[n]);
            }
        }

        HyperVector find(long value) {
            Slots s = slots;
            long[] keys = s.keys;
            HyperVector[] vectors = s.vectors;
            int mask = keys.length - 1;
            for (int i = slot(value, mask);; i = (i + 1) & mask) {
                HyperVector v = (HyperVector) VECTORS.getAcquire(vectors, i);
                if (v == null) {
                    return null;
                }
                if (keys[i] == value) {
                    return v;
                }
            }
        }

        synchronized void put(long value, HyperVector vector) {
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
            if (insert(s, value, vector)) {
                count++;
            }
        }

        /** Stores the pair unless the value is there already; whether it stored. */
        private static boolean insert(Slots s, long value, HyperVector vector) {
            int mask = s.keys.length - 1;
            for (int i = slot(value, mask);; i = (i + 1) & mask) {
                HyperVector at = s.vectors[i];
                if (at == null) {
                    s.keys[i] = value;
                    VECTORS.setRelease(s.vectors, i, vector);
                    return true;
                }
                if (s.keys[i] == value) {
                    return false;
                }
            }
        }

        synchronized int size() {
            return count;
        }

        private static int slot(long value, int mask) {
            long h = value * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }
    }
}
