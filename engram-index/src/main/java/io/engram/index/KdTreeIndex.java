package io.engram.index;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * Exact k-nearest-neighbour search with a {@code KdTree} (leaf buckets, median splits on the
 * highest-variance dimension) plus a buffer of recent adds.
 *
 * <p><b>Updates.</b> The tree is never modified in place ({@link #supportsIncrementalUpdates()}
 * is false), yet every change is visible at once: adds since the last build sit in a pending
 * range of rows that each search scans exactly and merges with the tree's results; removes are
 * tombstones that a search checks before it reads a row, so a removed vector is never read and
 * never returned. After {@code rebuildThreshold} modifications (adds plus removes; 0 = only
 * explicit {@link #rebuild()}) the live rows are compacted and the tree rebuilt.
 *
 * <p><b>Exact pruning.</b> The far child of a node is skipped only when a valid lower bound on
 * every distance inside it exceeds the current k-th best (or the distance threshold). With
 * Δ = |q[s] − split|: for L2 every far point lies at squared distance ≥ Δ²; for cosine (unit
 * vectors, 1 − cos = ‖q − x‖²/2) at ≥ Δ²/2; for inner product the gap says nothing, so every node
 * keeps its bounding box and the bound is −max over the box of ⟨q, x⟩. Skipping needs the bound
 * to be strictly greater, because a point at exactly the k-th distance can still enter on the id
 * tie-break; a small slack covers float rounding of the kernels. Results therefore equal
 * {@link FlatIndex}'s exactly. Above about 20 dimensions little can be pruned and a search
 * approaches a linear scan.
 *
 * <p><b>Concurrency</b> as in {@link FlatIndex}: writes serialised by a {@link StampedLock},
 * searches optimistic and retried when a write overlapped them; a built tree is immutable.
 */
public final class KdTreeIndex implements VectorIndex {

    public static final int DEFAULT_LEAF_SIZE = 40;
    public static final int DEFAULT_REBUILD_THRESHOLD = 100;
    private static final int INITIAL_CAPACITY = 64;

    private final int dimension;
    private final Metric metric;
    private final IndexDistance distance;
    private final int leafSize;
    private final int rebuildThreshold;
    /** Absolute slack for the cosine bound, covering rounding of norms and dot products. */
    private final float cosineSlack;
    private final StampedLock lock = new StampedLock();
    private final ThreadLocal<SearchScratch> scratch;
    private final OptimisticRead.Body<SearchScratch> searchBody = this::searchOnce;

    // Written under the write lock; read by searches optimistically.
    private Rows rows;
    private int used;
    private int live;
    private int modifications;
    private LongIntHashMap rowsById = new LongIntHashMap(INITIAL_CAPACITY);

    public KdTreeIndex(int dimension, Metric metric) {
        this(dimension, metric, DEFAULT_LEAF_SIZE, DEFAULT_REBUILD_THRESHOLD);
    }

    /**
     * @param leafSize most rows per leaf (scikit-learn's default 40; 16–40 work well)
     * @param rebuildThreshold modifications that trigger a rebuild; 0 = only explicit rebuilds
     */
    public KdTreeIndex(int dimension, Metric metric, int leafSize, int rebuildThreshold) {
        InvalidArgumentException.check(dimension > 0, "dimension must be positive, got %d", dimension);
        InvalidArgumentException.check(leafSize > 0, "leaf_size must be positive, got %d", leafSize);
        InvalidArgumentException.check(rebuildThreshold >= 0,
                "rebuild_threshold must be >= 0 (0 = explicit rebuilds only), got %d", rebuildThreshold);
        this.dimension = dimension;
        this.metric = metric;
        this.distance = IndexDistance.of(metric);
        this.leafSize = leafSize;
        this.rebuildThreshold = rebuildThreshold;
        this.cosineSlack = 1e-6f + 2.4e-7f * dimension;
        this.rows = Rows.empty(INITIAL_CAPACITY, dimension);
        this.scratch = ThreadLocal.withInitial(() -> new SearchScratch(dimension));
    }

    @Override
    public String type() {
        return "kd_tree";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    public int leafSize() {
        return leafSize;
    }

    public int rebuildThreshold() {
        return rebuildThreshold;
    }

    @Override
    public int size() {
        return OptimisticRead.readInt(lock, () -> live);
    }

    /** False: the tree is rebuilt, never updated in place (changes are still visible at once). */
    @Override
    public boolean supportsIncrementalUpdates() {
        return false;
    }

    // ---------------------------------------------------------------- mutations

    @Override
    public void add(long id, float[] vector) {
        float[] prepared = distance.prepare(vector, dimension);
        long stamp = lock.writeLock();
        try {
            if (rowsById.get(id) >= 0) {
                throw new InvalidArgumentException("id " + id + " already exists");
            }
            ensureCapacity(used + 1);
            append(id, prepared);
            modified(1);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Adds all or, on invalid input, none; counts as one modification per vector. */
    @Override
    public void addAll(long[] ids, float[][] vectors) {
        float[][] prepared = distance.prepareAll(ids, vectors, dimension);
        long stamp = lock.writeLock();
        try {
            rowsById.requireAbsent(ids);
            ensureCapacity(used + ids.length);
            for (int i = 0; i < ids.length; i++) {
                append(ids[i], prepared[i]);
            }
            modified(ids.length);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void append(long id, float[] prepared) {
        int row = used;
        System.arraycopy(prepared, 0, rows.vectors, row * dimension, dimension);
        rows.ids[row] = id;
        rowsById.put(id, row);
        used = row + 1;
        live++;
    }

    private void ensureCapacity(int required) {
        Rows r = rows;
        if (required > r.ids.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE / dimension - 8,
                    Math.max(required, (long) r.ids.length * 3 / 2));
            InvalidArgumentException.check(capacity >= required,
                    "kd-tree index cannot hold %d vectors of dimension %d in one array", required, dimension);
            rows = new Rows(Arrays.copyOf(r.vectors, capacity * dimension), Arrays.copyOf(r.ids, capacity),
                    Arrays.copyOf(r.deleted, capacity), r.tree);
        }
    }

    @Override
    public boolean remove(long id) {
        long stamp = lock.writeLock();
        try {
            int row = rowsById.remove(id);
            if (row < 0) {
                return false;
            }
            rows.deleted[row] = true;
            live--;
            modified(1);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void modified(int count) {
        modifications += count;
        if (rebuildThreshold > 0 && modifications >= rebuildThreshold) {
            rebuildLocked();
        }
    }

    @Override
    public boolean contains(long id) {
        long stamp = lock.readLock();
        try {
            return rowsById.get(id) >= 0;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Compacts the live rows (dropping tombstones) and builds a fresh tree over all of them. */
    @Override
    public void rebuild() {
        long stamp = lock.writeLock();
        try {
            rebuildLocked();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void rebuildLocked() {
        Rows old = rows;
        int capacity = Math.max(INITIAL_CAPACITY, live);
        float[] vectors = new float[capacity * dimension];
        long[] ids = new long[capacity];
        LongIntHashMap map = new LongIntHashMap(Math.max(live, 1));
        int n = 0;
        for (int row = 0; row < used; row++) {
            if (!old.deleted[row]) {
                System.arraycopy(old.vectors, row * dimension, vectors, n * dimension, dimension);
                ids[n] = old.ids[row];
                map.put(ids[n], n);
                n++;
            }
        }
        KdTree tree = KdTree.build(vectors, n, dimension, leafSize, metric == Metric.INNER_PRODUCT);
        rows = new Rows(vectors, ids, new boolean[capacity], tree);
        rowsById = map;
        used = n;
        live = n;
        modifications = 0;
    }

    @Override
    public void clear() {
        long stamp = lock.writeLock();
        try {
            rows = Rows.empty(INITIAL_CAPACITY, dimension);
            rowsById = new LongIntHashMap(INITIAL_CAPACITY);
            used = 0;
            live = 0;
            modifications = 0;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ---------------------------------------------------------------- search

    @Override
    public int search(float[] query, int k, SearchParams params, long[] outIds, float[] outDistances) {
        IndexDistance.checkSearch(k, dimension, query, outIds, outDistances);
        SearchScratch s = scratch.get();
        distance.prepareInto(query, dimension, s.query, 0);
        if (size() == 0) {
            return 0;
        }
        s.begin(k, params, distance, outIds, outDistances);
        return SearchScratch.run(lock, searchBody, s, distance);
    }

    private int searchOnce(SearchScratch s) {
        Rows r = rows;
        int n = Math.min(used, r.ids.length);
        KdTree tree = r.tree;
        s.top.reset(s.k);
        // Pending adds first: they are few, and filling the heap early tightens the tree's bound.
        for (int row = Math.min(tree.size, n); row < n; row++) {
            consider(r, row, s);
        }
        if (tree.nodeCount > 0) {
            visit(r, tree, 0, s);
        }
        return s.top.drainSorted(s.outIds, s.outDistances);
    }

    private void consider(Rows r, int row, SearchScratch s) {
        if (r.deleted[row]) {
            return; // a tombstone: its row is never read
        }
        long id = r.ids[row];
        if (s.filter != null && !s.filter.accepts(id)) {
            return;
        }
        float d = distance.distance(s.query, r.vectors, row * dimension);
        if (d <= s.limit) {
            s.top.offer(id, d);
        }
    }

    private void visit(Rows r, KdTree tree, int node, SearchScratch s) {
        if (tree.isLeaf(node)) {
            int[] perm = tree.perm;
            for (int i = tree.start[node], end = tree.end[node]; i < end; i++) {
                consider(r, perm[i], s);
            }
            return;
        }
        float gap = s.query[tree.splitDim[node]] - tree.splitValue[node];
        int near = gap < 0 ? tree.left[node] : tree.right[node];
        int far = gap < 0 ? tree.right[node] : tree.left[node];
        if (tree.boxLo != null) {
            // Inner product: the coordinate gap bounds nothing, the boxes do.
            if (!prunedByBox(tree, near, s)) {
                visit(r, tree, near, s);
            }
            if (!prunedByBox(tree, far, s)) {
                visit(r, tree, far, s);
            }
            return;
        }
        visit(r, tree, near, s);
        float bound = bound(s);
        if (bound == Float.POSITIVE_INFINITY) {
            visit(r, tree, far, s);
            return;
        }
        float lower = metric == Metric.L2
                ? gap * gap * (1f - 1e-6f)
                : gap * gap * 0.5f - cosineSlack;
        if (!(lower > bound)) {
            visit(r, tree, far, s);
        }
    }

    /** What a candidate must not exceed to matter: the k-th best so far, or the threshold. */
    private static float bound(SearchScratch s) {
        return Math.min(s.top.worstScore(), s.limit);
    }

    /** True when −max over the node's box of ⟨q, x⟩ exceeds the bound (inner product only). */
    private boolean prunedByBox(KdTree tree, int node, SearchScratch s) {
        float bound = bound(s);
        if (bound == Float.POSITIVE_INFINITY) {
            return false;
        }
        float[] q = s.query;
        int base = node * dimension;
        double best = 0;
        double magnitude = 0;
        for (int j = 0; j < dimension; j++) {
            double lo = tree.boxLo[base + j];
            double hi = tree.boxHi[base + j];
            double qj = q[j];
            best += qj >= 0 ? qj * hi : qj * lo;
            magnitude += Math.abs(qj) * Math.max(Math.abs(lo), Math.abs(hi));
        }
        // The float kernel may overshoot the exact dot by about dim·ε·Σ|q·x|.
        double slack = 1e-6 + 2.4e-7 * dimension * magnitude;
        return -best - slack > bound;
    }

    // ---------------------------------------------------------------- introspection

    @Override
    public long memoryBytes() {
        long stamp = lock.readLock();
        try {
            Rows r = rows;
            return 4L * r.vectors.length + 9L * r.ids.length + r.tree.bytes() + 24L * Math.max(rowsById.size(), 1);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public Map<String, Object> statistics() {
        long stamp = lock.readLock();
        try {
            Rows r = rows;
            int pending = 0;
            int tombstones = 0;
            for (int row = 0; row < used; row++) {
                if (r.deleted[row]) {
                    tombstones++;
                } else if (row >= r.tree.size) {
                    pending++;
                }
            }
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("type", type());
            stats.put("size", live);
            stats.put("dimension", dimension);
            stats.put("metric", metric.name().toLowerCase(Locale.ROOT));
            stats.put("supports_incremental", false);
            stats.put("tree_depth", r.tree.depth);
            stats.put("tree_nodes", r.tree.nodeCount);
            stats.put("leaf_size", leafSize);
            stats.put("pending", pending);
            stats.put("tombstones", tombstones);
            stats.put("modifications_since_rebuild", modifications);
            stats.put("rebuild_threshold", rebuildThreshold);
            stats.put("memory_bytes", 4L * r.vectors.length + 9L * r.ids.length + r.tree.bytes());
            return stats;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public String toString() {
        return "KdTreeIndex(size=" + size() + ", dimension=" + dimension + ", metric=" + metric + ")";
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public void save(Path path) throws IOException {
        long stamp = lock.readLock();
        try {
            Rows r = rows;
            KdTreeFile.write(path, this, r.ids, r.vectors, r.deleted, used, r.tree.size, modifications);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Loads an index written by {@link #save}; corrupt or truncated files fail with a clear error. */
    public static KdTreeIndex load(Path path) throws IOException {
        return KdTreeFile.read(path);
    }

    /**
     * Installs loaded rows, rebuilding the tree over the first {@code built} of them exactly as it
     * was (construction is deterministic). Returns false when a live id appears twice.
     */
    boolean restore(long[] ids, float[] vectors, boolean[] deleted, int count, int built, int mods) {
        long stamp = lock.writeLock();
        try {
            LongIntHashMap map = new LongIntHashMap(Math.max(count, 1));
            int alive = 0;
            for (int row = 0; row < count; row++) {
                if (!deleted[row]) {
                    if (map.put(ids[row], row) >= 0) {
                        return false;
                    }
                    alive++;
                }
            }
            KdTree tree = KdTree.build(vectors, built, dimension, leafSize, metric == Metric.INNER_PRODUCT);
            rows = new Rows(vectors, ids, deleted, tree);
            rowsById = map;
            used = count;
            live = alive;
            modifications = mods;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Row storage and the tree built over its prefix, replaced as a unit on growth and rebuild so
     * a search always sees a tree and arrays that agree. Rows are appended and tombstoned in place.
     */
    private record Rows(float[] vectors, long[] ids, boolean[] deleted, KdTree tree) {
        static Rows empty(int capacity, int dimension) {
            return new Rows(new float[capacity * dimension], new long[capacity], new boolean[capacity], KdTree.EMPTY);
        }
    }
}
