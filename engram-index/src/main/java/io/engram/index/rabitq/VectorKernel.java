package io.engram.index.rabitq;

import io.engram.core.InvalidArgumentException;
import io.engram.index.SearchResult;
import java.util.List;
import java.util.OptionalInt;

/**
 * A batch scanner over a {@link RabitqPlusIndex} (the reference's ADR-157 {@code VectorKernel}): one
 * result list per query, in query order. The contract is that the scan phase of every kernel is
 * bit-identical to {@link RabitqPlusIndex#search}; a kernel that is not
 * {@linkplain Caps#deterministic() deterministic} may serve only eventually-consistent paths. Only
 * {@link CpuKernel} exists; the interface is the seam for accelerators.
 */
public interface VectorKernel {

    /** What a kernel can take. {@code maxDim} 0 means unbounded. */
    record Caps(String accelerator, int minBatch, int maxDim, boolean deterministic) {}

    /**
     * One batch: {@code rerankFactor} empty means the index's own factor.
     */
    record ScanRequest(RabitqPlusIndex index, List<float[]> queries, int k, OptionalInt rerankFactor) {
        public ScanRequest {
            InvalidArgumentException.check(index != null, "scan request needs an index");
            InvalidArgumentException.check(queries != null, "scan request needs a query list");
            InvalidArgumentException.check(k >= 1, "k must be at least 1, got %d", k);
            queries = List.copyOf(queries);
            rerankFactor = rerankFactor == null ? OptionalInt.empty() : rerankFactor;
        }
    }

    String id();

    Caps caps();

    List<SearchResult> scan(ScanRequest request);
}
