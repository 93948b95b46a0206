package io.engram.index.rabitq;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.index.SearchResult;
import java.util.Arrays;

/**
 * Exact L2² brute force with the reference's arithmetic (sequential f32 sums) and top-k rule: the
 * ground truth of the RaBitQ benchmarks. Same publication scheme as {@link CodeStore}: lock-free
 * readers, serialised appends. For a general-purpose exact index use {@link io.engram.index.FlatIndex}.
 */
public final class FlatF32Index implements AnnIndex {

    private record Rows(long[] ids, float[] vectors, int size) {}

    private final int dim;
    private volatile Rows rows = new Rows(new long[0], new float[0], 0);

    public FlatF32Index(int dim) {
        InvalidArgumentException.check(dim > 0, "dimension must be positive, got %d", dim);
        this.dim = dim;
    }

    @Override
    public synchronized void add(long id, float[] vector) {
        InvalidArgumentException.check(vector != null, "vector must not be null");
        DimensionMismatchException.check(dim, vector.length);
        Rows r = rows;
        int n = r.size;
        long[] ids = r.ids;
        float[] vectors = r.vectors;
        if (n == ids.length) {
            int capacity = Math.max(16, n + (n >> 1));
            InvalidArgumentException.check((long) capacity * dim <= Integer.MAX_VALUE - 16,
                    "index full: %d rows of dimension %d", n, dim);
            ids = Arrays.copyOf(ids, capacity);
            vectors = Arrays.copyOf(vectors, capacity * dim);
        }
        ids[n] = id;
        System.arraycopy(vector, 0, vectors, n * dim, dim);
        rows = new Rows(ids, vectors, n + 1);
    }

    @Override
    public SearchResult search(float[] query, int k) {
        InvalidArgumentException.check(query != null, "query must not be null");
        DimensionMismatchException.check(dim, query.length);
        InvalidArgumentException.check(k >= 1, "k must be at least 1, got %d", k);
        Rows r = rows;
        int n = r.size;
        if (n == 0) {
            throw new EmptyIndexException();
        }
        CandidateHeap heap = new CandidateHeap();
        heap.reset(Math.min(k, n));
        for (int row = 0; row < n; row++) {
            float d = SignCodes.l2Squared(query, r.vectors, row * dim, dim);
            if (!heap.full() || TotalOrder.key(d) < heap.worstKey()) {
                heap.offer(d, row);
            }
        }
        int count = heap.size();
        int[] outRows = new int[count];
        float[] scores = new float[count];
        heap.drainAscending(outRows, scores);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = r.ids[outRows[i]];
        }
        return new SearchResult(ids, scores);
    }

    @Override
    public int size() {
        return rows.size;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** n·(4D + 16), as the reference counts (vector plus id and list bookkeeping). */
    @Override
    public long memoryBytes() {
        return (long) size() * (4L * dim + 16);
    }
}
