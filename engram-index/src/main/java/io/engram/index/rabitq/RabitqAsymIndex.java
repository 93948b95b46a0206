package io.engram.index.rabitq;

import io.engram.index.SearchResult;

/**
 * The reference's asymmetric variant ("RaBitQ-2024-style"): the database stays 1-bit, the query is
 * the rotated f32 unit vector q_r, and ⟨x, q⟩/(‖x‖‖q‖) ≈ Σ ±q_r[i] / √D, the sign taken from x's
 * code. It omits the paper's per-vector correction ⟨ō, o⟩, so it is biased (see
 * {@link RabitqIvfIndex} for the corrected estimator). With rf ≤ 1 it returns the top-k estimates;
 * with rf &gt; 1 it keeps originals and reranks C = min(k·rf, n) candidates exactly. O(D) per candidate
 * with scalar bit extraction — kept for parity, not speed.
 *
 * <p>Unlike the reference, both rotations are allowed, and a rejected add leaves the index unchanged.
 */
public final class RabitqAsymIndex implements AnnIndex {

    private final RabitqIndex codes;
    private final int rerankFactor;
    private final float inverseSqrtDim;

    public RabitqAsymIndex(int dim, long seed, int rerankFactor) {
        this(dim, seed, rerankFactor, RotationKind.HAAR_DENSE);
    }

    public RabitqAsymIndex(int dim, long seed, int rerankFactor, RotationKind rotation) {
        int rf = Math.max(1, rerankFactor);
        this.codes = new RabitqIndex(new CodeStore(dim, seed, rotation, rf > 1));
        this.rerankFactor = rf;
        this.inverseSqrtDim = 1.0f / (float) Math.sqrt((float) dim);
    }

    @Override
    public void add(long id, float[] vector) {
        codes.add(id, vector);
    }

    public void addAll(long[] ids, float[][] vectors) {
        codes.addAll(ids, vectors);
    }

    @Override
    public SearchResult search(float[] query, int k) {
        CodeStore.Rows rows = codes.checkSearch(query, k);
        CodeStore store = codes.store;
        int n = rows.size();
        int dim = store.dim;
        int candidates = rerankFactor > 1 ? (int) Math.min(Math.max((long) k * rerankFactor, k), n) : Math.min(k, n);
        QueryScratch s = QueryScratch.get(store, candidates);
        float queryNorm = codes.encodeQuery(query, s);
        float[] qr = s.rotated;
        float q2 = queryNorm * queryNorm;
        long[] packed = rows.codes();
        float[] norms = rows.norms();
        int words = store.words;
        BufferedSelect select = s.candidates;
        select.reset(candidates);
        for (int r = 0; r < n; r++) {
            int base = r * words;
            float acc = 0.0f;
            for (int i = 0; i < dim; i++) {
                acc += SignCodes.bit(packed, base, i) ? qr[i] : -qr[i];
            }
            float sim = acc * inverseSqrtDim;
            float xn = norms[r];
            float ip = (queryNorm * xn) * sim;
            select.offer(BufferedSelect.key((q2 + xn * xn) - 2.0f * ip, r));
        }
        if (rerankFactor <= 1) {
            return RabitqIndex.toResult(select, rows.ids());
        }
        int count = select.finish();
        for (int i = 0; i < count; i++) {
            s.rows[i] = BufferedSelect.row(select.get(i));
        }
        return RabitqPlusIndex.rerank(query, k, rows, s, count);
    }

    public int rerankFactor() {
        return rerankFactor;
    }

    @Override
    public int size() {
        return codes.size();
    }

    @Override
    public int dim() {
        return codes.dim();
    }

    /** Codes, plus n·(4D + 24) when originals are kept (rf &gt; 1), as the reference counts. */
    @Override
    public long memoryBytes() {
        long bytes = codes.memoryBytes();
        if (rerankFactor > 1) {
            bytes += (long) size() * (4L * dim() + 24);
        }
        return bytes;
    }
}
