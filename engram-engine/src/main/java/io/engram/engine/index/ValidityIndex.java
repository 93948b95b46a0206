package io.engram.engine.index;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntConsumer;

/**
 * Valid-time index: each record ord has an interval [from, until) in epoch milliseconds
 * ({@link Long#MIN_VALUE} = open start, {@link Long#MAX_VALUE} = open end), and an as-of query
 * lists the ords whose interval contains an instant without scanning every record.
 *
 * <p><b>Structure.</b> A query reads one immutable {@link Snapshot}: a static priority search
 * tree over the intervals as of its last merge, plus an append-only log of the puts and removes
 * since then. The tree is split by {@code from} (median) and heap-ordered by {@code until} (each
 * node holds the largest until of its subtree), so the stabbing condition from ≤ t &lt; until is a
 * three-sided query answered in O(log n + matches): a subtree is left as soon as its largest until
 * is ≤ t or its smallest from is &gt; t. An interval tree that stays balanced under updates would
 * answer the same but is far more code; a static tree rebuilt in O(n log n) is enough because the
 * log absorbs writes in between.
 *
 * <p><b>Costs.</b> A put is O(1) plus an amortised merge: the writer merges when the log reaches
 * the tree's size (at least {@value #MIN_WRITER_MERGE}), so tree sizes grow geometrically and a
 * bulk load of n records costs O(n log n) in all. A query merges first (lazily, once, for every
 * reader after it) when the log is longer than {@value #QUERY_LOG_LIMIT}, which bounds what a
 * query visits to that many log entries plus about 2·(matches + tree depth) tree nodes. The price
 * is that a workload alternating single writes with queries rebuilds the tree every
 * {@value #QUERY_LOG_LIMIT} writes.
 *
 * <p><b>Correctness under change.</b> The log is read newest first; the newest entry of an ord
 * decides it (a remove is an entry whose interval is empty), and tree entries of ords that occur
 * in the log are skipped, so a removed ord is never reported and a replaced one only with its
 * newest interval.
 *
 * <p><b>Concurrency.</b> Copy-on-write publication, no lock on the query path: the snapshot sits
 * in an {@link AtomicReference}; log entries beyond a snapshot's length are invisible to it, so the
 * writer appends in place and publishes a longer snapshot, and a merge (by the writer or by a
 * query) publishes a new tree with an empty log by compare-and-set. A query sees one consistent
 * state, the latest published when it started. Writes are serialised by the index's monitor, so
 * one writer at a time is the contract but several are safe. {@link #isValidAt} reads per-ord
 * arrays under a {@link StampedLock} optimistic read, so it never blocks and never sees a torn
 * interval.
 */
public final class ValidityIndex {
    /** A query merges the log into the tree first when the log holds more entries than this. */
    static final int QUERY_LOG_LIMIT = 256;
    /** The writer merges when the log reaches max(this, tree size). */
    static final int MIN_WRITER_MERGE = 256;

    // Absent ords hold the empty interval [MAX, MIN), which contains no instant.
    private static final long ABSENT_FROM = Long.MAX_VALUE;
    private static final long ABSENT_UNTIL = Long.MIN_VALUE;

    private final StampedLock arraysLock = new StampedLock();
    private long[] froms = new long[0];
    private long[] untils = new long[0];
    private volatile int size;

    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.empty());
    private final Object mergeLock = new Object();

    /** Sets the interval of {@code ord} to [from, until), replacing any interval it had. */
    public synchronized void put(int ord, long from, long until) {
        InvalidArgumentException.check(ord >= 0, "ord must be non-negative, got %d", ord);
        InvalidArgumentException.check(from < until,
                "valid interval of ord %d must have from < until, got from=%d until=%d", ord, from, until);
        boolean added;
        long stamp = arraysLock.writeLock();
        try {
            if (ord >= froms.length) {
                int length = Math.max(ord + 1, Math.min(Integer.MAX_VALUE - 8, froms.length * 2 + 16));
                int old = froms.length;
                froms = Arrays.copyOf(froms, length);
                untils = Arrays.copyOf(untils, length);
                Arrays.fill(froms, old, length, ABSENT_FROM);
                Arrays.fill(untils, old, length, ABSENT_UNTIL);
            }
            added = froms[ord] >= untils[ord];
            froms[ord] = from;
            untils[ord] = until;
        } finally {
            arraysLock.unlockWrite(stamp);
        }
        if (added) {
            size = size + 1;
        }
        append(ord, from, until);
    }

    /** Removes the interval of {@code ord}; a no-op when it has none. */
    public synchronized void remove(int ord) {
        InvalidArgumentException.check(ord >= 0, "ord must be non-negative, got %d", ord);
        if (ord >= froms.length || froms[ord] >= untils[ord]) {
            return;
        }
        long stamp = arraysLock.writeLock();
        try {
            froms[ord] = ABSENT_FROM;
            untils[ord] = ABSENT_UNTIL;
        } finally {
            arraysLock.unlockWrite(stamp);
        }
        size = size - 1;
        append(ord, ABSENT_FROM, ABSENT_UNTIL);
    }

    /** Number of ords with an interval. */
    public int size() {
        return size;
    }

    /** Whether {@code ord} has an interval containing {@code instant}; O(1), never blocks. */
    public boolean isValidAt(int ord, long instant) {
        InvalidArgumentException.check(ord >= 0, "ord must be non-negative, got %d", ord);
        long stamp = arraysLock.tryOptimisticRead();
        boolean valid = contains(froms, untils, ord, instant);
        if (arraysLock.validate(stamp)) {
            return valid;
        }
        stamp = arraysLock.readLock();
        try {
            return contains(froms, untils, ord, instant);
        } finally {
            arraysLock.unlockRead(stamp);
        }
    }

    private static boolean contains(long[] f, long[] u, int ord, long instant) {
        return ord < f.length && ord < u.length && f[ord] <= instant && instant < u[ord];
    }

    /**
     * Calls {@code action} once for every ord whose interval contains {@code instant}
     * (from ≤ instant &lt; until), in no particular order, and returns how many index entries the
     * query visited (log entries plus tree nodes): the measure of its work, O(log n + matches).
     */
    public int forEachValidAt(long instant, IntConsumer action) {
        InvalidArgumentException.check(action != null, "action must be a consumer, got null");
        Snapshot s = current.get();
        if (s.logLength > QUERY_LOG_LIMIT) {
            s = mergeForQuery();
        }
        int visits = 0;
        IntSet inLog = null;
        if (s.logLength > 0) {
            inLog = new IntSet(s.logLength);
            for (int i = s.logLength - 1; i >= 0; i--) {
                visits++;
                int ord = s.logOrds[i];
                if (inLog.add(ord) && s.logFroms[i] <= instant && instant < s.logUntils[i]) {
                    action.accept(ord);
                }
            }
        }
        return visits + s.tree.stab(s.tree.root(), instant, inLog, action);
    }

    private void append(int ord, long from, long until) {
        Snapshot next;
        while (true) {
            Snapshot s = current.get();
            next = s.withEntry(ord, from, until);
            if (current.compareAndSet(s, next)) {
                break;
            }
        }
        if (next.logLength >= Math.max(MIN_WRITER_MERGE, next.tree.size)) {
            synchronized (mergeLock) {
                Snapshot s = current.get();
                if (s.logLength >= Math.max(MIN_WRITER_MERGE, s.tree.size)) {
                    current.compareAndSet(s, s.merged());
                }
            }
        }
    }

    private Snapshot mergeForQuery() {
        synchronized (mergeLock) {
            Snapshot s = current.get();
            if (s.logLength <= QUERY_LOG_LIMIT) {
                return s;
            }
            Snapshot merged = s.merged();
            // A failed CAS means the writer appended meanwhile; the merged state is still a
            // consistent (just-older) view for this query, and a later query merges again.
            current.compareAndSet(s, merged);
            return merged;
        }
    }

    /**
     * A tree and a prefix of a log. Entries below {@code logLength} are never written again; the
     * writer may write beyond it in place because only a longer snapshot, published after the
     * write, reads there.
     */
    private static final class Snapshot {
        final PrioritySearchTree tree;
        final int[] logOrds;
        final long[] logFroms;
        final long[] logUntils;
        final int logLength;

        Snapshot(PrioritySearchTree tree, int[] logOrds, long[] logFroms, long[] logUntils, int logLength) {
            this.tree = tree;
            this.logOrds = logOrds;
            this.logFroms = logFroms;
            this.logUntils = logUntils;
            this.logLength = logLength;
        }

        static Snapshot empty() {
            return of(PrioritySearchTree.EMPTY);
        }

        static Snapshot of(PrioritySearchTree tree) {
            return new Snapshot(tree, new int[16], new long[16], new long[16], 0);
        }

        Snapshot withEntry(int ord, long from, long until) {
            int[] o = logOrds;
            long[] f = logFroms;
            long[] u = logUntils;
            if (logLength == o.length) {
                int length = o.length * 2;
                o = Arrays.copyOf(o, length);
                f = Arrays.copyOf(f, length);
                u = Arrays.copyOf(u, length);
            }
            o[logLength] = ord;
            f[logLength] = from;
            u[logLength] = until;
            return new Snapshot(tree, o, f, u, logLength + 1);
        }

        /** The same state as one tree: newest log entry per ord, then untouched tree entries. */
        Snapshot merged() {
            int capacity = tree.size + logLength;
            int[] o = new int[capacity];
            long[] f = new long[capacity];
            long[] u = new long[capacity];
            int n = 0;
            IntSet inLog = new IntSet(logLength);
            for (int i = logLength - 1; i >= 0; i--) {
                if (inLog.add(logOrds[i]) && logFroms[i] < logUntils[i]) {
                    o[n] = logOrds[i];
                    f[n] = logFroms[i];
                    u[n] = logUntils[i];
                    n++;
                }
            }
            for (int node = 0; node < tree.size; node++) {
                if (!inLog.contains(tree.ords[node])) {
                    o[n] = tree.ords[node];
                    f[n] = tree.froms[node];
                    u[n] = tree.untils[node];
                    n++;
                }
            }
            return of(PrioritySearchTree.build(o, f, u, n));
        }
    }

    /** Open-addressing set of non-negative ints, sized once for at most {@code expected} keys. */
    static final class IntSet {
        private final int[] slots;
        private final int mask;

        IntSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, 2 * expected - 1)) << 1;
            slots = new int[capacity];
            Arrays.fill(slots, -1);
            mask = capacity - 1;
        }

        boolean add(int key) {
            int i = mix(key) & mask;
            while (slots[i] != -1) {
                if (slots[i] == key) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            slots[i] = key;
            return true;
        }

        boolean contains(int key) {
            int i = mix(key) & mask;
            while (slots[i] != -1) {
                if (slots[i] == key) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        private static int mix(int key) {
            int h = key * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
