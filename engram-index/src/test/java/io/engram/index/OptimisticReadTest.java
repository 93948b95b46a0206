package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.Test;

class OptimisticReadTest {

    /** Simulates a writer that slips in during the read, leaving the reader with torn state. */
    private static void writeDuring(StampedLock lock) {
        lock.unlockWrite(lock.writeLock());
    }

    @Test
    void aReadOverlappingAWriteIsDiscardedWithItsExceptionAndRetried() {
        StampedLock lock = new StampedLock();
        int[] calls = new int[1];
        int result = OptimisticRead.run(lock, s -> {
            calls[0]++;
            if (calls[0] == 1) {
                writeDuring(lock);
                throw new ArrayIndexOutOfBoundsException("torn");
            }
            if (calls[0] == 2) {
                writeDuring(lock);
                return -1; // a torn result, never returned
            }
            return 7;
        }, null);
        assertThat(result).isEqualTo(7);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void aStarvedReadFallsBackToTheReadLock() {
        StampedLock lock = new StampedLock();
        int[] calls = new int[1];
        int result = OptimisticRead.run(lock, s -> {
            calls[0]++;
            if (lock.isReadLocked()) {
                return 42;
            }
            writeDuring(lock);
            return -1;
        }, null);
        assertThat(result).isEqualTo(42);
        assertThat(calls[0]).isEqualTo(OptimisticRead.OPTIMISTIC_ATTEMPTS + 1);
        assertThat(lock.isReadLocked()).isFalse();
    }

    @Test
    void aGenuineFailurePropagates() {
        StampedLock lock = new StampedLock();
        assertThatThrownBy(() -> OptimisticRead.run(lock, s -> {
            throw new IllegalStateException("real");
        }, null)).isInstanceOf(IllegalStateException.class).hasMessage("real");
        assertThat(lock.isReadLocked() || lock.isWriteLocked()).isFalse();
    }
}
