package io.engram.index;

import java.util.Arrays;

/** Ids and distances, best first. */
public record SearchResult(long[] ids, float[] distances) {

    public static final SearchResult EMPTY = new SearchResult(new long[0], new float[0]);

    static SearchResult of(long[] ids, float[] distances, int n) {
        if (n == 0) {
            return EMPTY;
        }
        return n == ids.length ? new SearchResult(ids, distances)
                : new SearchResult(Arrays.copyOf(ids, n), Arrays.copyOf(distances, n));
    }

    public int size() {
        return ids.length;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SearchResult[");
        for (int i = 0; i < ids.length; i++) {
            b.append(i == 0 ? "" : ", ").append(ids[i]).append('=').append(distances[i]);
        }
        return b.append(']').toString();
    }
}
