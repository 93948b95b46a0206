package io.engram.index;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.random.RustStdRng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * Approximate search by random-hyperplane (SimHash) locality-sensitive hashing with multi-probe,
 * ranked by the exact metric.
 *
 * <p><b>Hashing.</b> {@code numTables} tables of {@code hashSize}-bit keys ({@code SimHashPlanes}).
 * Buckets are angular; under L2 and inner product they only generate candidates, which are then
 * ranked with the index's exact distance.
 *
 * <p><b>Buckets</b> are intrusive doubly linked lists threaded through flat per-row arrays
 * ({@code next}, {@code prev}, {@code keys}, one entry per row and table), with one
 * open-addressing {@code LongIntHashMap} per table from key to first row: no object per bucket
 * or entry, O(L) add and remove. A removed row goes to a free list and is reused.
 *
 * <p><b>Search.</b> Each table probes the query's bucket and, with {@code probes} = p, the p
 * buckets reached by flipping each of the p bits whose projections lie closest to zero (the
 * likeliest to differ for a near neighbour). Candidates are deduplicated with a generation-stamped
 * visited array and ranked exactly. If fewer than k candidates (that pass the filter) turn up,
 * the query falls back to an exact scan, so a search returns min(k, n) results before the
 * distance threshold applies.
 *
 * <p><b>Rebuild</b> draws fresh hyperplanes (the next seed from a generator seeded with
 * {@link LshParams#seed()}) and rehashes every vector.
 *
 * <p><b>Concurrency</b> as in {@link FlatIndex}: writes serialised by a {@link StampedLock},
 * searches optimistic and retried when a write overlapped them; every chain walk is bounded.
 */
public final class LshIndex implements VectorIndex {

    private static final int INITIAL_CAPACITY = 64;

    private final int dimension;
    private final Metric metric;
    private final IndexDistance distance;
    private final LshParams params;
    private final int tables;
    private final StampedLock lock = new StampedLock();
    private final ThreadLocal<Scratch> scratch;
    private final OptimisticRead.Body<Scratch> searchBody = this::searchOnce;

    // Written under the write lock; read by searches optimistically.
    private RustStdRng planeSeeds;
    private int generation;
    private SimHashPlanes planes;
    private float[] vectors;
    private long[] ids;
    private boolean[] alive;
    /** Per row and table ({@code row * tables + table}): bucket key, next and previous row (-1 = none). */
    private long[] keys;
    private int[] next;
    private int[] prev;
    private LongIntHashMap[] heads;
    private int used;
    private int live;
    private int[] freeRows = new int[16];
    private int freeCount;
    private LongIntHashMap rowsById = new LongIntHashMap(INITIAL_CAPACITY);

    public LshIndex(int dimension, Metric metric) {
        this(dimension, metric, LshParams.DEFAULTS);
    }

    public LshIndex(int dimension, Metric metric, LshParams params) {
        InvalidArgumentException.check(dimension > 0, "dimension must be positive, got %d", dimension);
        this.dimension = dimension;
        this.metric = metric;
        this.distance = IndexDistance.of(metric);
        this.params = params;
        this.tables = params.numTables();
        this.planeSeeds = new RustStdRng(params.seed());
        this.planes = SimHashPlanes.draw(planeSeeds.nextU64(), tables, params.hashSize(), dimension);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(dimension, params.hashSize()));
        resetRows();
    }

    private void resetRows() {
        vectors = new float[INITIAL_CAPACITY * dimension];
        ids = new long[INITIAL_CAPACITY];
        alive = new boolean[INITIAL_CAPACITY];
        keys = new long[INITIAL_CAPACITY * tables];
        next = new int[INITIAL_CAPACITY * tables];
        prev = new int[INITIAL_CAPACITY * tables];
        heads = newHeads(INITIAL_CAPACITY);
        rowsById = new LongIntHashMap(INITIAL_CAPACITY);
        used = 0;
        live = 0;
        freeCount = 0;
    }

    private LongIntHashMap[] newHeads(int expected) {
        LongIntHashMap[] maps = new LongIntHashMap[tables];
        for (int t = 0; t < tables; t++) {
            maps[t] = new LongIntHashMap(expected);
        }
        return maps;
    }

    @Override
    public String type() {
        return "lsh";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    public LshParams params() {
        return params;
    }

    @Override
    public int size() {
        return OptimisticRead.readInt(lock, () -> live);
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
            if (rowsById.get(id) >= 0) {
                throw new InvalidArgumentException("id " + id + " already exists");
            }
            insert(id, prepared);
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
            rowsById.requireAbsent(ids);
            ensureCapacity(used + ids.length);
            for (int i = 0; i < ids.length; i++) {
                insert(ids[i], prepared[i]);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void insert(long id, float[] prepared) {
        int row;
        if (freeCount > 0) {
            row = freeRows[--freeCount];
        } else {
            ensureCapacity(used + 1);
            row = used++;
        }
        System.arraycopy(prepared, 0, vectors, row * dimension, dimension);
        ids[row] = id;
        alive[row] = true;
        rowsById.put(id, row);
        link(row);
        live++;
    }

    /** Hashes {@code row} in every table and pushes it onto the front of its buckets. */
    private void link(int row) {
        for (int t = 0; t < tables; t++) {
            long key = planes.key(t, vectors, row * dimension, null);
            int at = row * tables + t;
            int head = heads[t].get(key);
            keys[at] = key;
            prev[at] = -1;
            next[at] = head;
            if (head >= 0) {
                prev[head * tables + t] = row;
            }
            heads[t].put(key, row);
        }
    }

    private void ensureCapacity(int required) {
        if (required > ids.length) {
            int capacity = (int) Math.min((Integer.MAX_VALUE - 8) / Math.max(dimension, tables),
                    Math.max(required, (long) ids.length * 3 / 2));
            InvalidArgumentException.check(capacity >= required,
                    "lsh index cannot hold %d vectors of dimension %d in one array", required, dimension);
            vectors = Arrays.copyOf(vectors, capacity * dimension);
            ids = Arrays.copyOf(ids, capacity);
            alive = Arrays.copyOf(alive, capacity);
            keys = Arrays.copyOf(keys, capacity * tables);
            next = Arrays.copyOf(next, capacity * tables);
            prev = Arrays.copyOf(prev, capacity * tables);
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
            for (int t = 0; t < tables; t++) {
                int at = row * tables + t;
                int before = prev[at];
                int after = next[at];
                if (before >= 0) {
                    next[before * tables + t] = after;
                } else if (after >= 0) {
                    heads[t].put(keys[at], after);
                } else {
                    heads[t].remove(keys[at]); // the bucket is empty now
                }
                if (after >= 0) {
                    prev[after * tables + t] = before;
                }
            }
            alive[row] = false;
            if (freeCount == freeRows.length) {
                freeRows = Arrays.copyOf(freeRows, freeCount * 2);
            }
            freeRows[freeCount++] = row;
            live--;
            return true;
        } finally {
            lock.unlockWrite(stamp);
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

    /** Draws fresh hyperplanes (the next generation) and rehashes every vector; size is unchanged. */
    @Override
    public void rebuild() {
        long stamp = lock.writeLock();
        try {
            generation++;
            planes = SimHashPlanes.draw(planeSeeds.nextU64(), tables, params.hashSize(), dimension);
            heads = newHeads(Math.max(live, INITIAL_CAPACITY));
            for (int row = 0; row < used; row++) {
                if (alive[row]) {
                    link(row);
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void clear() {
        long stamp = lock.writeLock();
        try {
            resetRows();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ---------------------------------------------------------------- search

    @Override
    public int search(float[] query, int k, SearchParams searchParams, long[] outIds, float[] outDistances) {
        IndexDistance.checkSearch(k, dimension, query, outIds, outDistances);
        Scratch s = scratch.get();
        distance.prepareInto(query, dimension, s.query, 0);
        if (size() == 0) {
            return 0;
        }
        s.begin(k, searchParams, distance, outIds, outDistances);
        s.probes = Math.min(searchParams.probes() >= 0 ? searchParams.probes() : params.probes(), params.hashSize());
        return SearchScratch.run(lock, searchBody, s, distance);
    }

    private int searchOnce(Scratch s) {
        s.top.reset(s.k);
        int candidates = collect(s, true);
        if (candidates < s.k) {
            fallbackScan(s); // too few candidates: exact answer instead of fewer than min(k, n)
        }
        return s.top.drainSorted(s.outIds, s.outDistances);
    }

    /**
     * Walks the probed buckets of every table, marking rows visited; ranks accepted live rows into
     * {@code s.top} when {@code rank}, else records their ids. Returns how many accepted rows it saw.
     */
    private int collect(Scratch s, boolean rank) {
        SimHashPlanes p = planes;
        LongIntHashMap[] maps = heads;
        int[] links = next;
        int rowCount = Math.min(used, ids.length);
        s.visited.reset(Math.max(rowCount, 1));
        int accepted = 0;
        for (int t = 0; t < Math.min(tables, maps.length); t++) {
            long key = p.key(t, s.query, 0, s.margins);
            accepted += probe(s, maps[t], links, t, key, rowCount, rank);
            int bits = p.bits;
            long flipped = 0; // bits already chosen for this table
            for (int f = 0; f < s.probes; f++) {
                int bit = -1;
                for (int b = 0; b < bits; b++) {
                    if ((flipped & (1L << b)) == 0 && (bit < 0 || s.margins[b] < s.margins[bit])) {
                        bit = b;
                    }
                }
                flipped |= 1L << bit;
                accepted += probe(s, maps[t], links, t, key ^ (1L << bit), rowCount, rank);
            }
        }
        return accepted;
    }

    private int probe(Scratch s, LongIntHashMap map, int[] links, int table, long key, int rowCount, boolean rank) {
        int accepted = 0;
        int row = map.get(key);
        // Bounded by the row count: under a racing write a torn chain must not loop forever.
        for (int steps = 0; row >= 0 && row < rowCount && steps < rowCount; steps++) {
            if (s.visited.visit(row) && alive[row]) {
                long id = ids[row];
                if (s.filter == null || s.filter.accepts(id)) {
                    accepted++;
                    if (rank) {
                        offer(s, id, row);
                    } else {
                        s.record(id);
                    }
                }
            }
            row = links[row * tables + table];
        }
        return accepted;
    }

    private void offer(Scratch s, long id, int row) {
        float d = distance.distance(s.query, vectors, row * dimension);
        if (d <= s.limit) {
            s.top.offer(id, d);
        }
    }

    private void fallbackScan(Scratch s) {
        s.top.reset(s.k);
        int rowCount = Math.min(used, ids.length);
        for (int row = 0; row < rowCount; row++) {
            if (alive[row]) {
                long id = ids[row];
                if (s.filter == null || s.filter.accepts(id)) {
                    offer(s, id, row);
                }
            }
        }
    }

    /**
     * The ids in the probed buckets of {@code query} (no ranking, no fallback), sorted: the
     * candidate set a search ranks. For tests and diagnostics.
     */
    long[] candidates(float[] query, int probes) {
        DimensionMismatchException.check(dimension, query.length);
        long stamp = lock.readLock();
        try {
            Scratch s = new Scratch(dimension, params.hashSize());
            distance.prepareInto(query, dimension, s.query, 0);
            s.probes = Math.min(probes, params.hashSize());
            s.recorded = new long[Math.max(live, 1)];
            int n = collect(s, false);
            long[] out = Arrays.copyOf(s.recorded, n);
            Arrays.sort(out);
            return out;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** A copy of the current hyperplanes (tables × bits rows of dimension floats). */
    float[] hyperplanes() {
        long stamp = lock.readLock();
        try {
            return planes.planes.clone();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    // ---------------------------------------------------------------- introspection

    @Override
    public long memoryBytes() {
        long stamp = lock.readLock();
        try {
            return 4L * vectors.length + 9L * ids.length + 16L * keys.length + planes.bytes()
                    + 24L * (totalBuckets() + rowsById.size());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private int totalBuckets() {
        int total = 0;
        for (LongIntHashMap map : heads) {
            total += map.size();
        }
        return total;
    }

    @Override
    public Map<String, Object> statistics() {
        long stamp = lock.readLock();
        int buckets;
        int n;
        int gen;
        try {
            buckets = totalBuckets();
            n = live;
            gen = generation;
        } finally {
            lock.unlockRead(stamp);
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("type", type());
        stats.put("size", n);
        stats.put("dimension", dimension);
        stats.put("metric", metric.name().toLowerCase(Locale.ROOT));
        stats.put("supports_incremental", true);
        stats.put("num_tables", tables);
        stats.put("hash_size", params.hashSize());
        stats.put("probes", params.probes());
        stats.put("seed", params.seed());
        stats.put("generation", gen);
        stats.put("total_buckets", buckets);
        // Entries per non-empty bucket: each vector sits in one bucket per table.
        stats.put("avg_bucket_size", buckets == 0 ? 0.0 : Math.round(100.0 * n * tables / buckets) / 100.0);
        stats.put("memory_bytes", memoryBytes());
        return stats;
    }

    @Override
    public String toString() {
        return "LshIndex(size=" + size() + ", dimension=" + dimension + ", tables=" + tables + ", hash_size="
                + params.hashSize() + ")";
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public void save(Path path) throws IOException {
        long stamp = lock.readLock();
        try {
            long[] liveIds = new long[live];
            float[] liveVectors = new float[live * dimension];
            int n = 0;
            for (int row = 0; row < used; row++) {
                if (alive[row]) {
                    liveIds[n] = ids[row];
                    System.arraycopy(vectors, row * dimension, liveVectors, n * dimension, dimension);
                    n++;
                }
            }
            LshFile.write(path, this, generation, liveIds, liveVectors, n);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Loads an index written by {@link #save}; corrupt or truncated files fail with a clear error. */
    public static LshIndex load(Path path) throws IOException {
        return LshFile.read(path);
    }

    /**
     * Installs loaded rows under the hyperplanes of {@code gen} (replaying the seed generator),
     * hashing them afresh. Returns false when an id appears twice.
     */
    boolean restore(int gen, long[] loadedIds, float[] loadedVectors, int count) {
        long stamp = lock.writeLock();
        try {
            RustStdRng seeds = new RustStdRng(params.seed());
            long planeSeed = seeds.nextU64();
            for (int g = 0; g < gen; g++) {
                planeSeed = seeds.nextU64();
            }
            planeSeeds = seeds;
            generation = gen;
            planes = SimHashPlanes.draw(planeSeed, tables, params.hashSize(), dimension);
            resetRows();
            heads = newHeads(Math.max(count, INITIAL_CAPACITY));
            ensureCapacity(count);
            float[] row = new float[dimension];
            for (int i = 0; i < count; i++) {
                if (rowsById.get(loadedIds[i]) >= 0) {
                    return false;
                }
                System.arraycopy(loadedVectors, i * dimension, row, 0, dimension);
                insert(loadedIds[i], row);
            }
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    int generation() {
        return generation;
    }

    /** Per-thread search state: the common one plus hash margins, visited marks and the probe count. */
    private static final class Scratch extends SearchScratch {
        final float[] margins;
        final VisitedSet visited = new VisitedSet(1024);
        int probes;
        long[] recorded;
        int recordedCount;

        Scratch(int dimension, int bits) {
            super(dimension);
            margins = new float[bits];
        }

        void record(long id) {
            recorded[recordedCount++] = id;
        }
    }
}
