package io.engram.graph.compute;

import io.engram.core.EngramException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A computation submitted to a {@link ComputePool}: wait for it, or cancel it. */
public final class Computation<T> {
    private final CompletableFuture<T> result;
    private final AtomicBoolean cancelled;
    private final Future<?> handle;

    Computation(CompletableFuture<T> result, AtomicBoolean cancelled, Future<?> handle) {
        this.result = result;
        this.cancelled = cancelled;
        this.handle = handle;
    }

    /** The result as a future, for composition; never blocks. */
    public CompletableFuture<T> future() {
        return result;
    }

    /**
     * Waits up to {@code timeout}. A failure inside the task comes back as an
     * {@link EngramException} whose cause is the task's exception.
     */
    public T await(Duration timeout) {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new EngramException("graph computation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EngramException("graph computation did not finish within " + timeout.toMillis() + " ms", e);
        } catch (CancellationException e) {
            throw new EngramException("graph computation was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngramException("interrupted while waiting for a graph computation", e);
        }
    }

    /** Asks the task to stop: sets its flag, interrupts it, and completes the future as cancelled. */
    public void cancel() {
        result.cancel(false); // first, so a task that notices the flag cannot complete it normally
        cancelled.set(true);
        handle.cancel(true);
    }

    public boolean isDone() {
        return result.isDone();
    }
}
