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
 * <p>Thread-safe without locks on lookups: entries are immutable and published whole, and two
 * threads racing to store a value store the same vector, so a lost store only costs a later miss.
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

    private record Entry(long value, HyperVector vector) {}

    /** Open addressing with linear probing, doubled when half full. */
    private static final class Table {
        private volatile Entry[] slots = new Entry[64];
        private final AtomicInteger count = new AtomicInteger();

        HyperVector find(long value) {
            Entry[] s = slots;
            int mask = s.length - 1;
            for (int i = slot(value, mask);; i = (i + 1) & mask) {
                Entry e = s[i];
                if (e == null) {
                    return null;
                }
                if (e.value == value) {
                    return e.vector;
                }
            }
        }

        void put(long value, HyperVector vector) {
            Entry[] s = slots;
            if (2 * (count.get() + 1) > s.length) {
                s = grow(s);
            }
            insert(s, new Entry(value, vector));
            count.incrementAndGet();
        }

        private synchronized Entry[] grow(Entry[] seen) {
            Entry[] s = slots;
            if (s != seen) {
                return s;
            }
            Entry[] bigger = new Entry[2 * s.length];
            for (Entry e : s) {
                if (e != null) {
                    insert(bigger, e);
                }
            }
            slots = bigger;
            return bigger;
        }

        private static void insert(Entry[] s, Entry e) {
            int mask = s.length - 1;
            for (int i = slot(e.value, mask);; i = (i + 1) & mask) {
                Entry at = s[i];
                if (at == null) {
                    s[i] = e;
                    return;
                }
                if (at.value == e.value) {
                    return;
                }
            }
        }

        int size() {
            int n = 0;
            for (Entry e : slots) {
                n += e == null ? 0 : 1;
            }
            return n;
        }

        private static int slot(long value, int mask) {
            long h = value * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }
    }
}
