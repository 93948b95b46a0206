package io.engram.graph.traverse;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tracks one running traversal against its {@link Budget} and cancellation. Reading the clock
 * costs a {@code nanoTime} call, so {@link #expired()} looks at it on the first step and then
 * every 256 steps.
 */
public final class BudgetClock {
    private static final int CHECK_EVERY = 256;

    private final Budget budget;
    private final long deadline;
    private final AtomicBoolean cancelled;
    private int steps = CHECK_EVERY - 1; // the first step looks at the clock
    private long reserved;
    private StopReason stop = StopReason.COMPLETE;

    public BudgetClock(Budget budget) {
        this(budget, null);
    }

    public BudgetClock(Budget budget, AtomicBoolean cancelled) {
        this.budget = budget;
        long now = System.nanoTime();
        long nanos = budget.time().toNanos();
        this.deadline = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
        this.cancelled = cancelled;
    }

    public Budget budget() {
        return budget;
    }

    /** True once time ran out or the work was cancelled (or the thread interrupted); sticky. */
    public boolean expired() {
        if (stop == StopReason.TIME || stop == StopReason.CANCELLED) {
            return true;
        }
        if (++steps < CHECK_EVERY) {
            return false;
        }
        steps = 0;
        return checkNow();
    }

    /** Checks time and cancellation now, ignoring the step counter. */
    public boolean checkNow() {
        if ((cancelled != null && cancelled.get()) || Thread.currentThread().isInterrupted()) {
            stop = StopReason.CANCELLED;
            return true;
        }
        if (System.nanoTime() - (deadline - reserved) >= 0) {
            stop = StopReason.TIME;
            return true;
        }
        return false;
    }

    /**
     * Sets aside {@code nanos} of the time budget for work after the walk (building the result):
     * the clock expires that much before the deadline.
     */
    public void reserve(long nanos) {
        reserved = nanos;
    }

    /** Records a non-time limit (hops, results) as the reason to stop, unless one is already set. */
    public void stop(StopReason reason) {
        if (stop == StopReason.COMPLETE) {
            stop = reason;
        }
    }

    public StopReason reason() {
        return stop;
    }

    public boolean partial() {
        return stop != StopReason.COMPLETE;
    }
}
