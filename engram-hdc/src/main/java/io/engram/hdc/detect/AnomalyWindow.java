package io.engram.hdc.detect;

/**
 * Smooths per-event anomaly flags (hdc-holon §12.2 steps 4–5): a 15-slot window of flags starting
 * all zeros; after 5 normal events in a row each normal event pushes three zeros (fast recovery);
 * the state switches on when the window's fraction of flags exceeds 0.5 and off below 0.2.
 *
 * <p>With these numbers an attack is reported from its 8th event on, and after it ends the state
 * clears on the 7th normal event (window sums 14, 13, 12, 11, 8, 5, 2). Not thread-safe.
 */
public final class AnomalyWindow {
    static final int SIZE = 15;
    static final int FAST_RECOVERY_AFTER = 5;
    static final int FAST_RECOVERY_ZEROS = 3;
    static final double ENTER = 0.5;
    static final double EXIT = 0.2;

    private final byte[] window = new byte[SIZE];
    private int head;
    private int sum;
    private int consecutiveNormal;
    private boolean anomalous;

    /** Feeds one raw flag and returns the smoothed state. */
    public boolean push(boolean raw) {
        consecutiveNormal = raw ? 0 : consecutiveNormal + 1;
        if (consecutiveNormal >= FAST_RECOVERY_AFTER) {
            for (int i = 0; i < FAST_RECOVERY_ZEROS; i++) {
                slide(0);
            }
        } else {
            slide(raw ? 1 : 0);
        }
        double fraction = (double) sum / SIZE;
        if (!anomalous && fraction > ENTER) {
            anomalous = true;
        } else if (anomalous && fraction < EXIT) {
            anomalous = false;
        }
        return anomalous;
    }

    public boolean anomalous() {
        return anomalous;
    }

    /** Flags currently in the window. */
    public int sum() {
        return sum;
    }

    private void slide(int bit) {
        sum += bit - window[head];
        window[head] = (byte) bit;
        head = (head + 1) % SIZE;
    }
}
