package io.engram.graph.compute;

import io.engram.core.EngramException;
import io.engram.core.InvalidArgumentException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A bounded pool for long graph computations (PageRank, betweenness, consolidation), apart from
 * request threads: a fixed number of daemon threads and a bounded queue, so a burst is refused
 * with a clear error instead of piling up. Each task gets a cancellation flag (pass it to a
 * {@link io.engram.graph.traverse.BudgetClock}); an exception inside a task fails that task's
 * future only.
 */
public final class ComputePool implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final int queueCapacity;

    public ComputePool(int threads, int queueCapacity) {
        InvalidArgumentException.check(threads >= 1 && threads <= 1024, "threads must be in [1, 1024], got %d", threads);
        InvalidArgumentException.check(queueCapacity >= 1 && queueCapacity <= 1_000_000,
                "queueCapacity must be in [1, 1000000], got %d", queueCapacity);
        this.queueCapacity = queueCapacity;
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "engram-graph-compute-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** One thread per core minus one (at least one), queue of 64. */
    public static ComputePool defaults() {
        return new ComputePool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), 64);
    }

    /**
     * Runs {@code work} on the pool. The function receives the task's cancellation flag;
     * {@link Computation#cancel()} sets it and interrupts the thread.
     */
    public <T> Computation<T> submit(Function<AtomicBoolean, T> work) {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable task = () -> {
            if (cancelled.get()) {
                return;
            }
            try {
                future.complete(work.apply(cancelled));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        };
        try {
            java.util.concurrent.Future<?> handle = executor.submit(task);
            return new Computation<>(future, cancelled, handle);
        } catch (RejectedExecutionException e) {
            throw new EngramException(executor.isShutdown() ? "the compute pool is closed"
                    : "the compute pool is full: " + queueCapacity + " tasks queued; retry later", e);
        }
    }

    /** Tasks waiting to run. */
    public int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
