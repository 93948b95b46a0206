package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.locks.StampedLock;

/**
 * Micro-batching of commutative weight increments (Hebbian "W ← W + Δw"): callers add
 * increments without a transaction each; every epoch the sums commit as one transaction.
 * Adding never blocks on a commit; flushing swaps the pending map under a short write lock, so
 * no increment is lost or counted twice. Increments to an edge whose endpoint was deleted
 * before the flush are dropped and counted.
 */
public final class IncrementBatcher implements AutoCloseable {
    private final Graph graph;
    private final StampedLock swap = new StampedLock();
    private final ScheduledExecutorService timer;
    private ConcurrentHashMap<GraphKey.Edge, DoubleAdder> pending = new ConcurrentHashMap<>();
    private volatile long dropped;

    /** A batcher that flushes every {@code epoch} on its own daemon thread. */
    public IncrementBatcher(Graph graph, Duration epoch) {
        InvalidArgumentException.check(graph != null, "graph must not be null");
        InvalidArgumentException.check(epoch != null && epoch.toMillis() >= 1, "epoch must be >= 1 ms, got %s", epoch);
        this.graph = graph;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engram-graph-increments");
            t.setDaemon(true);
            return t;
        });
        long ms = epoch.toMillis();
        timer.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Queues W ← W + delta for the edge (a missing edge is created at 1.0 + the summed delta). */
    public void add(int source, String label, int target, double delta) {
        InvalidArgumentException.check(Double.isFinite(delta), "delta must be finite, got %s", delta);
        InvalidArgumentException.check(label != null && !label.isEmpty(), "an edge label must be non-empty");
        GraphKey.Edge key = new GraphKey.Edge(source, label, target);
        long stamp = swap.readLock();
        try {
            pending.computeIfAbsent(key, k -> new DoubleAdder()).add(delta);
        } finally {
            swap.unlockRead(stamp);
        }
    }

    /** Commits everything queued so far as one transaction; returns how many edges it incremented. */
    public synchronized long flush() {
        ConcurrentHashMap<GraphKey.Edge, DoubleAdder> batch;
        long stamp = swap.writeLock();
        try {
            batch = pending;
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.unlockWrite(stamp);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        long[] skipped = new long[1];
        long applied = graph.inTransaction(tx -> {
            skipped[0] = 0;
            long count = 0;
            for (Map.Entry<GraphKey.Edge, DoubleAdder> e : batch.entrySet()) {
                GraphKey.Edge k = e.getKey();
                if (!tx.exists(k.source()) || !tx.exists(k.target())) {
                    skipped[0]++;
                    continue;
                }
                tx.incrementWeight(k.source(), k.label(), k.target(), e.getValue().sum());
                count++;
            }
            return count;
        });
        dropped += skipped[0];
        return applied;
    }

    /** Increments dropped because an endpoint no longer existed at flush time. */
    public long dropped() {
        return dropped;
    }

    /** Flushes what is queued and stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
