package io.engram.index;

import java.util.concurrent.locks.StampedLock;

/**
 * Runs a read (a search) against state that writers mutate in place, without taking a lock in
 * the common case: the read runs under a {@link StampedLock} optimistic stamp and its result
 * counts only if no writer held the lock meanwhile (a seqlock). A read that overlapped a write
 * may have seen torn state: it is thrown away, including any exception it raised, and retried.
 * After {@value #OPTIMISTIC_ATTEMPTS} failed attempts the read takes the shared read lock, so a
 * stream of writes cannot starve it; that lock excludes writers but never other readers.
 *
 * <p>Bodies must tolerate torn state: every loop bounded by an array length or a count it read,
 * and no side effect beyond per-thread scratch and the caller's output arrays.
 */
final class OptimisticRead {

    static final int OPTIMISTIC_ATTEMPTS = 3;

    /** A read over shared state that writes its outcome into {@code scratch}; returns a count. */
    @FunctionalInterface
    interface Body<S> {
        int read(S scratch);
    }

    private OptimisticRead() {}

    /** One field read the same way: optimistically, under the read lock if a writer intervened. */
    static int readInt(StampedLock lock, java.util.function.IntSupplier field) {
        long stamp = lock.tryOptimisticRead();
        int value = field.getAsInt();
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                value = field.getAsInt();
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return value;
    }

    static <S> int run(StampedLock lock, Body<S> body, S scratch) {
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            long stamp = lock.tryOptimisticRead();
            if (stamp == 0) {
                Thread.onSpinWait(); // a writer holds the lock right now
                continue;
            }
            int result;
            try {
                result = body.read(scratch);
            } catch (RuntimeException e) {
                if (lock.validate(stamp)) {
                    throw e; // a real failure, not an artefact of a concurrent write
                }
                continue;
            }
            if (lock.validate(stamp)) {
                return result;
            }
        }
        long stamp = lock.readLock();
        try {
            return body.read(scratch);
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
