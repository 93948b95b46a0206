package io.engram.index.rabitq;

import io.engram.index.SearchResult;
import java.util.ArrayList;
import java.util.List;

/** The CPU {@link VectorKernel}: each query through {@link RabitqPlusIndex#search}, in order. */
public final class CpuKernel implements VectorKernel {

    public static final String ID = "cpu";
    private static final Caps CAPS = new Caps("cpu", 1, 0, true);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Caps caps() {
        return CAPS;
    }

    @Override
    public List<SearchResult> scan(ScanRequest request) {
        RabitqPlusIndex index = request.index();
        int rerank = request.rerankFactor().orElse(index.rerankFactor());
        List<SearchResult> out = new ArrayList<>(request.queries().size());
        for (float[] query : request.queries()) {
            out.add(index.search(query, request.k(), rerank));
        }
        return out;
    }
}
