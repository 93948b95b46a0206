package io.engram.hdc.encode;

import io.engram.hdc.kernel.AtomTable;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The atoms of a record's fields by path: the role atom of the path itself, and the filler atoms
 * "path.value" of the scalars seen under it, found by value without writing their text. Records
 * carry ports, sizes, ids and short codes; writing "src_port.54321", hashing it and matching it in
 * the string-keyed atom cache took longer than bundling the record. Here one lookup of the path
 * (a string whose hash the key usually caches already) gives its role and its fillers: integers
 * in a table, strings in a map, each holding what {@link VectorManager#get} gave for the text.
 *
 * <p>An index over the manager's atoms, never a source of them: every miss asks the manager. It
 * holds at most {@link VectorManager#cacheCapacity()} fillers (then starts empty; the values in use
 * come back one miss each), so an encoder keeps at most that many atoms alive beyond those the
 * manager caches. It follows at most {@value #MAX_PATHS} paths (past that, {@link #of} answers
 * null and callers ask the manager), and drops everything when the manager's codebook changes
 * ({@link VectorManager#codebookEpoch()}).
 *
 * <p>Thread-safe without locks on lookups; stores into one path's integer table are serialized
 * (they follow a miss, which has just computed or fetched an atom).
 */
final class PathAtoms {
    static final int MAX_PATHS = 256;

    private final VectorManager atoms;
    private final int budget;
    private final ConcurrentHashMap<String, Path> byPath = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile int epoch;

    PathAtoms(VectorManager atoms) {
        this.atoms = atoms;
        this.budget = atoms.cacheCapacity();
        this.epoch = atoms.codebookEpoch();
    }

    /** The atoms under {@code path}, or null when this index already follows as many paths as it may. */
    Path of(String path) {
        int now = atoms.codebookEpoch();
        if (now != epoch) {
            reset(now);
        }
        Path p = byPath.get(path);
        if (p == null && byPath.size() < MAX_PATHS) {
            // The epoch is read again before the role: a codebook change after the check above
            // must not leave a path that never stores (its epoch would never match again).
            p = byPath.computeIfAbsent(path, k -> {
                int seen = atoms.codebookEpoch();
                return new Path(k, atoms.get(k), seen);
            });
        }
        return p;
    }

    /** One path's atoms. */
    final class Path {
        private final String path;
        private final HyperVector role;
        private final int epochSeen;
        private final AtomTable numbers = new AtomTable();
        private final ConcurrentHashMap<String, HyperVector> texts = new ConcurrentHashMap<>();

        private Path(String path, HyperVector role, int epochSeen) {
            this.path = path;
            this.role = role;
            this.epochSeen = epochSeen;
        }

        String path() {
            return path;
        }

        /** {@code atoms.get(path)}. */
        HyperVector role() {
            return role;
        }

        /** {@code atoms.get(path + "." + value)}. */
        HyperVector filler(long value) {
            HyperVector v = numbers.find(value);
            if (v == null) {
                v = atoms.get(AtomPaths.path(path, Long.toString(value)));
                if (roomFor()) {
                    numbers.put(value, v);
                }
            }
            return v;
        }

        /** {@code atoms.get(path + "." + value)}. */
        HyperVector filler(String value) {
            HyperVector v = texts.get(value);
            if (v == null) {
                v = atoms.get(AtomPaths.path(path, value));
                if (roomFor()) {
                    texts.put(value, v);
                }
            }
            return v;
        }

        /** Whether one more entry may be stored (else the index starts over) under the codebook this path was made in. */
        private boolean roomFor() {
            if (held.incrementAndGet() > budget) {
                reset(atoms.codebookEpoch());
                return false;
            }
            return atoms.codebookEpoch() == epochSeen;
        }

        int size() {
            return numbers.size() + texts.size();
        }
    }

    private synchronized void reset(int now) {
        byPath.clear();
        held.set(0);
        epoch = now;
    }

    /** Filler entries held now (for tests). */
    int size() {
        return byPath.values().stream().mapToInt(Path::size).sum();
    }
}
