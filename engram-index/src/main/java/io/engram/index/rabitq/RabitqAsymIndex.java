package io.engram.index.rabitq;

import io.engram.core.InvalidArgumentException;
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
        return search(query, k, rerankFactor);
    }

    /**
     * Search with a per-call rerank factor (clamped to ≥ 1). Reranking needs the originals, which
     * are kept only when the index was built with a factor above 1; asking such an index for
     * rf &gt; 1 is an error, and rf = 1 returns the estimates.
     */
    public SearchResult search(float[] query, int k, int rerankFactor) {
        int rf = Math.max(1, rerankFactor);
        if (rf > 1 && this.rerankFactor <= 1) {
            throw new InvalidArgumentException("rerank factor " + rf + " needs the original vectors, which this index"
                    + " does not keep (it was created with rerank factor 1)");
        }
        CodeStore.Rows rows = codes.checkSearch(query, k);
        CodeStore store = codes.store;
        int n = rows.size();
        int dim = store.dim;
        int candidates = rf > 1 ? (int) Math.min(Math.max((long) k * rf, k), n) : Math.min(k, n);
        QueryScratch s = QueryScratch.get(store, candidates);
        float queryNorm = codes.encodeQuery(query, s);
        float[] qr = s.rotated;
        float q2 = queryNorm * queryNorm;
        long[] packed = rows.codes();
        float[] norms = rows.norms();
        int words = store.words;
        BufferedSelect select = s.candidates;
        select.reset(candidates);
        int r = 0;
        // Four candidates advance together, each still one sequential f32 sum of ±q_r[i] (the
        // reference's bits); the sign comes from flipping q_r[i]'s sign bit, without a branch.
        for (; r + 4 <= n; r += 4) {
            float a0 = 0.0f;
            float a1 = 0.0f;
            float a2 = 0.0f;
            float a3 = 0.0f;
            int c0 = r * words;
            for (int w = 0; w < words; w++) {
                long x0 = packed[c0 + w];
                long x1 = packed[c0 + words + w];
                long x2 = packed[c0 + 2 * words + w];
                long x3 = packed[c0 + 3 * words + w];
                int end = Math.min(64, dim - (w << 6));
                int base = w << 6;
                for (int b = 0; b < end; b++) {
                    int q = Float.floatToRawIntBits(qr[base + b]);
                    a0 += Float.intBitsToFloat(q ^ flip(x0, b));
                    a1 += Float.intBitsToFloat(q ^ flip(x1, b));
                    a2 += Float.intBitsToFloat(q ^ flip(x2, b));
                    a3 += Float.intBitsToFloat(q ^ flip(x3, b));
                }
            }
            select.offer(BufferedSelect.key(score(a0, queryNorm, q2, norms[r]), r));
            select.offer(BufferedSelect.key(score(a1, queryNorm, q2, norms[r + 1]), r + 1));
            select.offer(BufferedSelect.key(score(a2, queryNorm, q2, norms[r + 2]), r + 2));
            select.offer(BufferedSelect.key(score(a3, queryNorm, q2, norms[r + 3]), r + 3));
        }
        for (; r < n; r++) {
            int base = r * words;
            float acc = 0.0f;
            for (int i = 0; i < dim; i++) {
                acc += SignCodes.bit(packed, base, i) ? qr[i] : -qr[i];
            }
            select.offer(BufferedSelect.key(score(acc, queryNorm, q2, norms[r]), r));
        }
        if (rf <= 1) {
            return RabitqIndex.toResult(select, rows.ids());
        }
        return RabitqPlusIndex.rerankSelected(query, k, rows, s, select);
    }

    /** The sign-bit mask that negates a float when bit {@code b} (MSB first) of {@code word} is 0. */
    private static int flip(long word, int b) {
        return (int) ~((word << b) >> 63) & 0x8000_0000;
    }

    /** {@code (‖q‖² + ‖x‖²) − 2·(‖q‖·‖x‖)·(acc/√D)}, in the reference's operation order. */
    private float score(float acc, float queryNorm, float q2, float xn) {
        float ip = (queryNorm * xn) * (acc * inverseSqrtDim);
        return (q2 + xn * xn) - 2.0f * ip;
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
