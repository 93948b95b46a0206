package io.engram.graph;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The versions open readers (or transactions) depend on, and the horizon below which nothing is
 * needed any more. Pinning never blocks and never waits for a writer.
 *
 * <p>Why pinning cannot race with reclamation: a reader writes its pin, then reads the floor; the
 * reclaimer writes the floor, then reads the pins (all volatile, hence sequentially consistent).
 * Either the reader sees the raised floor and pins again at a newer version, or the reclaimer
 * sees the pin and keeps what it needs (Dekker's argument).
 */
final class PinRegistry {

    /** One reader's claim on a version. */
    static final class Pin {
        volatile long version;
        volatile boolean expired;
        final long openedNanos = System.nanoTime();
    }

    private final Set<Pin> pins = ConcurrentHashMap.newKeySet();
    private volatile long floor;
    private volatile long horizon;

    /** Pins the latest version {@code latest} reports and returns the pin. */
    Pin pin(LongSupplier latest) {
        Pin pin = new Pin();
        pin.version = latest.getAsLong();
        pins.add(pin);
        while (pin.version < floor) {
            pin.version = latest.getAsLong();
        }
        return pin;
    }

    void unpin(Pin pin) {
        pins.remove(pin);
    }

    /**
     * Raises the horizon to the oldest version still pinned (or {@code latest} when none is),
     * first expiring pins older than {@code maxAgeNanos}. Returns the new horizon: no reader
     * can need a version that is superseded by one at or below it.
     */
    synchronized long advance(long latest, long maxAgeNanos) {
        if (latest > floor) {
            floor = latest; // volatile writes only on change: readers poll these fields
        }
        long now = System.nanoTime();
        long min = latest;
        for (Pin pin : pins) {
            if (pin.expired) {
                continue;
            }
            if (now - pin.openedNanos > maxAgeNanos) {
                pin.expired = true;
                continue;
            }
            min = Math.min(min, pin.version);
        }
        long h = Math.max(horizon, min);
        if (h != horizon) {
            horizon = h;
        }
        return h;
    }

    /** The last horizon {@link #advance} published. */
    long horizon() {
        return horizon;
    }

    /** The smallest pinned version, or {@code fallback} when nothing is pinned. */
    long oldestPinned(long fallback) {
        long min = fallback;
        for (Pin pin : pins) {
            if (!pin.expired) {
                min = Math.min(min, pin.version);
            }
        }
        return min;
    }

    int size() {
        return pins.size();
    }
}
