package io.engram.index.rabitq;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.index.SearchResult;

/**
 * 1-bit RaBitQ with the symmetric estimator, no rerank: the reference's {@code RabitqIndex}.
 *
 * <p>Each vector is normalised, rotated and reduced to the signs of its rotated coordinates (D bits)
 * plus its raw norm. A query is coded the same way; the agreement count B of the two codes gives the
 * angle estimate cos θ ≈ cos(π(1 − B/D)) (SimHash on the rotated basis), read from a per-index
 * table, and the score is the estimated L2² {@code (‖q‖² + ‖x‖²) − 2‖q‖‖x‖cos θ}, in that f32
 * operation order. Per candidate: {@code ⌈D/64⌉} XNOR-popcounts and one table load.
 *
 * <p>Scores, ids and memory accounting match the reference bit for bit (see the package's tests).
 */
public class RabitqIndex implements AnnIndex {

    final CodeStore store;
    final float[] cosTable;

    /** A Haar-rotated index (the reference's default). */
    public RabitqIndex(int dim, long seed) {
        this(dim, seed, RotationKind.HAAR_DENSE);
    }

    public RabitqIndex(int dim, long seed, RotationKind rotation) {
        this(new CodeStore(dim, seed, rotation, false));
    }

    RabitqIndex(CodeStore store) {
        this.store = store;
        this.cosTable = SignCodes.cosineTable(store.dim);
    }

    @Override
    public void add(long id, float[] vector) {
        store.add(id, vector);
    }

    /** Appends rows in order, encoding them on all cores; bit-identical to {@link #add} one by one. */
    public void addAll(long[] ids, float[][] vectors) {
        store.addAll(ids, vectors, true);
    }

    @Override
    public SearchResult search(float[] query, int k) {
        CodeStore.Rows rows = checkSearch(query, k);
        QueryScratch s = QueryScratch.get(store, 0);
        float queryNorm = encodeQuery(query, s);
        BufferedSelect select = s.candidates;
        select.reset(Math.min(k, rows.size()));
        scanSymmetric(rows, s.code, queryNorm, select);
        return toResult(select, rows.ids());
    }

    /** The kept (score, row) keys of {@code select}, ascending, as external ids and scores. */
    static SearchResult toResult(BufferedSelect select, int[] rowIds) {
        int n = select.finish();
        long[] ids = new long[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            long key = select.get(i);
            ids[i] = Integer.toUnsignedLong(rowIds[BufferedSelect.row(key)]);
            scores[i] = TotalOrder.value((int) (key >> 32));
        }
        return new SearchResult(ids, scores);
    }

    CodeStore.Rows checkSearch(float[] query, int k) {
        if (query == null) {
            throw new InvalidArgumentException("query must not be null");
        }
        DimensionMismatchException.check(store.dim, query.length);
        InvalidArgumentException.check(k >= 1, "k must be at least 1, got %d", k);
        CodeStore.Rows rows = store.rows();
        if (rows.size() == 0) {
            throw new EmptyIndexException();
        }
        return rows;
    }

    /** Codes {@code query} into {@code s.code} and returns its norm, at least 1e-10. */
    float encodeQuery(float[] query, QueryScratch s) {
        return Math.max(store.code(query, s.unit, s.rotated, s.rotationScratch, s.code, 0), 1e-10f);
    }

    /**
     * Offers every row's symmetric estimate to {@code select} (reset to the wanted count). When the
     * wanted count is a small fraction of the rows, the scores of a strided sample of rows give a
     * threshold that about 1.5 times the wanted count (plus a margin for sampling noise) will pass,
     * so few keys are buffered; if fewer than
     * wanted pass it, the scan is repeated without one, so the kept set is always exact.
     */
    final void scanSymmetric(CodeStore.Rows rows, long[] queryCode, float queryNorm, BufferedSelect select) {
        int n = rows.size();
        int wanted = select.capacity();
        if (n >= 8L * wanted && n >= SAMPLE * 4) {
            long[] sample = sampleKeys(rows, queryCode, queryNorm, n);
            // About 1.5× the wanted count (plus a margin for sampling noise) pass the guessed threshold.
            double expected = (double) wanted * SAMPLE / n;
            int rank = (int) Math.min(SAMPLE - 1, Math.ceil(1.5 * expected + 4 * Math.sqrt(expected) + 8));
            select.presetThreshold(BufferedSelect.nthSmallest(sample, SAMPLE, rank));
            scanRows(rows, queryCode, queryNorm, select);
            if (select.size() >= wanted) {
                return;
            }
            select.reset(wanted);
        }
        scanRows(rows, queryCode, queryNorm, select);
    }

    private static final int SAMPLE = 2048;
    private static final ThreadLocal<long[]> SAMPLE_KEYS = ThreadLocal.withInitial(() -> new long[SAMPLE]);

    /** Keys of a strided sample of rows. */
    private long[] sampleKeys(CodeStore.Rows rows, long[] queryCode, float queryNorm, int n) {
        long[] sample = SAMPLE_KEYS.get();
        int stride = n / SAMPLE;
        for (int i = 0; i < SAMPLE; i++) {
            int r = i * stride;
            sample[i] = BufferedSelect.key(symmetricScore(rows, queryCode, queryNorm, r), r);
        }
        return sample;
    }

    private float symmetricScore(CodeStore.Rows rows, long[] queryCode, float queryNorm, int r) {
        int agree = SignCodes.agreement(queryCode, 0, rows.codes(), r * store.words, store.words, store.lastMask);
        float xn = rows.norms()[r];
        float ip = (queryNorm * xn) * cosTable[agree];
        return (queryNorm * queryNorm + xn * xn) - 2.0f * ip;
    }

    private void scanRows(CodeStore.Rows rows, long[] queryCode, float queryNorm, BufferedSelect select) {
        ParityKernels.active().symmetricScan(rows.codes(), store.words, store.lastMask, rows.norms(), rows.size(), queryCode,
                queryNorm, cosTable, select);
    }

    @Override
    public int size() {
        return store.rows().size();
    }

    @Override
    public int dim() {
        return store.dim;
    }

    public RotationKind rotationKind() {
        return store.rotation.kind();
    }

    public long seed() {
        return store.rotation.seed();
    }

    public RandomRotation rotation() {
        return store.rotation;
    }

    /** Words per code, ⌈D/64⌉. */
    public int codeWords() {
        return store.words;
    }

    /** A copy of the packed codes of the first {@code size()} rows (MSB-first words). */
    public long[] packedCodes() {
        CodeStore.Rows rows = store.rows();
        return java.util.Arrays.copyOf(rows.codes(), rows.size() * store.words);
    }

    /** A copy of the raw norms. */
    public float[] norms() {
        CodeStore.Rows rows = store.rows();
        return java.util.Arrays.copyOf(rows.norms(), rows.size());
    }

    /** External ids in row order. */
    public long[] ids() {
        CodeStore.Rows rows = store.rows();
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toUnsignedLong(rows.ids()[i]);
        }
        return out;
    }

    public float[] cosTable() {
        return cosTable.clone();
    }

    @Override
    public long memoryBytes() {
        return store.codeBytes(size());
    }
}
