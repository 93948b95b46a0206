package io.engram.graph;

import io.engram.core.EngramException;
import io.engram.core.InvalidArgumentException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An in-memory property graph with MVCC snapshots and optimistic transactions.
 *
 * <p>Readers open a {@link GraphSnapshot} and see exactly one committed version, without locks.
 * Writers run a {@link Transaction} that buffers its changes and validates them at commit
 * (backward validation against the transactions that committed since it began); commits are
 * serialised by one lock that readers never take. Node ids are dense ints; edges are keyed by
 * (source, label, target), carry a float weight and optional properties.
 *
 * <pre>{@code
 * Graph graph = Graph.create();
 * int a, b;
 * try (Transaction tx = graph.begin()) {
 *     a = tx.createNode(Map.of("name", "Ada"));
 *     b = tx.createNode(Map.of("name", "Babbage"));
 *     tx.putEdge(a, "knows", b, 0.9);
 *     tx.commit();
 * }
 * try (GraphSnapshot s = graph.snapshot()) {
 *     int[] friends = s.neighbours(a, Direction.OUT);
 * }
 * }</pre>
 */
public final class Graph {
    /** One daemon thread compacts every graph in the process; compaction is rare and bounded. */
    private static final ExecutorService COMPACTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engram-graph-compactor");
        t.setDaemon(true);
        return t;
    });
    final GraphConfig config;
    final LabelDictionary labels;
    /** The compacted state; replaced (never mutated) by compaction. */
    volatile BaseGraph base;
    final VersionTable versions = new VersionTable();
    final PinRegistry snapshots = new PinRegistry();
    private final PinRegistry transactions = new PinRegistry();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final CommitLog log = new CommitLog();
    /** Where commits write node versions (written under the commit lock). */
    final VersionStore store;
    private final AtomicInteger nextNodeId;
    private final AtomicReference<ConsolidatedView> view = new AtomicReference<>(ConsolidatedView.NONE);
    private final List<GraphChangeSink> sinks = new CopyOnWriteArrayList<>();
    private volatile CommitState state;
    private final ReentrantLock compactionLock = new ReentrantLock();
    private final AtomicBoolean compactionScheduled = new AtomicBoolean();
    /** Versions installed since the last compaction (written under the commit lock). */
    private volatile long versionsSinceCompaction;
    private volatile long compactions;
    /**
     * The oldest pinned version that made the last compaction give up, or -1: while a snapshot
     * that old is still open, automatic compaction is not attempted (it would fail again).
     */
    private volatile long compactionBlockedBy = -1;

    Graph(GraphConfig config, LabelDictionary labels, BaseGraph base) {
        this(config, labels, base, new VersionStore());
    }

    Graph(GraphConfig config, LabelDictionary labels, BaseGraph base, VersionStore store) {
        this.store = store;
        this.config = config;
        this.labels = labels;
        this.base = base;
        this.nextNodeId = new AtomicInteger(base.nodeCount);
        this.state = new CommitState(0, base.nodeCount, base.nodeCount, base.edgeCount());
    }

    /** An empty graph with default limits. */
    public static Graph create() {
        return create(GraphConfig.defaults());
    }

    public static Graph create(GraphConfig config) {
        return new Graph(config, new LabelDictionary(), BaseGraph.EMPTY);
    }

    /** A bulk loader: nodes and edges go straight into compact arrays as version 0. */
    public static GraphLoader loader(int nodeCount) {
        return new GraphLoader(nodeCount);
    }

    public GraphConfig config() {
        return config;
    }

    /** The latest committed version. */
    public long version() {
        return state.version();
    }

    /** The current consolidation epoch. */
    public long epoch() {
        return view.get().epoch();
    }

    /** Opens a snapshot of the latest committed version (and the current consolidated view). */
    public GraphSnapshot snapshot() {
        ConsolidatedView v = view.get(); // read before the version: a new view implies its commit
        PinRegistry.Pin pin = snapshots.pin(this::version);
        // The state may have moved on since the pin; raising a pin to a newer version is always
        // safe (reclamation only ever looks below pins), and the counters belong to this state.
        CommitState s = state;
        pin.version = s.version();
        return new GraphSnapshot(this, pin, s, v);
    }

    /** Begins a write transaction with the configured isolation. */
    public Transaction begin() {
        return begin(config.isolation());
    }

    public Transaction begin(Isolation isolation) {
        InvalidArgumentException.check(isolation != null, "isolation must not be null");
        // The transaction pin keeps commit-log entries after it; the snapshot is at least as new.
        PinRegistry.Pin txPin = transactions.pin(this::version);
        GraphSnapshot snapshot = snapshot();
        txPin.version = snapshot.version();
        return new Transaction(this, snapshot, txPin, isolation);
    }

    /**
     * Runs {@code work} in a transaction and commits it, retrying on conflict as the configured
     * {@link RetryPolicy} says; rethrows the last conflict when the attempts run out.
     */
    public <T> T inTransaction(Function<Transaction, T> work) {
        return inTransaction(config.retry(), config.isolation(), work);
    }

    public <T> T inTransaction(RetryPolicy policy, Isolation isolation, Function<Transaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = begin(isolation)) {
                T result = work.apply(tx);
                tx.commit();
                return result;
            } catch (TransactionConflictException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw e;
                }
                long pause = policy.backoffNanos(attempt);
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new EngramException("interrupted while retrying a transaction after " + attempt
                            + " attempt(s)", e);
                }
            }
        }
    }

    /** Streams every future commit to {@code sink} (see {@link GraphChangeSink}). */
    public void addSink(GraphChangeSink sink) {
        InvalidArgumentException.check(sink != null, "sink must not be null");
        sinks.add(sink);
    }

    public void removeSink(GraphChangeSink sink) {
        sinks.remove(sink);
    }

    /**
     * Re-applies committed changes (from a store) in order, each record as one commit. Records at
     * or below the current version are skipped, so replaying a log twice is harmless. Node ids
     * are reproduced exactly.
     */
    public void replay(Iterable<CommitRecord> records) {
        for (CommitRecord record : records) {
            if (record.version() <= version()) {
                continue;
            }
            commitLock.lock();
            try {
                for (GraphChange change : record.changes()) {
                    if (change instanceof GraphChange.CreateNode c) {
                        nextNodeId.accumulateAndGet(c.node() + 1, Math::max);
                    }
                }
                install(record.changes(), record.version(), null);
            } finally {
                commitLock.unlock();
            }
        }
    }

    /**
     * Publishes a new consolidated view: one reference swap that raises the epoch by one. Fails
     * when {@code next} is not for the epoch after the current one (a concurrent publish won).
     */
    public void publish(ConsolidatedView next) {
        ConsolidatedView current = view.get();
        InvalidArgumentException.check(next.epoch() == current.epoch() + 1,
                "a consolidated view must be for epoch %d, got %d", current.epoch() + 1, next.epoch());
        if (!view.compareAndSet(current, next)) {
            throw new InvalidArgumentException("a concurrent publish moved the epoch past " + current.epoch());
        }
    }

    /**
     * Reclaims every version no open snapshot can see, walking all chains. Returns how many
     * versions remain (one per edited node once old snapshots are closed).
     */
    public long prune() {
        long horizon = snapshots.advance(version(), config.maxSnapshotAge().toNanos());
        long retained = 0;
        int bound = Math.min(state.idBound(), versions.capacity());
        // Under the compaction lock nothing is retired during the walk, and what was retired
        // before is unreachable from the heads, so every chunk the walk meets stays live.
        compactionLock.lock();
        try {
            for (int n = 0; n < bound; n++) {
                int v = versions.head(n);
                while (v > 0) {
                    retained++;
                    int[] nodes = store.chunk(v).nodes;
                    int p = VersionStore.offset(v);
                    if (VersionStore.cutBehind(nodes, p, horizon)) {
                        break;
                    }
                    v = VersionStore.older(nodes, p);
                }
            }
        } finally {
            compactionLock.unlock();
        }
        return retained;
    }

    /** Versions currently held in chains (the base excluded). */
    public long retainedVersions() {
        long retained = 0;
        int bound = Math.min(state.idBound(), versions.capacity());
        compactionLock.lock(); // (see prune)
        try {
            for (int n = 0; n < bound; n++) {
                for (int v = versions.head(n); v > 0; v = VersionStore.older(store.chunk(v).nodes, VersionStore.offset(v))) {
                    retained++;
                }
            }
        } finally {
            compactionLock.unlock();
        }
        return retained;
    }

    private boolean compactionBlocked() {
        long blockedBy = compactionBlockedBy;
        return blockedBy >= 0 && snapshots.oldestPinned(Long.MAX_VALUE) <= blockedBy;
    }

    /** Compactions installed so far. */
    public long compactions() {
        return compactions;
    }

    /** Open snapshots (transactions included). */
    public int openSnapshots() {
        return snapshots.size();
    }

    /** Edge label ids in use. */
    public int labelCount() {
        return labels.size();
    }

    // --- commit path ------------------------------------------------------------------------------

    int allocateNodeId() {
        int id = nextNodeId.getAndIncrement();
        if (id >= config.maxNodes() || id < 0) {
            nextNodeId.decrementAndGet();
            throw new InvalidArgumentException("the graph holds at most " + config.maxNodes()
                    + " node ids (GraphConfig.maxNodes); cannot create node " + id);
        }
        return id;
    }

    long commit(Transaction tx) {
        commitLock.lock();
        try {
            if (tx.expired()) {
                throw new SnapshotTooOldException(tx.startVersion(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tx.pin().openedNanos),
                        config.maxSnapshotAge().toMillis());
            }
            CommitLog.Conflict conflict = log.validate(tx);
            if (conflict != null) {
                throw new TransactionConflictException(conflict.keys(), conflict.winningVersion());
            }
            transactions.unpin(tx.pin()); // validated: it needs no commit-log entries any more
            long version = state.version() + 1;
            install(tx.changes, version, tx);
            return version;
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Write stall: with {@link Compaction#IN_WRITER}, or when versions outrun the background
     * compaction (twice its threshold), the committing thread compacts itself. Writers slow down
     * to the pace of reclamation instead of piling up versions and taking readers' processors.
     * Called by a transaction after it released its snapshot (which would block the compaction).
     */
    void stallWhileVersionsPileUp() {
        long threshold = compactionThreshold(state.idBound());
        long limit = switch (config.compaction()) {
            case MANUAL -> Long.MAX_VALUE;
            case BACKGROUND -> 2 * threshold;
            case IN_WRITER -> threshold;
        };
        if ((versionsSinceCompaction > limit || storeFilling()) && !compactionBlocked()) {
            compactIfOver(limit);
        }
    }

    /**
     * Half the version store's chunks in use: possible long before the version count says so
     * when big nodes are edited often (each version is a full copy of both lists).
     */
    private boolean storeFilling() {
        return config.compaction() != Compaction.MANUAL && store.liveChunks() > store.capacity() / 2;
    }

    /** Compacts when versions still exceed {@code limit} once the compaction lock is held. */
    private void compactIfOver(long limit) {
        compactionLock.lock();
        try {
            if ((versionsSinceCompaction > limit || storeFilling()) && !compactionBlocked()) {
                compact();
            }
        } finally {
            compactionLock.unlock();
        }
    }

    /** Applies, streams to sinks, installs and publishes one commit. Caller holds the commit lock. */
    private void install(List<GraphChange> changes, long version, Transaction tx) {
        reclaimChunks(); // before writing: frees room in a store that filled up
        CommitState current = state;
        CommitApplier applier = new CommitApplier(this, current.version());
        applier.apply(changes);
        long[] counts = new long[2];
        List<NodeDraft> drafts = applier.build(version, counts);
        if (!sinks.isEmpty()) {
            CommitRecord record = new CommitRecord(version, changes);
            for (GraphChangeSink sink : sinks) {
                sink.committed(record);
            }
        }
        long horizon = snapshots.horizon();
        int idBound = current.idBound();
        int installed = 0;
        for (NodeDraft d : drafts) {
            int v = d.built;
            if (v == VersionStore.NONE) {
                continue;
            }
            installed++;
            int previous = d.chainTo; // the new record already links to it
            if (previous > 0) { // superseded now: what lies behind it may no longer be needed
                VersionStore.cutBehind(store.chunk(previous).nodes, VersionStore.offset(previous), horizon);
            }
            versions.setHead(d.node, v);
            idBound = Math.max(idBound, d.node + 1);
        }
        versionsSinceCompaction += installed;
        state = new CommitState(version, idBound, current.liveNodes() + counts[1], current.edges() + counts[0]);
        snapshots.advance(version, config.maxSnapshotAge().toNanos());
        // Only a transaction that began before this version can conflict with it; with none
        // running (the common single-writer case) the entry is not even kept.
        long oldestRunning = transactions.advance(version, config.maxSnapshotAge().toNanos());
        if (tx != null && oldestRunning < version) {
            log.add(version, tx);
        }
        log.trim(oldestRunning);
        long threshold = compactionThreshold(idBound);
        if (config.compaction() == Compaction.BACKGROUND && (versionsSinceCompaction > threshold || storeFilling())
                && !compactionBlocked() && compactionScheduled.compareAndSet(false, true)) {
            COMPACTOR.execute(() -> {
                try {
                    compactIfOver(threshold);
                } finally {
                    compactionScheduled.set(false);
                }
            });
        }
    }

    /**
     * Compact once versions reach half the node ids (at least 16,384): a compaction copies every
     * edge, so it must be rare next to the versions it folds.
     */
    private static long compactionThreshold(int idBound) {
        return Math.max(16_384, idBound / 2);
    }

    /**
     * Folds every committed version into a new base: flat arrays replace the per-node version
     * objects, so reads take the short path again and the heap sheds them. The new base is built
     * from a snapshot without blocking anyone; installing it takes the commit lock for one pass
     * over the version heads. It installs only when no open snapshot is older than the one it
     * was built from (older readers still need the versions); otherwise it returns false and a
     * later call tries again. Runs by itself as {@link GraphConfig#compaction()} says.
     */
    public boolean compact() {
        compactionLock.lock();
        try {
            boolean installed = compactFrom();
            if (installed) {
                // Its own snapshot is closed now: free what no other open snapshot can reach.
                commitLock.lock();
                try {
                    reclaimChunks();
                } finally {
                    commitLock.unlock();
                }
            }
            return installed;
        } finally {
            compactionLock.unlock();
        }
    }

    /** Frees the retired chunks no open snapshot can reach any more (commit lock held). */
    private void reclaimChunks() {
        if (store.hasRetired()) {
            store.reclaim(snapshots.oldestPinned(Long.MAX_VALUE));
        }
    }

    private boolean compactFrom() {
        try (GraphSnapshot snapshot = snapshot()) {
            BaseGraph next = BaseGraph.of(snapshot, base, store);
            long at = snapshot.version();
            commitLock.lock();
            try {
                long horizon = snapshots.advance(version(), config.maxSnapshotAge().toNanos());
                if (horizon < at) {
                    compactionBlockedBy = horizon;
                    return false;
                }
                compactionBlockedBy = -1;
                base = next; // published before any head is cleared (see GraphSnapshot.resolve)
                long kept = 0;
                int capacity = versions.capacity();
                for (int n = 0; n < capacity; n++) {
                    int head = versions.head(n);
                    if (head == VersionStore.NONE) {
                        continue;
                    }
                    int[] nodes = store.chunk(head).nodes;
                    int p = VersionStore.offset(head);
                    if (VersionStore.version(nodes, p) <= at) {
                        versions.clearHead(n);
                        continue;
                    }
                    kept++; // the oldest version newer than the base ends the chain
                    for (int older = VersionStore.older(nodes, p); older > 0; older = VersionStore.older(nodes, p)) {
                        int[] olderNodes = store.chunk(older).nodes;
                        int olderAt = VersionStore.offset(older);
                        if (VersionStore.version(olderNodes, olderAt) <= at) {
                            break;
                        }
                        nodes = olderNodes;
                        p = olderAt;
                        kept++;
                    }
                    VersionStore.setOlder(nodes, p, n < next.nodeCount ? VersionStore.BASE : VersionStore.ABSENT);
                }
                versionsSinceCompaction = kept;
                compactions++;
                // Chunks holding only folded versions go once the snapshots open now have closed
                // (this compaction's own included: see compact()).
                store.retireFolded(at, version());
                return true;
            } finally {
                commitLock.unlock();
            }
        }
    }

    void transactionEnded(Transaction tx) {
        transactions.unpin(tx.pin());
    }
}
