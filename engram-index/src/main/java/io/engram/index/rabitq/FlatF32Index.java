package io.engram.index.rabitq;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.index.SearchResult;
import java.util.Arrays;

/**
 * Exact L2² brute force with the reference's arithmetic (sequential f32 sums) and top-k rule: the
 * ground truth of the RaBitQ benchmarks. Same publication scheme as {@link CodeStore}: lock-free
 * readers, serialised appends. For a general-purpose exact index use {@link io.engram.index.FlatIndex}.
 *
 * <p>Layout: rows are stored in blocks of 16, column-interleaved (the 16 rows' values of dimension
 * j are adjacent), so the Vector API kernel computes sixteen distances with one contiguous load per
 * dimension while every distance stays its row's sequential sum. Lanes past the published size in
 * the last block are computed and never offered.
 */
public final class FlatF32Index implements AnnIndex {

    private static final int B = ParityKernels.BLOCK_ROWS;

    private record Rows(long[] ids, float[] blocks, int size) {}

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
        CodeStore.checkFinite(vector);
        Rows r = rows;
        int n = r.size;
        long[] ids = r.ids;
        float[] blocks = r.blocks;
        if (n == ids.length) {
            long limit = (Integer.MAX_VALUE - 16L) / dim / B * B; // whole blocks of dim floats in one array
            InvalidArgumentException.check(n < limit, "index full: %d rows of dimension %d is the most one array holds", n, dim);
            int capacity = (int) Math.min(limit, Math.max(B, ((n + (n >> 1L)) + B - 1) / B * B));
            ids = Arrays.copyOf(ids, capacity);
            blocks = Arrays.copyOf(blocks, capacity * dim);
        }
        ids[n] = id;
        int base = (n / B) * B * dim + n % B;
        for (int j = 0; j < dim; j++) {
            blocks[base + j * B] = vector[j];
        }
        rows = new Rows(ids, blocks, n + 1);
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
        float[] distances = new float[B];
        ParityKernels kernels = ParityKernels.active();
        for (int start = 0; start < n; start += B) {
            kernels.l2SquaredBlock(query, r.blocks, start * dim, dim, distances);
            int count = Math.min(B, n - start);
            for (int i = 0; i < count; i++) {
                heap.offer(distances[i], start + i);
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
