package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;

/**
 * Construction knobs shared by the graph engines, so that every engine is built with the same
 * degree and beam. The defaults (M = 16, beam 100) are Lucene's and JVector's own defaults and the
 * values of the platform baselines.
 *
 * @param m maximum neighbours per node above layer 0 (layer 0 keeps 2·M in HNSW)
 * @param efConstruction beam width while inserting (Lucene's and JVector's {@code beamWidth})
 */
public record EngineOptions(int m, int efConstruction) {

    public static final EngineOptions DEFAULTS = new EngineOptions(16, 100);

    public EngineOptions {
        InvalidArgumentException.check(m > 0 && m <= 512, "M must be in 1..512, got %d", m);
        InvalidArgumentException.check(efConstruction > 0 && efConstruction <= 3200,
                "ef-construction must be in 1..3200, got %d", efConstruction);
    }
}
