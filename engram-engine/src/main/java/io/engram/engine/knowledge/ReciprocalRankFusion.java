package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Reciprocal rank fusion of a vector ranking and a text ranking into one similarity:
 * {@code 1/(K + rank_vec) + 1/(K + rank_text)} with K = 60 and ranks from 1; a candidate absent
 * from a list gets nothing from it. The fused scores are then min-max normalised into [0, 1] and
 * used as the fusion score's sim term.
 *
 * <p>Works on primitive arrays so that fusing a few thousand candidates allocates no object per
 * candidate: candidates are dense indices {@code 0..n-1} (an index into the caller's candidate
 * arrays), or {@code long} ids for {@link #fuseIds}. Stateless.
 */
public final class ReciprocalRankFusion {
    /** The RRF constant: large enough that the top few ranks do not dominate. */
    public static final int K = 60;
    /** The rank of a candidate that a list does not contain. */
    public static final int ABSENT = 0;

    private ReciprocalRankFusion() {}

    /** One list's contribution for a candidate at {@code rank} (from 1), 0 for {@link #ABSENT}. */
    public static double contribution(int rank) {
        InvalidArgumentException.check(rank >= 0, "rank: expected 0 (absent) or a rank >= 1, got %s", rank);
        return rank == ABSENT ? 0.0 : 1.0 / (K + rank);
    }

    /**
     * Fused scores from per-candidate ranks: {@code out[i]} gets the score of candidate i, whose
     * rank in the vector list is {@code vectorRanks[i]} and in the text list {@code textRanks[i]}
     * ({@link #ABSENT} when not there). All three arrays have the same length.
     */
    public static void fuseRanks(int[] vectorRanks, int[] textRanks, double[] out) {
        InvalidArgumentException.check(vectorRanks.length == textRanks.length && textRanks.length == out.length,
                "rank fusion: expected arrays of one length, got vector ranks %s, text ranks %s, out %s",
                vectorRanks.length, textRanks.length, out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = contribution(vectorRanks[i]) + contribution(textRanks[i]);
        }
    }

    /**
     * Fused scores from two rankings given best first as candidate indices: {@code vectorOrder[0]}
     * is the candidate ranked 1 by the vector search. Each index lies in {@code [0, out.length)}
     * and appears at most once per list; {@code out} is overwritten, candidates in neither list
     * score 0.
     */
    public static void fuseOrders(int[] vectorOrder, int[] textOrder, double[] out) {
        Arrays.fill(out, 0.0);
        accumulate("vector", vectorOrder, out);
        accumulate("text", textOrder, out);
    }

    private static void accumulate(String list, int[] order, double[] out) {
        // A duplicate would silently double a candidate's score, so it is rejected.
        BitSet seen = new BitSet(out.length);
        for (int r = 0; r < order.length; r++) {
            int candidate = order[r];
            InvalidArgumentException.check(candidate >= 0 && candidate < out.length,
                    "%s ranking, rank %s: expected a candidate index in [0, %s), got %s",
                    list, r + 1, out.length, candidate);
            InvalidArgumentException.check(!seen.get(candidate),
                    "%s ranking, rank %s: expected each candidate once, got %s again", list, r + 1, candidate);
            seen.set(candidate);
            out[candidate] += 1.0 / (K + r + 1);
        }
    }

    /**
     * Fuses two rankings of ids given best first. The result holds the union of the ids in
     * ascending order and their fused scores (not normalised), in two parallel arrays.
     */
    public static FusedRanking fuseIds(long[] vectorOrder, long[] textOrder) {
        long[] all = Arrays.copyOf(vectorOrder, vectorOrder.length + textOrder.length);
        System.arraycopy(textOrder, 0, all, vectorOrder.length, textOrder.length);
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[n++] = all[i];
            }
        }
        long[] ids = Arrays.copyOf(all, n);
        int[] vectorIndices = indicesOf(ids, vectorOrder);
        int[] textIndices = indicesOf(ids, textOrder);
        double[] scores = new double[n];
        try {
            fuseOrders(vectorIndices, textIndices, scores);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(e.getMessage() + " (an id listed twice in one ranking)");
        }
        return new FusedRanking(ids, scores);
    }

    private static int[] indicesOf(long[] sortedIds, long[] order) {
        int[] indices = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            indices[i] = Arrays.binarySearch(sortedIds, order[i]);
        }
        return indices;
    }

    /**
     * Min-max normalises {@code scores} in place: the best becomes 1, the worst 0. When all scores
     * are equal there is no spread to normalise; every candidate is then as good as the best and
     * gets 1 (rather than NaN from 0/0).
     */
    public static void normalizeMinMax(double[] scores) {
        if (scores.length == 0) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            InvalidArgumentException.check(Double.isFinite(s), "score: expected a finite value, got %s", s);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        double range = max - min;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = range == 0 ? 1.0 : (scores[i] - min) / range;
        }
    }
}
