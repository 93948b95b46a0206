package io.engram.index;

import static io.engram.index.HnswGraph.entryLevel;
import static io.engram.index.HnswGraph.entryNode;
import static io.engram.index.HnswGraph.packEntry;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hierarchical navigable small-world graph (Malkov and Yashunin), with hnswlib's choices: levels
 * ⌊−ln U · 1/ln M⌋, degree caps M above layer 0 and 2·M on it, the diversity heuristic with
 * backfill when choosing and pruning neighbours, greedy descent with ef = 1 above a node's level
 * and a beam of max(efConstruction, cap) below.
 *
 * <p><b>Concurrency.</b> Searches take no lock: they read the current {@link HnswGraph} once and
 * follow neighbour lists whose counts are published with release/acquire semantics. Mutations
 * (add, remove, rebuild) are serialised by a write lock; {@link #addAll} inserts in parallel
 * inside it, with per-node striped locks guarding neighbour-list updates and a lock for inserts
 * that raise the top level (hnswlib's scheme).
 *
 * <p><b>Deletes</b> are tombstones: traversed, never returned. A tombstoned entry point is replaced
 * by the live node of highest level (smallest node on ties). When tombstones exceed
 * {@link HnswParams#compactionThreshold()} of all nodes the graph is rebuilt from live nodes;
 * searches keep using the old graph until the new one is published.
 *
 * <p><b>Filtered search</b> traverses filtered-out nodes (connectivity) and returns only accepted
 * ones, continuing until ef accepted results are held. When the filter says it accepts under
 * {@value #TWO_HOP_SELECTIVITY} of ids, a filtered-out neighbour's own neighbours are examined at
 * once (two-hop expansion), which reaches accepted nodes in fewer steps.
 *
 * <p>Searches allocate nothing: queues, visited marks and buffers live in per-thread scratch.
 */
public final class HnswIndex implements VectorIndex {

    /** Below this accepted fraction a filter counts as restrictive and triggers two-hop expansion. */
    static final double TWO_HOP_SELECTIVITY = 0.1;

    private static final int INITIAL_CAPACITY = 64;
    private static final int PARALLEL_THRESHOLD = 1_000;
    private static final int STRIPES = 1 << 12;
    private static final io.engram.core.kernel.FloatKernels KERNELS = io.engram.core.kernel.Kernels.floats();

    private final int dimension;
    private final Metric metric;
    private final IndexDistance distance;
    /** Whether approximate distances need the squared norms (L2); cosine and inner product use the dot alone. */
    private final boolean l2;
    private final HnswParams params;
    private final double levelMultiplier;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock topLock = new ReentrantLock();
    private final Object[] stripes = new Object[STRIPES];
    private final ThreadLocal<Scratch> scratch;

    private volatile HnswGraph graph;
    private volatile int live;
    private volatile int tombstones;
    // Guarded by writeLock.
    private int used;
    private long levelDraws;
    private LongIntHashMap nodes = new LongIntHashMap(INITIAL_CAPACITY);

    public HnswIndex(int dimension, Metric metric) {
        this(dimension, metric, HnswParams.DEFAULTS);
    }

    public HnswIndex(int dimension, Metric metric, HnswParams params) {
        InvalidArgumentException.check(dimension > 0, "dimension must be positive, got %d", dimension);
        this.dimension = dimension;
        this.metric = metric;
        this.distance = IndexDistance.of(metric);
        this.l2 = metric == Metric.L2;
        this.params = params;
        this.levelMultiplier = 1.0 / Math.log(Math.max(params.m(), 2));
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(dimension, params.m()));
        this.graph = new HnswGraph(dimension, params.m(), initialCapacity(0), params.int8Traversal());
    }

    @Override
    public String type() {
        return "hnsw";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    public HnswParams params() {
        return params;
    }

    @Override
    public int size() {
        return live;
    }

    @Override
    public boolean supportsIncrementalUpdates() {
        return true;
    }

    // ---------------------------------------------------------------- mutations

    @Override
    public void add(long id, float[] vector) {
        float[] prepared = distance.prepare(vector, dimension);
        writeLock.lock();
        try {
            if (nodes.get(id) >= 0) {
                throw new InvalidArgumentException("id " + id + " already exists");
            }
            HnswGraph g = ensureCapacity((long) used + 1);
            int node = allocate(g, id, prepared);
            insert(g, node, scratch.get());
            live++;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void addAll(long[] ids, float[][] vectors) {
        addAll(ids, vectors, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Adds many vectors, inserting them into the graph on {@code threads} threads. Either all are
     * added or, on invalid input (duplicate id, wrong dimension, non-finite value), none.
     */
    public void addAll(long[] ids, float[][] vectors, int threads) {
        InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
        float[][] prepared = distance.prepareAll(ids, vectors, dimension);
        writeLock.lock();
        try {
            nodes.requireAbsent(ids);
            HnswGraph g = ensureCapacity((long) used + ids.length);
            int first = used;
            for (int i = 0; i < ids.length; i++) {
                allocate(g, ids[i], prepared[i]);
            }
            insertRange(g, first, used, threads);
            live += ids.length;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        writeLock.lock();
        try {
            int node = nodes.remove(id);
            if (node < 0) {
                return false;
            }
            HnswGraph g = graph;
            g.deleted[node] = true;
            tombstones++;
            live--;
            if (entryNode(g.entry) == node) {
                g.entry = replacementEntry(g);
            }
            if (params.compactionThreshold() > 0 && tombstones > params.compactionThreshold() * used) {
                compact();
            }
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean contains(long id) {
        writeLock.lock();
        try {
            return nodes.get(id) >= 0;
        } finally {
            writeLock.unlock();
        }
    }

    /** Compaction: rebuilds the graph from live nodes, dropping tombstones. */
    @Override
    public void rebuild() {
        writeLock.lock();
        try {
            compact();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void clear() {
        writeLock.lock();
        try {
            graph = new HnswGraph(dimension, params.m(), initialCapacity(0), params.int8Traversal());
            nodes = new LongIntHashMap(INITIAL_CAPACITY);
            used = 0;
            live = 0;
            tombstones = 0;
            levelDraws = 0;
        } finally {
            writeLock.unlock();
        }
    }

    private void compact() {
        HnswGraph old = graph;
        int n = live;
        HnswGraph fresh = new HnswGraph(dimension, params.m(), initialCapacity(n), params.int8Traversal());
        LongIntHashMap freshNodes = new LongIntHashMap(n);
        int count = 0;
        for (int node = 0; node < used; node++) {
            if (!old.deleted[node]) {
                fresh.ids[count] = old.ids[node];
                System.arraycopy(old.vectors, node * dimension, fresh.vectors, count * dimension, dimension);
                fresh.encode(count);
                int level = drawLevel(params.seed(), levelDraws++, levelMultiplier, params.maxLevel());
                fresh.levels[count] = (byte) level;
                fresh.allocateUpper(count, level);
                freshNodes.put(old.ids[node], count);
                count++;
            }
        }
        insertRange(fresh, 0, count, Runtime.getRuntime().availableProcessors());
        nodes = freshNodes;
        used = count;
        tombstones = 0;
        graph = fresh; // searches switch to the compacted graph here
    }

    /** INITIAL_CAPACITY or {@code atLeast}, whichever is larger, within what one slab can hold. */
    private int initialCapacity(int atLeast) {
        return Math.max(atLeast, Math.min(INITIAL_CAPACITY, HnswGraph.maxCapacity(dimension, params.m(), params.int8Traversal())));
    }

    private HnswGraph ensureCapacity(long required) {
        HnswGraph g = graph;
        if (required > g.capacity) {
            HnswGraph.checkCapacity(dimension, params.m(), params.int8Traversal(), required);
            int limit = HnswGraph.maxCapacity(dimension, params.m(), params.int8Traversal());
            int capacity = (int) Math.min(limit, Math.max(required, (long) g.capacity * 3 / 2));
            g = g.grow(capacity, used);
            graph = g;
        }
        return g;
    }

    /** Stores a prepared vector as the next node (not yet linked, so not reachable). */
    private int allocate(HnswGraph g, long id, float[] prepared) {
        int node = used++;
        System.arraycopy(prepared, 0, g.vectors, node * dimension, dimension);
        g.encode(node);
        g.ids[node] = id;
        int level = drawLevel(params.seed(), levelDraws++, levelMultiplier, params.maxLevel());
        g.levels[node] = (byte) level;
        g.allocateUpper(node, level);
        nodes.put(id, node);
        return node;
    }

    /**
     * Level of the {@code draw}-th node: ⌊−ln U · mL⌋ with U in (0, 1] from a stateless mix of
     * seed and draw number, so a loaded index continues the same sequence.
     */
    static int drawLevel(long seed, long draw, double levelMultiplier, int maxLevel) {
        long h = mix64(seed + 0x9E3779B97F4A7C15L * (draw + 1));
        double u = ((h >>> 11) + 1) * 0x1.0p-53;
        return (int) Math.min(maxLevel, Math.floor(-Math.log(u) * levelMultiplier));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Links nodes [from, to) into {@code g}, in parallel for large ranges. */
    private void insertRange(HnswGraph g, int from, int to, int threads) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (threads == 1 || n < PARALLEL_THRESHOLD) {
            Scratch s = scratch.get();
            for (int node = from; node < to; node++) {
                insert(g, node, s);
            }
            return;
        }
        insert(g, from, scratch.get()); // seed the graph so workers start from an entry point
        AtomicInteger next = new AtomicInteger(from + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("engram-hnsw-build-" + t).start(() -> {
                Scratch s = scratch.get();
                for (int node = next.getAndIncrement(); node < to && failure.get() == null; node = next.getAndIncrement()) {
                    try {
                        insert(g, node, s);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("parallel HNSW build failed", failure.get());
        }
    }

    /** Links stored node {@code node} into the graph (hnswlib's addPoint). */
    private void insert(HnswGraph g, int node, Scratch s) {
        s.coded = false; // the graph is built on exact distances
        int level = g.levels[node];
        long entry = g.entry;
        boolean holdsTop = false;
        if (entry < 0 || level > entryLevel(entry)) {
            topLock.lock();
            holdsTop = true;
            entry = g.entry;
            if (entry < 0) {
                g.entry = packEntry(node, level);
                topLock.unlock();
                return;
            }
            if (level <= entryLevel(entry)) {
                topLock.unlock();
                holdsTop = false;
            }
        }
        try {
            int top = entryLevel(entry);
            int current = entryNode(entry);
            float[] vectors = g.vectors;
            int queryOffset = node * dimension;
            current = descend(g, vectors, queryOffset, current, top, level, s);
            float currentDistance = s.greedyDistance;
            for (int layer = Math.min(level, top); layer >= 0; layer--) {
                int ef = Math.max(params.efConstruction(), g.maxDegree(layer));
                searchLayer(g, vectors, queryOffset, current, currentDistance, ef, layer, null, false, false, s);
                s.ensure(s.results.size());
                int found = s.results.drainAscending(s.nodes, s.distances);
                int selected = selectNeighbours(g, s.nodes, s.distances, found, node, params.m(), s.selected, s.discarded);
                synchronized (stripe(node)) {
                    HnswGraph.setList(g.listArray(node, layer), g.listOffset(node, layer), s.selected, selected);
                }
                for (int i = 0; i < selected; i++) {
                    connect(g, s.selected[i], node, layer, s);
                }
                if (found > 0) {
                    current = s.nodes[0];
                    currentDistance = s.distances[0];
                }
            }
            if (level > top) {
                g.entry = packEntry(node, level);
            }
        } finally {
            if (holdsTop) {
                topLock.unlock();
            }
        }
    }

    private Object stripe(int node) {
        return stripes[node & (STRIPES - 1)];
    }

    /**
     * The diversity heuristic (hnswlib getNeighborsByHeuristic2) with backfill: walking candidates
     * nearest first, keep one only if it is nearer to the base than to every neighbour already
     * kept; then top up from the discarded ones, nearest first, until {@code cap}.
     */
    private int selectNeighbours(HnswGraph g, int[] candidates, float[] candidateDistances, int count, int self,
            int cap, int[] out, int[] discarded) {
        int kept = 0;
        int dropped = 0;
        float[] vectors = g.vectors;
        for (int i = 0; i < count && kept < cap; i++) {
            int c = candidates[i];
            if (c == self) {
                continue;
            }
            float toBase = candidateDistances[i];
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (distance.distance(vectors, c * dimension, vectors, out[j] * dimension, dimension) < toBase) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                out[kept++] = c;
            } else {
                discarded[dropped++] = c;
            }
        }
        for (int j = 0; j < dropped && kept < cap; j++) {
            out[kept++] = discarded[j];
        }
        return kept;
    }

    /** Adds the reverse edge target → node, pruning target's list with the heuristic when full. */
    private void connect(HnswGraph g, int target, int node, int layer, Scratch s) {
        synchronized (stripe(target)) {
            int[] list = g.listArray(target, layer);
            int offset = g.listOffset(target, layer);
            int n = list[offset];
            for (int i = 0; i < n; i++) {
                if (list[offset + 1 + i] == node) {
                    return;
                }
            }
            int cap = g.maxDegree(layer);
            if (n < cap) {
                HnswGraph.append(list, offset, node);
                return;
            }
            float[] vectors = g.vectors;
            int base = target * dimension;
            int[] candidates = s.pruneNodes;
            float[] distances = s.pruneDistances;
            for (int i = 0; i < n; i++) {
                candidates[i] = list[offset + 1 + i];
                distances[i] = distance.distance(vectors, base, vectors, candidates[i] * dimension, dimension);
            }
            candidates[n] = node;
            distances[n] = distance.distance(vectors, base, vectors, node * dimension, dimension);
            sortByDistance(candidates, distances, n + 1);
            int kept = selectNeighbours(g, candidates, distances, n + 1, target, cap, s.pruneOut, s.discarded);
            HnswGraph.setList(list, offset, s.pruneOut, kept);
        }
    }

    /** Insertion sort by (distance, node): lists are at most 2·M + 1 long. */
    private static void sortByDistance(int[] nodes, float[] distances, int n) {
        for (int i = 1; i < n; i++) {
            int node = nodes[i];
            float d = distances[i];
            int j = i - 1;
            while (j >= 0 && (distances[j] > d || (distances[j] == d && nodes[j] > node))) {
                nodes[j + 1] = nodes[j];
                distances[j + 1] = distances[j];
                j--;
            }
            nodes[j + 1] = node;
            distances[j + 1] = d;
        }
    }

    private long replacementEntry(HnswGraph g) {
        int best = -1;
        int bestLevel = -1;
        for (int node = 0; node < used; node++) {
            if (!g.deleted[node] && g.levels[node] > bestLevel) {
                best = node;
                bestLevel = g.levels[node];
            }
        }
        return best < 0 ? -1L : packEntry(best, bestLevel);
    }

    // ---------------------------------------------------------------- search

    @Override
    public int search(float[] query, int k, SearchParams searchParams, long[] ids, float[] distances) {
        IndexDistance.checkSearch(k, dimension, query, ids, distances);
        if (live == 0) {
            return 0;
        }
        HnswGraph g = graph;
        long entry = g.entry;
        if (entry < 0) {
            return 0;
        }
        Scratch s = scratch.get();
        float[] q = s.query;
        distance.prepareInto(query, dimension, q, 0);
        int ef = Math.max(searchParams.ef() > 0 ? searchParams.ef() : params.efSearch(), k);
        s.coded = g.coded();
        if (s.coded) {
            s.querySquare = KERNELS.dot(q, 0, q, 0, dimension);
        }

        int current = descend(g, q, 0, entryNode(entry), entryLevel(entry), 0, s);
        float currentDistance = s.greedyDistance;
        SearchFilter filter = searchParams.filter();
        boolean twoHop = filter != null && filter.selectivity() < TWO_HOP_SELECTIVITY;
        boolean restricted = filter != null || tombstones > 0;
        searchLayer(g, q, 0, current, currentDistance, ef, 0, filter, twoHop, restricted, s);

        s.ensure(s.results.size());
        int found = s.results.drainAscending(s.nodes, s.distances);
        if (s.coded) {
            found = rerankExactly(g, q, found, s);
        }
        float threshold = distance.internalThreshold(searchParams.distanceThreshold());
        int n = 0;
        for (int i = 0; i < found && n < k && s.distances[i] <= threshold; i++) {
            ids[n] = g.ids[s.nodes[i]];
            distances[n] = s.distances[i];
            n++;
        }
        distance.report(ids, distances, n);
        return n;
    }

    /**
     * Replaces the approximate (int8) distances of the {@code found} nodes in {@code s.nodes} by
     * exact ones, from the same four-row kernel a float search uses, and sorts them ascending.
     */
    private int rerankExactly(HnswGraph g, float[] q, int found, Scratch s) {
        s.coded = false;
        score(g, q, 0, s.nodes, found, s.distances, s);
        NodeQueue results = s.results;
        results.clear();
        for (int i = 0; i < found; i++) {
            results.push(s.nodes[i], s.distances[i]);
        }
        return results.drainAscending(s.nodes, s.distances);
    }

    /**
     * Greedy descent from {@code start} on layer {@code top} down to layer {@code stop + 1} (hnswlib's
     * ef = 1 phase); returns the node reached and leaves its distance in {@code s.greedyDistance}.
     * The visited marks are reset once for the whole descent (see {@link #greedy}).
     */
    private int descend(HnswGraph g, float[] q, int qOffset, int start, int top, int stop, Scratch s) {
        int current = start;
        s.greedyDistance = score(g, q, qOffset, current, s);
        s.visited.reset(g.capacity);
        s.visited.visit(current);
        for (int layer = top; layer > stop; layer--) {
            current = greedy(g, q, qOffset, current, s.greedyDistance, layer, s);
        }
        return current;
    }

    /**
     * Greedy walk on one layer (ef = 1); leaves the final distance in {@code s.greedyDistance}.
     * Skips nodes already marked in {@code s.visited}: the caller resets the marks once for the
     * whole descent, because a node scored on any layer above was at least as far as the node the
     * walk then moved to, and the walk only ever improves, so scoring it again cannot change where
     * the walk goes (hnswlib re-scores them; skipping saved a third of upper-layer distances).
     */
    private int greedy(HnswGraph g, float[] q, int qOffset, int start, float startDistance, int layer, Scratch s) {
        int current = start;
        float currentDistance = startDistance;
        boolean improved = true;
        while (improved) {
            improved = false;
            int[] list = g.listArray(current, layer);
            int offset = g.listOffset(current, layer);
            int n = scoreUnvisited(g, list, offset, q, qOffset, s, s.batch, s.batchDistances);
            for (int i = 0; i < n; i++) {
                float d = s.batchDistances[i];
                if (d < currentDistance) {
                    currentDistance = d;
                    current = s.batch[i];
                    improved = true;
                }
            }
        }
        s.greedyDistance = currentDistance;
        return current;
    }

    /**
     * Beam search on one layer (hnswlib searchBaseLayerST), leaving up to ef results in
     * {@code s.results}. With {@code restricted} (a filter or tombstones), only accepted live nodes
     * enter the results and the search runs until ef of them are held.
     */
    private void searchLayer(HnswGraph g, float[] q, int qOffset, int entry, float entryDistance, int ef, int layer,
            SearchFilter filter, boolean twoHop, boolean restricted, Scratch s) {
        VisitedSet visited = s.visited;
        NodeQueue candidates = s.candidates;
        NodeQueue results = s.results;
        visited.reset(g.capacity);
        candidates.clear();
        results.clear();
        visited.visit(entry);
        float bound = Float.POSITIVE_INFINITY;
        if (accepts(g, entry, filter, restricted)) {
            results.push(entry, entryDistance);
            bound = entryDistance;
        }
        candidates.push(entry, entryDistance);
        while (!candidates.isEmpty()) {
            if (candidates.topDistance() > bound && (results.size() >= ef || !restricted)) {
                break;
            }
            int c = candidates.pop();
            int[] list = g.listArray(c, layer);
            int offset = g.listOffset(c, layer);
            int[] batch = s.batch;
            float[] batchDistances = s.batchDistances;
            int fresh;
            if (!candidates.isEmpty() && candidates.topDistance() <= bound) {
                // Expand the two best candidates at once (beam width 2, as DiskANN does for I/O):
                // the second would be expanded next anyway unless the first tightened the bound,
                // and scoring both lists together leaves fewer short four-row groups, so more rows
                // are fetched in parallel (measured +11 % QPS at equal recall on fashion-mnist).
                int c2 = candidates.pop();
                fresh = gatherUnvisited(list, offset, s.visited, batch, 0);
                fresh = gatherUnvisited(g.listArray(c2, layer), g.listOffset(c2, layer), s.visited, batch, fresh);
                score(g, q, qOffset, batch, fresh, batchDistances, s);
            } else {
                fresh = scoreUnvisited(g, list, offset, q, qOffset, s, batch, batchDistances);
            }
            for (int i = 0; i < fresh; i++) {
                int neighbour = batch[i];
                float d = batchDistances[i];
                boolean accepted = accepts(g, neighbour, filter, restricted);
                if (results.size() < ef || d < bound) {
                    candidates.push(neighbour, d);
                    if (accepted) {
                        results.push(neighbour, d);
                        if (results.size() > ef) {
                            results.pop();
                        }
                        bound = results.topDistance();
                    }
                }
                if (twoHop && !accepted) {
                    bound = expandTwoHop(g, q, qOffset, neighbour, ef, layer, filter, bound, s);
                }
            }
        }
    }

    /**
     * Marks the unvisited nodes of a neighbour list visited, scores them into
     * {@code nodes}/{@code distances} (in list order) and returns how many there were.
     */
    private int scoreUnvisited(HnswGraph g, int[] list, int offset, float[] q, int qOffset, Scratch s, int[] nodes,
            float[] distances) {
        int count = gatherUnvisited(list, offset, s.visited, nodes, 0);
        score(g, q, qOffset, nodes, count, distances, s);
        return count;
    }

    /** Appends the unvisited nodes of a neighbour list to {@code nodes[from..]}, marking them; returns the new end. */
    private static int gatherUnvisited(int[] list, int offset, VisitedSet visited, int[] nodes, int from) {
        int count = from;
        int n = HnswGraph.count(list, offset);
        for (int i = 0; i < n; i++) {
            int neighbour = list[offset + 1 + i];
            if (visited.visit(neighbour)) {
                nodes[count++] = neighbour;
            }
        }
        return count;
    }

    /**
     * Scores {@code nodes[0..count)} into {@code distances}, four rows per kernel call: the rows
     * lie at random places in a slab far larger than the caches, and four independent load
     * streams let their memory latency overlap (hnswlib prefetches for the same reason; Lucene
     * scores in bulk). With {@code s.coded} the rows are the int8 codes.
     */
    private void score(HnswGraph g, float[] q, int qOffset, int[] nodes, int count, float[] distances, Scratch s) {
        int dim = dimension;
        float[] four = s.four;
        boolean coded = s.coded;
        if (coded && g.codeStride <= TOUCH_MAX_ROW_BYTES) {
            touchCodeRows(g, nodes, count, s);
        }
        for (int i = 0; i < count; i += 4) {
            // A short last group repeats its first row, so that every search distance comes from
            // the four-row kernel and one node always gets one value for one query.
            int n0 = nodes[i];
            int n1 = i + 1 < count ? nodes[i + 1] : n0;
            int n2 = i + 2 < count ? nodes[i + 2] : n0;
            int n3 = i + 3 < count ? nodes[i + 3] : n0;
            if (coded) {
                scoreCodes(g, q, qOffset, n0, n1, n2, n3, four, s.querySquare);
            } else {
                distance.distance4(q, qOffset, g.vectors, n0 * dim, n1 * dim, n2 * dim, n3 * dim, dim, four);
            }
            System.arraycopy(four, 0, distances, i, Math.min(4, count - i));
        }
    }

    /**
     * Loads one byte of every cache line of the code rows about to be scored, all rows first:
     * independent loads, so the memory system fetches the lines of every row at once instead of
     * four rows at a time (Java's stand-in for hnswlib's prefetch; the sum only keeps the loads).
     * Measured on 100k MiniLM vectors, one index, alternating in one process: 11.1k → 13.1k
     * queries/s at ef 28; on clustered synthetic data at 384 d +10 %, at 768 d no clear change,
     * at 1536 d 4 % slower (too many lines in flight), hence {@link #TOUCH_MAX_ROW_BYTES}. The same
     * for the float rows of the exact rerank (24 lines each) was slower, so it is not done.
     */
    /** Code rows longer than this (eight cache lines, about 500 dimensions) are not touched first. */
    static final int TOUCH_MAX_ROW_BYTES = 512;

    private static void touchCodeRows(HnswGraph g, int[] nodes, int count, Scratch s) {
        byte[] codes = g.codes;
        int stride = g.codeStride;
        int sum = 0;
        for (int i = 0; i < count; i++) {
            int row = nodes[i] * stride; // (int adds: one cycle each, they do not hold the loads back)
            for (int o = 0; o < stride; o += 64) {
                sum += codes[row + o];
            }
            sum += codes[row + stride - 1]; // rows are not line-aligned: the last line too
        }
        s.touched += sum;
    }

    /** Approximate internal distances of four nodes from their int8 codes. */
    private void scoreCodes(HnswGraph g, float[] q, int qOffset, int n0, int n1, int n2, int n3, float[] four,
            float querySquare) {
        int stride = g.codeStride;
        KERNELS.dotInt8Rows4(q, qOffset, g.codes, n0 * stride, n1 * stride, n2 * stride, n3 * stride, dimension, four, 0);
        four[0] = distance.fromDot(four[0] * g.codeScale(n0), querySquare, l2 ? g.codeSquare(n0) : 0f);
        four[1] = distance.fromDot(four[1] * g.codeScale(n1), querySquare, l2 ? g.codeSquare(n1) : 0f);
        four[2] = distance.fromDot(four[2] * g.codeScale(n2), querySquare, l2 ? g.codeSquare(n2) : 0f);
        four[3] = distance.fromDot(four[3] * g.codeScale(n3), querySquare, l2 ? g.codeSquare(n3) : 0f);
    }

    /** The search distance of one node (the four-row kernel's value, as the list scoring gives). */
    private float score(HnswGraph g, float[] q, int qOffset, int node, Scratch s) {
        if (s.coded) {
            scoreCodes(g, q, qOffset, node, node, node, node, s.four, s.querySquare);
        } else {
            int o = node * dimension;
            distance.distance4(q, qOffset, g.vectors, o, o, o, o, dimension, s.four);
        }
        return s.four[0];
    }

    /** Examines the neighbours of a filtered-out node at once (restrictive filters). */
    private float expandTwoHop(HnswGraph g, float[] q, int qOffset, int via, int ef, int layer, SearchFilter filter,
            float bound, Scratch s) {
        int[] list = g.listArray(via, layer);
        int offset = g.listOffset(via, layer);
        int n = scoreUnvisited(g, list, offset, q, qOffset, s, s.hopBatch, s.hopDistances);
        for (int i = 0; i < n; i++) {
            int neighbour = s.hopBatch[i];
            float d = s.hopDistances[i];
            if (s.results.size() < ef || d < bound) {
                s.candidates.push(neighbour, d);
                if (accepts(g, neighbour, filter, true)) {
                    s.results.push(neighbour, d);
                    if (s.results.size() > ef) {
                        s.results.pop();
                    }
                    bound = s.results.topDistance();
                }
            }
        }
        return bound;
    }

    private static boolean accepts(HnswGraph g, int node, SearchFilter filter, boolean restricted) {
        if (!restricted) {
            return true;
        }
        return !g.deleted[node] && (filter == null || filter.accepts(g.ids[node]));
    }

    // ---------------------------------------------------------------- introspection

    @Override
    public long memoryBytes() {
        return graph.bytes(used) + 12L * Math.max(nodes.size(), 1) * 2;
    }

    @Override
    public Map<String, Object> statistics() {
        writeLock.lock();
        try {
            HnswGraph g = graph;
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("type", type());
            stats.put("size", live);
            stats.put("dimension", dimension);
            stats.put("metric", metric.name().toLowerCase(java.util.Locale.ROOT));
            stats.put("M", params.m());
            stats.put("ef_construction", params.efConstruction());
            stats.put("ef_search", params.efSearch());
            stats.put("max_level", params.maxLevel());
            stats.put("int8_traversal", params.int8Traversal());
            stats.put("num_levels", g.entry < 0 ? 0 : entryLevel(g.entry) + 1);
            int[] levelCounts = new int[params.maxLevel() + 1];
            long links = 0;
            for (int node = 0; node < used; node++) {
                levelCounts[g.levels[node]]++;
                for (int layer = 0; layer <= g.levels[node]; layer++) {
                    links += g.listArray(node, layer)[g.listOffset(node, layer)];
                }
            }
            List<Integer> counts = new ArrayList<>();
            for (int c : levelCounts) {
                counts.add(c);
            }
            while (counts.size() > 1 && counts.getLast() == 0) {
                counts.removeLast();
            }
            stats.put("level_counts", counts);
            stats.put("avg_connections", used == 0 ? 0.0 : (double) links / used);
            stats.put("tombstones", tombstones);
            stats.put("memory_bytes", memoryBytes());
            return stats;
        } finally {
            writeLock.unlock();
        }
    }

    /** Neighbours of the node holding {@code id} on {@code layer} (tests and diagnostics). */
    long[] neighbours(long id, int layer) {
        writeLock.lock();
        try {
            HnswGraph g = graph;
            int node = nodes.get(id);
            if (node < 0 || layer > g.levels[node]) {
                return new long[0];
            }
            int[] list = g.listArray(node, layer);
            int offset = g.listOffset(node, layer);
            long[] out = new long[list[offset]];
            for (int i = 0; i < out.length; i++) {
                out[i] = g.ids[list[offset + 1 + i]];
            }
            return out;
        } finally {
            writeLock.unlock();
        }
    }

    /** Level of the node holding {@code id}, or -1. */
    int levelOf(long id) {
        writeLock.lock();
        try {
            int node = nodes.get(id);
            return node < 0 ? -1 : graph.levels[node];
        } finally {
            writeLock.unlock();
        }
    }

    /** External id of the entry point, or -1 when empty. */
    long entryPointId() {
        HnswGraph g = graph;
        long entry = g.entry;
        return entry < 0 ? -1 : g.ids[entryNode(entry)];
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public void save(Path path) throws IOException {
        writeLock.lock();
        try {
            HnswFile.write(path, this, graph, used, levelDraws);
        } finally {
            writeLock.unlock();
        }
    }

    /** Loads an index written by {@link #save}; corrupt or truncated files fail with a clear error. */
    public static HnswIndex load(Path path) throws IOException {
        return HnswFile.read(path);
    }

    /** Installs loaded state (called by {@link HnswFile} on a fresh index). */
    void restore(HnswGraph loaded, int usedNodes, long draws) {
        writeLock.lock();
        try {
            LongIntHashMap map = new LongIntHashMap(usedNodes);
            int deadCount = 0;
            for (int node = 0; node < usedNodes; node++) {
                if (loaded.deleted[node]) {
                    deadCount++;
                } else if (map.put(loaded.ids[node], node) >= 0) {
                    throw new io.engram.core.CorruptFileException("HNSW file lists id " + loaded.ids[node] + " twice");
                }
            }
            nodes = map;
            used = usedNodes;
            levelDraws = draws;
            tombstones = deadCount;
            live = usedNodes - deadCount;
            graph = loaded;
        } finally {
            writeLock.unlock();
        }
    }

    /** Per-thread search and insert state, reused across calls. */
    static final class Scratch {
        final VisitedSet visited = new VisitedSet(1024);
        final NodeQueue candidates = NodeQueue.nearestFirst(256);
        final NodeQueue results = NodeQueue.farthestFirst(256);
        final float[] query;
        final int[] selected;
        int[] discarded;
        final int[] pruneNodes;
        final float[] pruneDistances;
        final int[] pruneOut;
        /** Scored neighbours of the node(s) being expanded (up to two lists) and their distances. */
        final int[] batch;
        final float[] batchDistances;
        /** The same for the two-hop expansion, which runs while {@code batch} is being walked. */
        final int[] hopBatch;
        final float[] hopDistances;
        final float[] four = new float[4];
        int[] nodes = new int[256];
        float[] distances = new float[256];
        float greedyDistance;
        /** Whether the current walk scores int8 codes (a search on a coded graph) or float rows. */
        boolean coded;
        /** The prepared query's squared norm, for approximate L2 distances from codes. */
        float querySquare;
        /** Sink of {@link #touchCodeRows}'s loads (so the compiler keeps them); never read. */
        int touched;

        Scratch(int dimension, int m) {
            query = new float[dimension];
            int maxList = 2 * m + 1;
            selected = new int[maxList];
            pruneNodes = new int[maxList];
            pruneDistances = new float[maxList];
            pruneOut = new int[maxList];
            batch = new int[2 * maxList];
            batchDistances = new float[2 * maxList];
            hopBatch = new int[maxList];
            hopDistances = new float[maxList];
            discarded = new int[Math.max(maxList, 1024)];
        }

        void ensure(int n) {
            if (nodes.length < n) {
                nodes = new int[n];
                distances = new float[n];
            }
            if (discarded.length < n) {
                discarded = new int[n];
            }
        }
    }
}
