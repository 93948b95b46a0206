package io.engram.index;

import io.engram.core.TopK;
import java.util.concurrent.locks.StampedLock;

/**
 * Per-thread search state of the scanning indexes (Flat, KD-tree, LSH): the prepared query, the
 * top-k heap and the current call's arguments, so that a search allocates nothing.
 */
class SearchScratch {

    final float[] query;
    final TopK top = TopK.smallest(16);
    int k;
    /** Internal distance limit (the call's threshold, see {@link IndexDistance#internalThreshold}). */
    float limit;
    SearchFilter filter;
    long[] outIds;
    float[] outDistances;

    SearchScratch(int dimension) {
        query = new float[dimension];
    }

    /** Takes one call's arguments (the query is prepared separately into {@link #query}). */
    void begin(int k, SearchParams params, IndexDistance distance, long[] outIds, float[] outDistances) {
        this.k = k;
        this.filter = params.filter();
        this.limit = distance.internalThreshold(params.distanceThreshold());
        this.outIds = outIds;
        this.outDistances = outDistances;
    }

    /** Drops references to the caller's objects so the thread-local does not keep them alive. */
    void end() {
        filter = null;
        outIds = null;
        outDistances = null;
    }

    /**
     * Runs {@code body} as an optimistic read (it leaves up to k internal distances in the output
     * arrays), turns them into reported distances in the contract's order, and ends the call.
     */
    static <S extends SearchScratch> int run(StampedLock lock, OptimisticRead.Body<S> body, S s, IndexDistance distance) {
        try {
            int n = OptimisticRead.run(lock, body, s);
            distance.report(s.outIds, s.outDistances, n);
            return n;
        } finally {
            s.end();
        }
    }
}
