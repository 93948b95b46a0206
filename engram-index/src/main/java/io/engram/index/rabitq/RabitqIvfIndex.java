package io.engram.index.rabitq;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import io.engram.index.SearchFilter;
import io.engram.index.SearchResult;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * IVF-partitioned RaBitQ with the paper's estimator (Gao &amp; Long, SIGMOD 2024) and exact rerank
 * decided by its error bound. Beyond the reference, which scans every code with an uncorrected
 * estimator and reranks a fixed multiple of k.
 *
 * <p><b>Build.</b> k-means ({@link KMeans}) splits the data into lists. A vector o in list l is coded
 * as its residual r = o − c_l: rotated by a signed-Hadamard operator over the padded length P (all P
 * outputs kept, so the rotation is orthogonal), normalised to u = R·r/‖r‖, and stored as the P sign
 * bits of u (ō = sign(u)/√P) plus three scalars: ‖r‖, the correction ⟨ō, u⟩ = Σ|u_i|/√P (≈ 0.8) and
 * the error bound ε₀·√(1 − ⟨ō,u⟩²)/⟨ō,u⟩/√(P − 1). The originals are kept per list for rerank unless
 * {@link IvfParams#keepOriginals()} is off; then scores are the estimates and "exact distance" below
 * reads "best estimate".
 *
 * <p><b>Search.</b> The query is rotated once; the {@code probes} lists with the nearest centres are
 * scanned. Per list the rotated query residual is normalised and quantised to 4 bits per coordinate
 * (bit planes), so ⟨ō, q⟩ comes from four AND-popcounts per code word; dividing by ⟨ō, u⟩ gives the
 * unbiased estimate of ⟨u, q⟩ and, with the norms and the error bound, a lower bound on the
 * distance. Lists are scanned nearest first; a code whose lower bound is below the current k-th
 * exact distance gets its exact distance from the original, all others are skipped (with the
 * bound's confidence they cannot enter the top k). No rerank factor to tune: recall is governed by
 * {@code probes} and ε₀.
 *
 * <p><b>Scan kernel.</b> Codes of one list are contiguous; the scan scores four codes per pass over
 * the query's bit planes, so each plane word is loaded once per four candidates.
 *
 * <p>Scores are exact L2² distances (estimates without originals). Ids are unique longs. Thread-safe:
 * searches are lock-free over per-list snapshots; adds (assigned to the nearest existing centre),
 * removes (a bit per row) and {@link #compact()} are serialised.
 */
public final class RabitqIvfIndex implements AnnIndex {

    /**
     * One list's rows; rows [0, size) are complete and their codes never change. {@code extended}
     * holds P bytes per row when bits &gt; 1, {@code vectors} D floats per row when originals are
     * kept; otherwise they are empty. {@code removed} is a bit per row (set by {@link #remove}, the
     * only array written after publication: a search that raced the remove may still return the
     * row); {@code live} counts rows not removed.
     */
    record ListRows(long[] ids, long[] codes, float[] norms, float[] inverseCorrections, float[] bounds,
                            int[] popCounts, byte[] extended, float[] extendedFactors, float[] extendedBounds,
                            float[] vectors, int[] removed, int size, int live) {

        static ListRows empty(int capacity, Layout layout) {
            return new ListRows(new long[capacity], new long[capacity * layout.words], new float[capacity],
                    new float[capacity], new float[capacity], new int[capacity],
                    new byte[capacity * layout.extendedBytes], new float[layout.extendedBytes > 0 ? capacity : 0],
                    new float[layout.extendedBytes > 0 ? capacity : 0], new float[capacity * layout.vectorFloats],
                    new int[(capacity + 31) >>> 5], 0, 0);
        }

        boolean isRemoved(int row) {
            return (removed[row >>> 5] & (1 << row)) != 0;
        }

        ListRows grow(int capacity, Layout layout) {
            boolean extendedCodes = layout.extendedBytes > 0;
            return new ListRows(Arrays.copyOf(ids, capacity), Arrays.copyOf(codes, capacity * layout.words),
                    Arrays.copyOf(norms, capacity), Arrays.copyOf(inverseCorrections, capacity),
                    Arrays.copyOf(bounds, capacity), Arrays.copyOf(popCounts, capacity),
                    Arrays.copyOf(extended, capacity * layout.extendedBytes),
                    Arrays.copyOf(extendedFactors, extendedCodes ? capacity : 0),
                    Arrays.copyOf(extendedBounds, extendedCodes ? capacity : 0),
                    Arrays.copyOf(vectors, capacity * layout.vectorFloats),
                    Arrays.copyOf(removed, (capacity + 31) >>> 5), size, live);
        }

        /** The same arrays with {@code added} more complete rows, all live. */
        ListRows withAdded(int added) {
            return new ListRows(ids, codes, norms, inverseCorrections, bounds, popCounts, extended, extendedFactors,
                    extendedBounds, vectors, removed, size + added, live + added);
        }

        ListRows withLive(int newLive) {
            return new ListRows(ids, codes, norms, inverseCorrections, bounds, popCounts, extended, extendedFactors,
                    extendedBounds, vectors, removed, size, newLive);
        }
    }

    /** Per-row widths: sign-code words, extended-code bytes (0 for 1 bit), original floats (0 when not kept). */
    record Layout(int words, int extendedBytes, int vectorFloats) {
        /** Array slots of the widest per-row array: bounds how many rows one list can hold. */
        long widest() {
            return Math.max(words, Math.max(extendedBytes, Math.max(1, vectorFloats)));
        }
    }

    private static final int QUERY_BITS = 4;
    private static final int QUERY_LEVELS = (1 << QUERY_BITS) - 1;

    private final int dim;
    private final int padded;
    private final int words;
    private final int listCount;
    private final IvfParams params;
    private final HadamardRotation rotation;
    private final float[] centroids;
    private final float[] rotatedCentroids;
    private final float inverseSqrtPadded;
    private final float errorScale;
    private final Layout layout;
    private final AtomicReferenceArray<ListRows> lists;
    /** id → (list, row) of live rows, for {@link #remove} and duplicate checks; guarded by {@code this}. */
    private final IdLocations locations = new IdLocations();
    private volatile int size;

    RabitqIvfIndex(int dim, IvfParams params, float[] centroids, int listCount) {
        this.dim = dim;
        this.params = params;
        this.listCount = listCount;
        this.rotation = (HadamardRotation) RandomRotation.of(RotationKind.HADAMARD_SIGNED, dim, params.seed());
        this.padded = rotation.paddedDim();
        this.words = SignCodes.wordsFor(padded);
        this.centroids = centroids;
        InvalidArgumentException.check((long) listCount * padded <= Integer.MAX_VALUE - 16,
                "%d lists × %d padded dimensions do not fit one array", listCount, padded);
        this.rotatedCentroids = new float[listCount * padded];
        float[] out = new float[padded];
        float[] centre = new float[dim];
        for (int l = 0; l < listCount; l++) {
            System.arraycopy(centroids, l * dim, centre, 0, dim);
            rotation.applyPadded(centre, out);
            System.arraycopy(out, 0, rotatedCentroids, l * padded, padded);
        }
        this.inverseSqrtPadded = (float) (1.0 / Math.sqrt(padded));
        this.errorScale = (float) (params.epsilon0() / Math.sqrt(Math.max(1, padded - 1)));
        this.layout = new Layout(words, params.bits() > 1 ? padded : 0, params.keepOriginals() ? dim : 0);
        this.lists = new AtomicReferenceArray<>(listCount);
        for (int l = 0; l < listCount; l++) {
            lists.set(l, ListRows.empty(0, layout));
        }
    }

    /**
     * Trains the partitions on {@code vectors} and indexes them under {@code ids}, on all cores.
     * Deterministic for a given input and seed.
     */
    public static RabitqIvfIndex build(int dim, long[] ids, float[][] vectors, IvfParams params) {
        InvalidArgumentException.check(dim > 0, "dimension must be positive, got %d", dim);
        InvalidArgumentException.check(ids.length == vectors.length,
                "ids and vectors must have the same length, got %d and %d", ids.length, vectors.length);
        int n = vectors.length;
        InvalidArgumentException.check(n >= 1, "building an IVF index needs at least one vector");
        for (float[] v : vectors) {
            checkVector(dim, v);
        }
        int lists = params.lists() == 0 ? (int) Math.ceil(Math.sqrt(n)) : params.lists();
        InvalidArgumentException.check(lists <= n, "lists (%d) must not exceed the vector count (%d)", lists, n);
        float[] centres = KMeans.train(vectors, dim, lists, params.trainIterations(),
                Math.max(params.trainSample(), lists), params.seed());
        RabitqIvfIndex index = new RabitqIvfIndex(dim, params, centres, lists);
        index.bulkLoad(ids, vectors);
        return index;
    }

    private static void checkVector(int dim, float[] v) {
        InvalidArgumentException.check(v != null, "vector must not be null");
        DimensionMismatchException.check(dim, v.length);
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new InvalidArgumentException("vector values must be finite, got " + x);
            }
        }
    }

    private synchronized void bulkLoad(long[] ids, float[][] vectors) {
        int n = vectors.length;
        int[] assignment = new int[n];
        IntStream.range(0, n).parallel().forEach(i -> assignment[i] = KMeans.nearest(vectors[i], centroids, listCount, dim));
        int[] counts = new int[listCount];
        int[] position = new int[n];
        for (int i = 0; i < n; i++) {
            position[i] = counts[assignment[i]]++;
            if (!locations.add(ids[i], location(assignment[i], position[i]))) {
                throw new InvalidArgumentException("duplicate id " + ids[i] + " at row " + i + " of the build");
            }
        }
        ListRows[] built = new ListRows[listCount];
        for (int l = 0; l < listCount; l++) {
            checkRowsFit(counts[l]);
            built[l] = ListRows.empty(counts[l], layout);
        }
        ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[][] {new float[dim], new float[padded], new float[2]});
        IntStream.range(0, n).parallel().forEach(i -> {
            float[][] s = scratch.get();
            encode(vectors[i], ids[i], assignment[i], built[assignment[i]], position[i], s);
        });
        for (int l = 0; l < listCount; l++) {
            lists.set(l, built[l].withAdded(counts[l]));
        }
        size = n;
    }

    private static long location(int list, int row) {
        return ((long) list << 32) | row;
    }

    /** Rejects a list length whose per-row arrays would not fit one Java array. */
    private void checkRowsFit(long rows) {
        long widest = layout.widest();
        if (rows * widest > Integer.MAX_VALUE - 16L) {
            throw new InvalidArgumentException("one list cannot hold " + rows + " rows of " + widest
                    + " array slots each (at most " + (Integer.MAX_VALUE - 16L) / widest + "); use more lists");
        }
    }

    /** Codes {@code v} (list {@code list}) into row {@code row} of {@code target}; scratch = {residual, rotated, pair}. */
    private void encode(float[] v, long id, int list, ListRows target, int row, float[][] scratch) {
        float[] residual = scratch[0];
        float[] rotated = scratch[1];
        int cBase = list * dim;
        float sq = 0.0f;
        for (int j = 0; j < dim; j++) {
            float r = v[j] - centroids[cBase + j];
            residual[j] = r;
            sq += r * r;
        }
        float norm = (float) Math.sqrt(sq);
        rotation.applyPadded(residual, rotated);
        float correction;
        if (norm > 0) {
            float abs = 0.0f;
            for (int i = 0; i < padded; i++) {
                abs += Math.abs(rotated[i]);
            }
            correction = abs / norm * inverseSqrtPadded;
        } else {
            correction = 1.0f; // o = c: the estimate is exact whatever the code says
        }
        correction = Math.min(1.0f, Math.max(correction, 1e-6f));
        SignCodes.packSigns(rotated, padded, target.codes, row * words);
        int pop = Kernels.bits().popCount(target.codes, row * words, words);
        target.ids[row] = id;
        target.norms[row] = norm;
        target.inverseCorrections[row] = 1.0f / correction;
        target.bounds[row] = errorScale * (float) Math.sqrt(Math.max(0.0, 1.0 - (double) correction * correction)) / correction;
        target.popCounts[row] = pop;
        if (layout.extendedBytes > 0) {
            float inverseNorm = norm > 0 ? 1.0f / norm : 0.0f;
            for (int i = 0; i < padded; i++) {
                rotated[i] *= inverseNorm;
            }
            float[] pair = scratch[2];
            ExtendedCodes.encode(rotated, padded, params.bits(), target.extended, row * padded, pair);
            float cosine = pair[1] > 0 ? pair[0] / pair[1] : 0.0f;
            if (norm > 0 && cosine > 1e-6f) {
                cosine = Math.min(1.0f, cosine);
                target.extendedFactors[row] = 1.0f / pair[0];
                target.extendedBounds[row] = errorScale * (float) Math.sqrt(Math.max(0.0, 1.0 - (double) cosine * cosine)) / cosine;
            } else { // o = c: the distance is ‖q − c‖² whatever the code says
                target.extendedFactors[row] = 0.0f;
                target.extendedBounds[row] = 0.0f;
            }
        }
        if (layout.vectorFloats > 0) {
            System.arraycopy(v, 0, target.vectors, row * dim, dim);
        }
    }

    /** Appends {@code vector} to the list of its nearest centre; {@code id} must not be in the index. */
    @Override
    public synchronized void add(long id, float[] vector) {
        checkVector(dim, vector);
        if (locations.get(id) >= 0) {
            throw new InvalidArgumentException("id " + id + " is already in the index; remove it first to replace it");
        }
        int list = KMeans.nearest(vector, centroids, listCount, dim);
        ListRows current = lists.get(list);
        int row = current.size;
        ListRows target = current;
        if (row == current.ids.length) {
            checkRowsFit(row + 1L);
            int capacity = (int) Math.min(Math.max(16L, row + (row >> 1)), (Integer.MAX_VALUE - 16L) / layout.widest());
            target = current.grow(capacity, layout);
        }
        encode(vector, id, list, target, row, new float[][] {new float[dim], new float[padded], new float[2]});
        locations.add(id, location(list, row));
        lists.set(list, target.withAdded(1));
        size = size + 1;
    }

    /**
     * Removes {@code id}: its row is marked removed (a bit per row) and never returned again; the
     * space is kept until {@link #compact()}. Returns false when the id is absent.
     */
    public synchronized boolean remove(long id) {
        long at = locations.remove(id);
        if (at < 0) {
            return false;
        }
        int list = (int) (at >>> 32);
        int row = (int) at;
        ListRows rows = lists.get(list);
        rows.removed[row >>> 5] |= 1 << row;
        lists.set(list, rows.withLive(rows.live - 1)); // volatile publication orders the bit before later searches
        size = size - 1;
        return true;
    }

    /**
     * Drops removed rows: every list with removed rows is copied without them (codes and factors
     * are moved, not recomputed) and published whole, so searches never see a half-compacted list.
     * Returns how many rows were dropped.
     */
    public synchronized int compact() {
        int dropped = 0;
        for (int l = 0; l < listCount; l++) {
            ListRows rows = lists.get(l);
            int gone = rows.size - rows.live;
            if (gone == 0) {
                continue;
            }
            ListRows out = ListRows.empty(rows.live, layout);
            int w = layout.words;
            int e = layout.extendedBytes;
            int v = layout.vectorFloats;
            int to = 0;
            for (int r = 0; r < rows.size; r++) {
                if (rows.isRemoved(r)) {
                    continue;
                }
                out.ids[to] = rows.ids[r];
                System.arraycopy(rows.codes, r * w, out.codes, to * w, w);
                out.norms[to] = rows.norms[r];
                out.inverseCorrections[to] = rows.inverseCorrections[r];
                out.bounds[to] = rows.bounds[r];
                out.popCounts[to] = rows.popCounts[r];
                if (e > 0) {
                    System.arraycopy(rows.extended, r * e, out.extended, to * e, e);
                    out.extendedFactors[to] = rows.extendedFactors[r];
                    out.extendedBounds[to] = rows.extendedBounds[r];
                }
                if (v > 0) {
                    System.arraycopy(rows.vectors, r * v, out.vectors, to * v, v);
                }
                locations.remove(rows.ids[r]);
                locations.add(rows.ids[r], location(l, to));
                to++;
            }
            lists.set(l, out.withAdded(to));
            dropped += gone;
        }
        return dropped;
    }

    /** Whether {@code id} is in the index. */
    public synchronized boolean contains(long id) {
        return locations.get(id) >= 0;
    }

    @Override
    public SearchResult search(float[] query, int k) {
        return search(query, k, params.probes());
    }

    /** Scans the {@code probes} lists whose centres are nearest the query. */
    public SearchResult search(float[] query, int k, int probes) {
        return search(query, k, probes, null);
    }

    /** As {@link #search(float[], int, int)}, returning only ids {@code filter} accepts (null: all). */
    public SearchResult search(float[] query, int k, int probes, SearchFilter filter) {
        InvalidArgumentException.check(k >= 1, "k must be at least 1, got %d", k);
        int capacity = Math.max(1, Math.min(k, size));
        long[] ids = new long[capacity];
        float[] distances = new float[capacity];
        int n = search(query, k, probes, filter, ids, distances);
        return n == capacity ? new SearchResult(ids, distances)
                : new SearchResult(Arrays.copyOf(ids, n), Arrays.copyOf(distances, n));
    }

    /**
     * The allocation-free form: writes up to {@code k} ids and distances, best first, into the
     * caller's arrays (each at least {@code min(k, size())} long) and returns how many. Rows the
     * filter rejects are skipped before their exact distance is computed; a restrictive filter can
     * leave fewer than k results from the probed lists.
     */
    public int search(float[] query, int k, int probes, SearchFilter filter, long[] ids, float[] distances) {
        InvalidArgumentException.check(query != null, "query must not be null");
        DimensionMismatchException.check(dim, query.length);
        InvalidArgumentException.check(k >= 1, "k must be at least 1, got %d", k);
        InvalidArgumentException.check(probes >= 1, "probes must be at least 1, got %d", probes);
        int total = size;
        if (total == 0) {
            throw new EmptyIndexException();
        }
        int wanted = Math.min(k, total);
        InvalidArgumentException.check(ids != null && distances != null && ids.length >= wanted && distances.length >= wanted,
                "result arrays must hold min(k, size) = %d entries, got %s and %s", wanted,
                ids == null ? "null" : ids.length, distances == null ? "null" : distances.length);
        IvfScratch s = IvfScratch.get(this);
        FloatKernels f = Kernels.floats();
        int nprobe = Math.min(probes, listCount);
        CandidateHeap probeHeap = s.probeHeap;
        probeHeap.reset(nprobe);
        for (int l = 0; l < listCount; l++) {
            if (lists.get(l).live == 0) {
                continue; // an empty list is no probe: it would silently shorten the result
            }
            probeHeap.offer(f.squareDistance(query, 0, centroids, l * dim, dim), l);
        }
        int probed = probeHeap.drainAscending(s.probeLists, s.probeDistances);
        rotation.applyPadded(query, s.queryRotated);
        CandidateHeap top = s.exact;
        top.reset(wanted);
        s.candidates = 0;
        for (int p = 0; p < probed; p++) {
            int list = s.probeLists[p];
            ListRows rows = lists.get(list);
            if (rows.live > 0) {
                scanList(query, list, rows, s, top, filter);
            }
        }
        int count = top.size();
        if (s.picked.length < count) {
            s.picked = new int[count];
        }
        top.drainAscending(s.picked, distances);
        for (int i = 0; i < count; i++) {
            int c = s.picked[i];
            ids[i] = lists.get(s.candidateLists[c]).ids[s.candidateRows[c]];
        }
        return count;
    }

    /**
     * Estimates every row of one list; a row whose distance lower bound is below the current k-th
     * exact distance (or while fewer than k are known) gets its exact distance.
     */
    private void scanList(float[] query, int list, ListRows rows, IvfScratch s, CandidateHeap top, SearchFilter filter) {
        float[] qr = s.queryResidual;
        float[] rotated = s.queryRotated;
        int cBase = list * padded;
        float qn2 = 0.0f;
        for (int i = 0; i < padded; i++) {
            float v = rotated[i] - rotatedCentroids[cBase + i];
            qr[i] = v;
            qn2 += v * v;
        }
        float qn = (float) Math.sqrt(qn2);
        float inv = qn > 1e-30f ? 1.0f / qn : 0.0f;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < padded; i++) {
            float u = qr[i] * inv;
            qr[i] = u;
            min = Math.min(min, u);
            max = Math.max(max, u);
        }
        float delta = max > min ? (max - min) / QUERY_LEVELS : 1.0f;
        if (!(min <= max)) { // NaN query: any finite plane keeps the scan well-defined
            min = 0.0f;
        }
        long[] planes = s.planes;
        Arrays.fill(planes, 0, QUERY_BITS * words, 0L);
        long sumQ = 0;
        for (int i = 0; i < padded; i++) {
            int level = (int) ((qr[i] - min) / delta + 0.5f);
            level = Math.min(QUERY_LEVELS, Math.max(0, level));
            sumQ += level;
            long bit = 1L << (63 - (i & 63));
            int w = i >>> 6;
            for (int j = 0; j < QUERY_BITS; j++) {
                if ((level & (1 << j)) != 0) {
                    planes[j * words + w] |= bit;
                }
            }
        }
        // ⟨ō, q̄⟩ = (1/√P)·(2Δ·⟨x, q_u⟩ + 2·min·|x| − Δ·Σq_u − P·min), x the code's bits.
        float c1 = 2.0f * delta * inverseSqrtPadded;
        float c2 = 2.0f * min * inverseSqrtPadded;
        float c3 = -(delta * sumQ + padded * min) * inverseSqrtPadded;
        float twoQn = 2.0f * qn;
        int n = rows.size;
        if (s.dots.length < n) {
            s.dots = new int[Math.max(n, s.dots.length * 2)];
        }
        int[] dots = s.dots;
        dotsWithPlanes(rows.codes, n, planes, words, dots);
        float[] norms = rows.norms;
        float[] invCorr = rows.inverseCorrections;
        float[] bounds = rows.bounds;
        int[] pops = rows.popCounts;
        float[] vectors = rows.vectors;
        boolean exact = layout.vectorFloats > 0;
        boolean extended = layout.extendedBytes > 0;
        float halfSumQ = 0.0f;
        float q8Scale = 0.0f;
        if (extended) {
            // The query residual as int8 for ⟨s, q⟩ (see ExtendedCodes), and ½·Σq for the offset.
            float maxAbs = Math.max(Math.abs(min), Math.abs(max));
            q8Scale = maxAbs > 0 ? maxAbs / 127.0f : 0.0f;
            float inverseScale = maxAbs > 0 ? 127.0f / maxAbs : 0.0f;
            float sum = 0.0f;
            for (int i = 0; i < padded; i++) {
                s.query8[i] = (byte) Math.round(qr[i] * inverseScale);
                sum += qr[i];
            }
            halfSumQ = 0.5f * sum;
        }
        FloatKernels f = Kernels.floats();
        float kth = top.full() ? top.worstScore() : Float.POSITIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            float ipBar = c1 * dots[r] + c2 * pops[r] + c3;
            float norm = norms[r];
            float cross = twoQn * norm;
            float base = norm * norm + qn2;
            float lower = base - cross * (ipBar * invCorr[r] + bounds[r]);
            if (!(lower < kth) || rows.isRemoved(r) || (filter != null && !filter.accepts(rows.ids[r]))) {
                continue;
            }
            float distance;
            if (extended) {
                float ip = (f.dotInt8(rows.extended, r * padded, s.query8, 0, padded) * q8Scale + halfSumQ) * rows.extendedFactors[r];
                float estimate = base - cross * ip;
                if (exact && !(estimate - cross * rows.extendedBounds[r] < kth)) {
                    continue;
                }
                distance = exact ? f.squareDistance(query, 0, vectors, r * dim, dim) : estimate;
            } else {
                distance = exact ? f.squareDistance(query, 0, vectors, r * dim, dim) : base - cross * (ipBar * invCorr[r]);
            }
            if (top.offer(distance, s.record(list, r)) && top.full()) {
                kth = top.worstScore();
            }
        }
    }

    /**
     * {@code dots[r] = Σ_j 2^j · popcount(code_r AND plane_j)} for rows [0, n): four codes per pass, so
     * each query plane word is loaded once per four candidates and the four sums are independent.
     */
    static void dotsWithPlanes(long[] codes, int n, long[] planes, int words, int[] dots) {
        int w = words;
        int r = 0;
        for (; r + 4 <= n; r += 4) {
            int a0 = 0;
            int a1 = 0;
            int a2 = 0;
            int a3 = 0;
            int b0 = r * w;
            for (int i = 0; i < w; i++) {
                long p0 = planes[i];
                long p1 = planes[w + i];
                long p2 = planes[2 * w + i];
                long p3 = planes[3 * w + i];
                long x0 = codes[b0 + i];
                long x1 = codes[b0 + w + i];
                long x2 = codes[b0 + 2 * w + i];
                long x3 = codes[b0 + 3 * w + i];
                a0 += Long.bitCount(x0 & p0) + 2 * Long.bitCount(x0 & p1) + 4 * Long.bitCount(x0 & p2) + 8 * Long.bitCount(x0 & p3);
                a1 += Long.bitCount(x1 & p0) + 2 * Long.bitCount(x1 & p1) + 4 * Long.bitCount(x1 & p2) + 8 * Long.bitCount(x1 & p3);
                a2 += Long.bitCount(x2 & p0) + 2 * Long.bitCount(x2 & p1) + 4 * Long.bitCount(x2 & p2) + 8 * Long.bitCount(x2 & p3);
                a3 += Long.bitCount(x3 & p0) + 2 * Long.bitCount(x3 & p1) + 4 * Long.bitCount(x3 & p2) + 8 * Long.bitCount(x3 & p3);
            }
            dots[r] = a0;
            dots[r + 1] = a1;
            dots[r + 2] = a2;
            dots[r + 3] = a3;
        }
        for (; r < n; r++) {
            dots[r] = dotWithPlanes(codes, r * w, planes, w);
        }
    }

    /** The one-candidate form of {@link #dotsWithPlanes} (the scalar reference it is tested against). */
    static int dotWithPlanes(long[] codes, int offset, long[] planes, int words) {
        int acc = 0;
        for (int i = 0; i < words; i++) {
            long x = codes[offset + i];
            for (int j = 0; j < QUERY_BITS; j++) {
                acc += Long.bitCount(x & planes[j * words + i]) << j;
            }
        }
        return acc;
    }

    /** Per-thread query state: rotated query, residual, bit planes, candidate arrays, heaps. */
    static final class IvfScratch {
        private static final ThreadLocal<IvfScratch> LOCAL = new ThreadLocal<>();

        int padded;
        int words;
        float[] queryRotated;
        float[] queryResidual;
        long[] planes;
        byte[] query8;
        int[] dots = new int[256];
        int[] probeLists;
        float[] probeDistances;
        final CandidateHeap probeHeap = new CandidateHeap();
        final CandidateHeap exact = new CandidateHeap();
        int[] picked = new int[16];
        int[] candidateLists = new int[256];
        int[] candidateRows = new int[256];
        int candidates;

        /** The thread's scratch, grown (never shrunk) to fit {@code index}, so alternating indexes reuse it. */
        static IvfScratch get(RabitqIvfIndex index) {
            IvfScratch s = LOCAL.get();
            if (s == null) {
                s = new IvfScratch();
                LOCAL.set(s);
            }
            int p = index.padded;
            s.padded = p;
            s.words = index.words;
            if (s.queryRotated == null || s.queryRotated.length < p) {
                s.queryRotated = new float[p];
                s.queryResidual = new float[p];
                s.query8 = new byte[p];
            }
            if (s.planes == null || s.planes.length < QUERY_BITS * index.words) {
                s.planes = new long[QUERY_BITS * index.words];
            }
            if (s.probeLists == null || s.probeLists.length < index.listCount) {
                s.probeLists = new int[index.listCount];
                s.probeDistances = new float[index.listCount];
            }
            return s;
        }

        /** Remembers an exactly scored (list, row) and returns its candidate number. */
        int record(int list, int row) {
            if (candidates == candidateRows.length) {
                candidateLists = Arrays.copyOf(candidateLists, candidates * 2);
                candidateRows = Arrays.copyOf(candidateRows, candidates * 2);
            }
            candidateLists[candidates] = list;
            candidateRows[candidates] = row;
            return candidates++;
        }
    }

    /**
     * Writes the index (parameters, centres, every list's codes, factors, ids and — when kept —
     * originals) to {@code path}, atomically; see {@link IvfFile}. Concurrent adds wait.
     */
    public synchronized void save(java.nio.file.Path path) throws java.io.IOException {
        IvfFile.write(path, this);
    }

    /** Reads an index written by {@link #save}; the rotation and rotated centres are re-derived from the seed. */
    public static RabitqIvfIndex load(java.nio.file.Path path) throws java.io.IOException {
        return IvfFile.read(path);
    }

    Layout layout() {
        return layout;
    }

    int paddedDim() {
        return padded;
    }

    float[] centroids() {
        return centroids;
    }

    ListRows list(int l) {
        return lists.get(l);
    }

    /** Installs loaded lists; only for {@link IvfFile} on a fresh index. False on a duplicate live id. */
    synchronized boolean install(ListRows[] loaded) {
        long total = 0;
        for (int l = 0; l < listCount; l++) {
            ListRows rows = loaded[l];
            for (int r = 0; r < rows.size(); r++) {
                if (!rows.isRemoved(r) && !locations.add(rows.ids()[r], location(l, r))) {
                    return false;
                }
            }
            lists.set(l, rows);
            total += rows.live();
        }
        size = (int) total;
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dim() {
        return dim;
    }

    public int lists() {
        return listCount;
    }

    public IvfParams params() {
        return params;
    }

    /** Stored rows per list (removed rows included until {@link #compact()}), for inspection. */
    public int[] listSizes() {
        int[] out = new int[listCount];
        for (int l = 0; l < listCount; l++) {
            out[l] = lists.get(l).size;
        }
        return out;
    }

    /**
     * Per row: the sign code (8·⌈P/64⌉), four scalars (norm, correction, bound, popcount), the id (8),
     * with extended codes P bytes and two scalars, with originals 4·D; plus centres (4·L·(D + P)) and
     * the rotation (12·P).
     */
    @Override
    public long memoryBytes() {
        long stored = 0;
        for (int l = 0; l < listCount; l++) {
            stored += lists.get(l).size;
        }
        long perRow = 8L * words + 16 + 8 + (layout.extendedBytes > 0 ? padded + 8L : 0) + 4L * layout.vectorFloats;
        // plus a removed bit per row and ~32 bytes per id in the id → location table
        return stored * perRow + stored / 8 + 32L * size + 4L * listCount * (dim + padded) + rotation.bytes();
    }
}
