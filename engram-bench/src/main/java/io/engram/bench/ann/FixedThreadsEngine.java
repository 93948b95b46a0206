package io.engram.bench.ann;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An engine that always builds on a fixed number of threads, whatever {@code --threads} says:
 * {@code --engines lucene-hnsw@1} next to {@code engram-hnsw} on two threads puts a peer's
 * single-thread build in the same run. Searches are unaffected (always one thread).
 */
record FixedThreadsEngine(AnnEngine delegate, int threads) implements AnnEngine {

    @Override
    public String name() {
        return delegate.name() + "@" + threads;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>(delegate.params());
        params.put("buildThreads", threads);
        return params;
    }

    @Override
    public String sweepName() {
        return delegate.sweepName();
    }

    @Override
    public int[] defaultSweep() {
        return delegate.defaultSweep();
    }

    @Override
    public Index build(Dataset data, int ignoredThreads) throws IOException {
        return delegate.build(data, threads);
    }
}
