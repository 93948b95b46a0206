package io.engram.engine.knowledge;

import java.util.Collection;

/** How bad a tension between two records is, with the penalty it weighs in a fusion score. */
public enum TensionSeverity {
    LOW(0.25),
    MEDIUM(0.5),
    HIGH(0.75),
    CRITICAL(1.0);

    private final double penalty;

    TensionSeverity(double penalty) {
        this.penalty = penalty;
    }

    /** The tension term of a fusion score when this is the worst active tension, in (0, 1]. */
    public double penalty() {
        return penalty;
    }

    /** The tension term for a record: the largest penalty among its active tensions, 0 for none. */
    public static double largestPenalty(Collection<TensionSeverity> active) {
        double max = 0;
        for (TensionSeverity s : active) {
            max = Math.max(max, s.penalty);
        }
        return max;
    }
}
