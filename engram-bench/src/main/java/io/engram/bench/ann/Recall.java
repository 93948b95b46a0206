package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;

/**
 * Recall@k as ann-benchmarks' {@code knn} metric counts it when distances are distinct: the share of
 * the true k nearest neighbours among the k returned, {@code |found ∩ true top-k| / k}. Missing
 * results count as misses; duplicate ids in {@code found} count once.
 */
public final class Recall {

    private Recall() {}

    /**
     * @param found result ids, best first; only the first {@code min(count, k)} are looked at
     * @param count how many entries of {@code found} are valid
     * @param truth exact neighbour ids, best first, at least k of them
     * @param k the cut-off
     */
    public static double at(long[] found, int count, int[] truth, int k) {
        InvalidArgumentException.check(k > 0, "k must be positive, got %d", k);
        InvalidArgumentException.check(truth.length >= k, "ground truth holds %d neighbours, k = %d", truth.length, k);
        int n = Math.min(count, k);
        int hits = 0;
        for (int j = 0; j < k; j++) {
            long want = truth[j];
            for (int i = 0; i < n; i++) {
                if (found[i] == want) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) k;
    }
}
