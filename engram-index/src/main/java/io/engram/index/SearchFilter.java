package io.engram.index;

import java.util.BitSet;

/**
 * Which ids a search may return. Filtered-out vectors are still traversed (graph connectivity)
 * but never returned. {@link #selectivity()} lets an index plan for restrictive filters.
 */
@FunctionalInterface
public interface SearchFilter {

    boolean accepts(long id);

    /** Estimated fraction of ids accepted, in (0, 1]; NaN when unknown. */
    default double selectivity() {
        return Double.NaN;
    }

    /** Accepts ids whose bit is set; ids outside [0, Integer.MAX_VALUE] are rejected. */
    static SearchFilter of(BitSet allowed, int universe) {
        double selectivity = universe <= 0 ? Double.NaN : (double) allowed.cardinality() / universe;
        return new SearchFilter() {
            @Override
            public boolean accepts(long id) {
                return id >= 0 && id <= Integer.MAX_VALUE && allowed.get((int) id);
            }

            @Override
            public double selectivity() {
                return selectivity;
            }
        };
    }
}
