package io.engram.index;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.TopK;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * Exact search by scanning every vector: the ground truth the approximate indexes are measured
 * against, and the right choice for small collections.
 *
 * <p><b>Layout.</b> Vectors live row-major in one {@code float[]} with a parallel {@code long[]} of
 * ids; rows {@code [0, size)} are all live. Add appends a row; remove moves the last row into the
 * hole (swap-remove), so both are O(1) and the scan never skips holes.
 *
 * <p><b>Concurrency.</b> Writes are serialised by a {@link StampedLock}; searches take no lock in
 * the common case but run optimistically and retry when a write overlapped them
 * ({@code OptimisticRead}). Growth allocates larger arrays, so a search that captured the old ones
 * reads consistent (if stale) rows until validation sends it round again.
 *
 * <p><b>Search</b> keeps the k best in a bounded heap ({@link TopK}, ties by ascending id) held in
 * per-thread scratch with the prepared query: {@link #search(float[], int, SearchParams, long[],
 * float[])} allocates nothing.
 */
public final class FlatIndex implements VectorIndex {

    private static final int INITIAL_CAPACITY = 64;

    private final int dimension;
    private final Metric metric;
    private final IndexDistance distance;
    private final StampedLock lock = new StampedLock();
    private final ThreadLocal<SearchScratch> scratch;
    private final OptimisticRead.Body<SearchScratch> scan = this::scan;

    // Written under the write lock; read by searches optimistically.
    private float[] vectors;
    private long[] ids;
    private int size;
    private final LongIntHashMap rows = new LongIntHashMap(INITIAL_CAPACITY);

    public FlatIndex(int dimension, Metric metric) {
        InvalidArgumentException.check(dimension > 0, "dimension must be positive, got %d", dimension);
        this.dimension = dimension;
        this.metric = metric;
        this.distance = IndexDistance.of(metric);
        this.vectors = new float[INITIAL_CAPACITY * dimension];
        this.ids = new long[INITIAL_CAPACITY];
        this.scratch = ThreadLocal.withInitial(() -> new SearchScratch(dimension));
    }

    @Override
    public String type() {
        return "flat";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int size() {
        return OptimisticRead.readInt(lock, () -> size);
    }

    @Override
    public boolean supportsIncrementalUpdates() {
        return true;
    }

    // ---------------------------------------------------------------- mutations

    @Override
    public void add(long id, float[] vector) {
        float[] prepared = distance.prepare(vector, dimension);
        long stamp = lock.writeLock();
        try {
            if (rows.get(id) >= 0) {
                throw new InvalidArgumentException("id " + id + " already exists");
            }
            ensureCapacity(size + 1);
            append(id, prepared);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Adds all or, on invalid input (duplicate id, wrong dimension, non-finite value), none. */
    @Override
    public void addAll(long[] ids, float[][] vectors) {
        float[][] prepared = distance.prepareAll(ids, vectors, dimension);
        long stamp = lock.writeLock();
        try {
            rows.requireAbsent(ids);
            ensureCapacity(size + ids.length);
            for (int i = 0; i < ids.length; i++) {
                append(ids[i], prepared[i]);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void append(long id, float[] prepared) {
        int row = size;
        System.arraycopy(prepared, 0, vectors, row * dimension, dimension);
        ids[row] = id;
        rows.put(id, row);
        size = row + 1;
    }

    private void ensureCapacity(int required) {
        if (required > ids.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE / dimension - 8,
                    Math.max(required, (long) ids.length * 3 / 2));
            InvalidArgumentException.check(capacity >= required,
                    "flat index cannot hold %d vectors of dimension %d in one array", required, dimension);
            vectors = Arrays.copyOf(vectors, capacity * dimension);
            ids = Arrays.copyOf(ids, capacity);
        }
    }

    @Override
    public boolean remove(long id) {
        long stamp = lock.writeLock();
        try {
            int row = rows.remove(id);
            if (row < 0) {
                return false;
            }
            int last = size - 1;
            if (row != last) {
                // Swap-remove: the last row fills the hole, so rows [0, size) stay dense.
                System.arraycopy(vectors, last * dimension, vectors, row * dimension, dimension);
                ids[row] = ids[last];
                rows.put(ids[row], row);
            }
            size = last;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public boolean contains(long id) {
        long stamp = lock.readLock();
        try {
            return rows.get(id) >= 0;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Nothing to rebuild: a scan has no structure. */
    @Override
    public void rebuild() {}

    @Override
    public void clear() {
        long stamp = lock.writeLock();
        try {
            vectors = new float[INITIAL_CAPACITY * dimension];
            ids = new long[INITIAL_CAPACITY];
            rows.clear();
            size = 0;
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
        return SearchScratch.run(lock, scan, s, distance);
    }

    /** One optimistic pass over all rows (tolerates torn state: bounds come from the arrays read). */
    private int scan(SearchScratch s) {
        float[] v = vectors;
        long[] rowIds = ids;
        int n = Math.min(Math.min(size, rowIds.length), v.length / dimension);
        TopK top = s.top;
        top.reset(s.k);
        float[] q = s.query;
        float limit = s.limit;
        SearchFilter filter = s.filter;
        for (int row = 0; row < n; row++) {
            long id = rowIds[row];
            if (filter != null && !filter.accepts(id)) {
                continue;
            }
            float d = distance.distance(q, v, row * dimension);
            if (d <= limit) {
                top.offer(id, d);
            }
        }
        return top.drainSorted(s.outIds, s.outDistances);
    }

    // ---------------------------------------------------------------- introspection

    @Override
    public long memoryBytes() {
        long stamp = lock.readLock();
        try {
            return 4L * vectors.length + 8L * ids.length + 12L * 2 * Math.max(rows.size(), 1);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public Map<String, Object> statistics() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("type", type());
        stats.put("size", size());
        stats.put("dimension", dimension);
        stats.put("metric", metric.name().toLowerCase(Locale.ROOT));
        stats.put("supports_incremental", supportsIncrementalUpdates());
        stats.put("memory_bytes", memoryBytes());
        return stats;
    }

    @Override
    public String toString() {
        return "FlatIndex(size=" + size() + ", dimension=" + dimension + ", metric=" + metric + ")";
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public void save(Path path) throws IOException {
        long stamp = lock.readLock();
        try {
            FlatFile.write(path, metric, dimension, ids, vectors, size);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Loads an index written by {@link #save}; corrupt or truncated files fail with a clear error. */
    public static FlatIndex load(Path path) throws IOException {
        return FlatFile.read(path);
    }

    /** Installs loaded rows (called by {@link FlatFile} on a fresh index); false on a duplicate id. */
    boolean restore(long[] loadedIds, float[] loadedVectors, int count) {
        long stamp = lock.writeLock();
        try {
            for (int row = 0; row < count; row++) {
                if (rows.put(loadedIds[row], row) >= 0) {
                    return false;
                }
            }
            ids = loadedIds;
            vectors = loadedVectors;
            size = count;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
