package io.engram.bench.ann;

import java.io.IOException;
import java.util.Map;

/**
 * One ANN implementation under test, configured but not yet built. {@link #build} indexes a
 * dataset and returns an {@link Index} that answers queries.
 *
 * <p>Engines are created by name through {@link AnnEngines}.
 */
public interface AnnEngine {

    /** The registry name, e.g. {@code engram-hnsw}. */
    String name();

    /** Construction parameters, for the report (e.g. {@code M=16, efConstruction=100}). */
    Map<String, Object> params();

    /** The name of the knob {@link Index#search} sweeps, e.g. {@code "ef"}; empty when there is none. */
    default String sweepName() {
        return "ef";
    }

    /**
     * Default values of the search knob, one measured point each. An engine without a knob (exact
     * search) returns a single 0.
     */
    int[] defaultSweep();

    /** Indexes every train vector of {@code data} (id = row number) using up to {@code threads} threads. */
    Index build(Dataset data, int threads) throws IOException;

    /** A built index. Searches come from one thread at a time; the harness never calls it concurrently. */
    interface Index extends AutoCloseable {

        /**
         * Writes up to {@code k} nearest ids, best first, into {@code ids} (length ≥ k) and returns
         * how many were written. {@code searchParam} is one sweep value.
         */
        int search(float[] query, int k, int searchParam, long[] ids) throws IOException;

        /** Bytes the index occupies (heap estimate or files), raw vectors included. */
        long indexBytes();

        /** Extra facts worth reporting after the build (e.g. which vectorization is active). */
        default Map<String, Object> info() {
            return Map.of();
        }

        @Override
        void close() throws IOException;
    }
}
