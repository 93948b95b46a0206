package io.engram.index.rabitq;

import io.engram.core.InvalidArgumentException;
import io.engram.index.SearchResult;

/**
 * 1-bit RaBitQ candidates reranked exactly: the reference's {@code RabitqPlusIndex}. The symmetric
 * scan of {@link RabitqIndex} keeps the C = min(max(k·rf, k), n) best estimates; their exact L2²
 * against the stored originals (sequential f32) picks the top k, so scores are exact distances.
 * The rerank factor rf (clamped to ≥ 1) trades speed for recall and can be overridden per call.
 *
 * <p>{@link #build} encodes on all cores and is bit-identical to serial {@link #add}.
 */
public final class RabitqPlusIndex implements AnnIndex {

    private final RabitqIndex codes;
    private volatile int rerankFactor;

    public RabitqPlusIndex(int dim, long seed, int rerankFactor) {
        this(dim, seed, rerankFactor, RotationKind.HAAR_DENSE);
    }

    public RabitqPlusIndex(int dim, long seed, int rerankFactor, RotationKind rotation) {
        this.codes = new RabitqIndex(new CodeStore(dim, seed, rotation, true));
        this.rerankFactor = Math.max(1, rerankFactor);
    }

    /**
     * The reference's {@code from_vectors_parallel}: validates every dimension and id first, encodes
     * on all cores, appends in input order.
     */
    public static RabitqPlusIndex build(int dim, long seed, int rerankFactor, RotationKind rotation,
                                        long[] ids, float[][] vectors) {
        RabitqPlusIndex index = new RabitqPlusIndex(dim, seed, rerankFactor, rotation);
        index.addAll(ids, vectors);
        return index;
    }

    @Override
    public void add(long id, float[] vector) {
        codes.add(id, vector);
    }

    /** Appends rows in order, encoding on all cores; bit-identical to {@link #add} one by one. */
    public void addAll(long[] ids, float[][] vectors) {
        codes.addAll(ids, vectors);
    }

    @Override
    public SearchResult search(float[] query, int k) {
        return search(query, k, rerankFactor);
    }

    /** Search with a per-call rerank factor (clamped to ≥ 1); the index's default is unchanged. */
    public SearchResult search(float[] query, int k, int rerankFactor) {
        CodeStore.Rows rows = codes.checkSearch(query, k);
        int n = rows.size();
        int candidates = (int) Math.min(Math.max((long) k * Math.max(1, rerankFactor), k), n);
        QueryScratch s = QueryScratch.get(codes.store, candidates);
        float queryNorm = codes.encodeQuery(query, s);
        BufferedSelect select = s.candidates;
        select.reset(candidates);
        codes.scanSymmetric(rows, s.code, queryNorm, select);
        return rerankSelected(query, k, rows, s, select);
    }

    /** Reranks the candidates kept by {@code select} (in any order: the top k is chosen by (distance, row)). */
    static SearchResult rerankSelected(float[] query, int k, CodeStore.Rows rows, QueryScratch s, BufferedSelect select) {
        int count = select.finishUnsorted();
        for (int i = 0; i < count; i++) {
            s.rows[i] = BufferedSelect.row(select.get(i));
        }
        return rerank(query, k, rows, s, count);
    }

    /** Exact L2² (the reference's sequential f32 sums) of the first {@code count} rows in {@code s.rows}, top k ascending. */
    static SearchResult rerank(float[] query, int k, CodeStore.Rows rows, QueryScratch s, int count) {
        ParityKernels.active().l2Squared(query, rows.originals(), query.length, s.rows, count, s.scores);
        BufferedSelect top = s.results;
        top.reset(Math.min(k, count));
        for (int i = 0; i < count; i++) {
            top.offer(BufferedSelect.key(s.scores[i], s.rows[i]));
        }
        return RabitqIndex.toResult(top, rows.ids());
    }

    public int rerankFactor() {
        return rerankFactor;
    }

    public void setRerankFactor(int rerankFactor) {
        this.rerankFactor = Math.max(1, rerankFactor);
    }

    /** The 1-bit side (codes, norms, rotation) for inspection. */
    public RabitqIndex codes() {
        return codes;
    }

    /** Row {@code row}'s original vector (a copy). */
    public float[] vector(int row) {
        CodeStore.Rows rows = codes.store.rows();
        InvalidArgumentException.check(row >= 0 && row < rows.size(), "row must be in 0..%d, got %d", rows.size() - 1, row);
        float[] out = new float[dim()];
        System.arraycopy(rows.originals(), row * dim(), out, 0, dim());
        return out;
    }

    /** External ids in row order. */
    public long[] ids() {
        return codes.ids();
    }

    /**
     * One published snapshot of ids and originals, uncopied: a persister reads ids and vectors of the
     * same rows even while another thread appends. Callers must not modify the arrays.
     */
    CodeStore.Rows rows() {
        return codes.store.rows();
    }

    public long seed() {
        return codes.seed();
    }

    public RotationKind rotationKind() {
        return codes.rotationKind();
    }

    @Override
    public int size() {
        return codes.size();
    }

    @Override
    public int dim() {
        return codes.dim();
    }

    /** Codes + 24 bytes + the originals (4·n·D), as the reference counts. */
    @Override
    public long memoryBytes() {
        int n = size();
        return codes.memoryBytes() + 24 + 4L * n * dim();
    }
}
