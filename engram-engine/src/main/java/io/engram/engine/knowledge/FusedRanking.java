package io.engram.engine.knowledge;

/**
 * The result of {@link ReciprocalRankFusion#fuseIds}: ids in ascending order and, at the same
 * index, their fused score. Parallel arrays rather than one object per candidate; the arrays are
 * the caller's to normalise or sort in place, so equality is by identity.
 */
public record FusedRanking(long[] ids, double[] scores) {
    public int size() {
        return ids.length;
    }
}
