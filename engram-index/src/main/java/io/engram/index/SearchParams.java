package io.engram.index;

import io.engram.core.InvalidArgumentException;

/**
 * Per-call search knobs. Zero means "the index's default" for the integer knobs; an index ignores
 * knobs it does not have.
 *
 * @param ef HNSW beam width (effective ef is max(ef, k))
 * @param probes LSH multi-probe bit flips per table (-1 = index default)
 * @param distanceThreshold keep results with distance ≤ threshold (+inf = keep all); filters final
 *     results, never prunes a traversal
 * @param filter ids allowed in results, or null for all
 */
public record SearchParams(int ef, int probes, float distanceThreshold, SearchFilter filter) {

    public static final SearchParams DEFAULTS = new SearchParams(0, -1, Float.POSITIVE_INFINITY, null);

    public SearchParams {
        InvalidArgumentException.check(ef >= 0, "ef must be positive (or 0 for the default), got %d", ef);
        InvalidArgumentException.check(probes >= -1, "probes must be >= 0 (or -1 for the default), got %d", probes);
        InvalidArgumentException.check(!Float.isNaN(distanceThreshold), "distance threshold is NaN");
    }

    public static SearchParams ef(int ef) {
        return DEFAULTS.withEf(ef);
    }

    public SearchParams withEf(int newEf) {
        return new SearchParams(newEf, probes, distanceThreshold, filter);
    }

    public SearchParams withProbes(int newProbes) {
        return new SearchParams(ef, newProbes, distanceThreshold, filter);
    }

    public SearchParams withThreshold(float threshold) {
        return new SearchParams(ef, probes, threshold, filter);
    }

    public SearchParams withFilter(SearchFilter newFilter) {
        return new SearchParams(ef, probes, distanceThreshold, newFilter);
    }
}
