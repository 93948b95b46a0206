package io.engram.graph.traverse;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.Direction;
import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Breadth-first traversals, shortest paths and path counts on one snapshot, each under a
 * {@link Budget}. They read the snapshot only, so they run concurrently with writers and with
 * each other; per-thread scratch keeps them from allocating graph-sized arrays per call.
 */
public final class Traversals {
    /** Path counting enumerates simple paths; beyond this many hops it is refused. */
    public static final int MAX_PATH_COUNT_HOPS = 5;

    private Traversals() {}

    /**
     * Nodes within {@code depth} hops of {@code start} (the start excluded), nearest first, at
     * most {@code limit} of them; the budget's hop and result limits apply as well.
     */
    public static Traversal kHop(GraphSnapshot snapshot, int start, int depth, Direction direction, int limit,
            Budget budget) {
        InvalidArgumentException.check(depth >= 0, "depth must be >= 0, got %d", depth);
        InvalidArgumentException.check(limit >= 0, "limit must be >= 0, got %d", limit);
        Budget b = budget.withMaxHops(Math.min(depth, budget.maxHops()))
                .withMaxResults(Math.min(limit, budget.maxResults()));
        return breadthFirst(snapshot, start, direction, b, depth, limit);
    }

    /**
     * What copying one found node into the result may cost, fresh memory included (page faults on
     * a large new array run to ~2 ns per int); a time budget stops the walk early enough for it.
     */
    static final long RESULT_NANOS_PER_NODE = 2;

    /** Every node reachable from {@code start}, in breadth-first order with hop depths (start first). */
    public static Traversal bfs(GraphSnapshot snapshot, int start, Direction direction, Budget budget) {
        Traversal t = breadthFirst(snapshot, start, direction, budget, Integer.MAX_VALUE, Integer.MAX_VALUE);
        int[] nodes = new int[t.size() + 1];
        int[] depths = new int[t.size() + 1];
        nodes[0] = start;
        System.arraycopy(t.nodes(), 0, nodes, 1, t.size());
        System.arraycopy(t.depths(), 0, depths, 1, t.size());
        return new Traversal(nodes, depths, t.partial(), t.reason());
    }

    /**
     * Breadth-first from {@code start}; {@code depthLimit} and {@code resultLimit} are the caller's
     * own bounds (reaching them is not "partial"), the budget's are limits (reaching them is).
     */
    private static Traversal breadthFirst(GraphSnapshot snapshot, int start, Direction direction, Budget budget,
            int depthLimit, int resultLimit) {
        requireNode(snapshot, start);
        BudgetClock clock = new BudgetClock(budget);
        TraversalScratch s = TraversalScratch.get(snapshot.nodeIdBound());
        EdgeCursor cursor = snapshot.cursor();
        int[] queue = s.queue;
        int[] depth = s.depth;
        int head = 0;
        int tail = 0;
        s.mark(start);
        queue[tail] = start;
        depth[tail++] = 0;
        int maxHops = budget.maxHops();
        int maxResults = budget.maxResults();
        search:
        while (head < tail) {
            int node = queue[head];
            int d = depth[head++];
            if (d >= maxHops) {
                if (d < depthLimit && hasUnvisitedNeighbour(cursor, node, direction, s)) {
                    clock.stop(StopReason.HOPS);
                }
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                int size = edges(cursor, node, direction, pass);
                for (int i = 0; i < size; i++) {
                    // The result is copied out before returning; keep time for that in the budget.
                    clock.reserve(tail * RESULT_NANOS_PER_NODE);
                    if (clock.expired()) {
                        break search;
                    }
                    int next = cursor.node(i);
                    if (s.mark(next)) {
                        if (tail - 1 >= maxResults) {
                            if (maxResults < resultLimit) {
                                clock.stop(StopReason.RESULTS);
                            }
                            break search;
                        }
                        queue[tail] = next;
                        depth[tail++] = d + 1;
                    }
                }
            }
        }
        int found = tail - 1;
        // Depths are non-decreasing in breadth-first order: keep where each level starts
        // (result index j is queue position j + 1).
        int maxDepth = found == 0 ? 0 : depth[tail - 1];
        int[] levelStarts = new int[maxDepth + 1];
        for (int d = 0, j = 0; d <= maxDepth; d++) {
            while (j < found && depth[j + 1] < d) {
                j++;
            }
            levelStarts[d] = j;
        }
        return Traversal.ofLevels(Arrays.copyOfRange(queue, 1, 1 + found), levelStarts, clock.partial(), clock.reason());
    }

    private static boolean hasUnvisitedNeighbour(EdgeCursor cursor, int node, Direction direction, TraversalScratch s) {
        for (int pass = 0; pass < 2; pass++) {
            int size = edges(cursor, node, direction, pass);
            for (int i = 0; i < size; i++) {
                if (!s.visited(cursor.node(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Positions the cursor on pass 0 (out, or in for IN) or pass 1 (in, BOTH only). */
    static int edges(EdgeCursor cursor, int node, Direction direction, int pass) {
        return switch (direction) {
            case OUT -> pass == 0 ? cursor.out(node) : 0;
            case IN -> pass == 0 ? cursor.in(node) : 0;
            case BOTH -> pass == 0 ? cursor.out(node) : cursor.in(node);
        };
    }

    /** A fewest-hops path from {@code source} to {@code target} (breadth-first). */
    public static Path shortestPath(GraphSnapshot snapshot, int source, int target, Direction direction,
            Budget budget) {
        requireNode(snapshot, source);
        requireNode(snapshot, target);
        if (source == target) {
            return new Path(new int[] {source}, 0, false, StopReason.COMPLETE);
        }
        BudgetClock clock = new BudgetClock(budget);
        TraversalScratch s = TraversalScratch.get(snapshot.nodeIdBound());
        EdgeCursor cursor = snapshot.cursor();
        int[] queue = s.queue;
        int[] parent = s.parent;
        int[] depth = s.depth;
        int head = 0;
        int tail = 0;
        s.mark(source);
        parent[source] = -1;
        depth[source] = 0;
        queue[tail++] = source;
        while (head < tail) {
            int node = queue[head++];
            if (depth[node] >= budget.maxHops()) {
                clock.stop(StopReason.HOPS);
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                int size = edges(cursor, node, direction, pass);
                for (int i = 0; i < size; i++) {
                    if (clock.expired()) {
                        return noPath(clock);
                    }
                    int next = cursor.node(i);
                    if (s.mark(next)) {
                        parent[next] = node;
                        depth[next] = depth[node] + 1;
                        if (next == target) {
                            return new Path(walkBack(parent, target), depth[next], false, StopReason.COMPLETE);
                        }
                        queue[tail++] = next;
                    }
                }
            }
        }
        return noPath(clock);
    }

    /**
     * A least-cost path (Dijkstra) where each edge costs {@code cost}; costs must be finite and
     * non-negative, or the search fails naming the edge.
     */
    public static Path weightedShortestPath(GraphSnapshot snapshot, int source, int target, Direction direction,
            EdgeCost cost, Budget budget) {
        requireNode(snapshot, source);
        requireNode(snapshot, target);
        BudgetClock clock = new BudgetClock(budget);
        int bound = snapshot.nodeIdBound();
        TraversalScratch s = TraversalScratch.get(bound);
        double[] dist = new double[bound];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        int[] parent = s.parent;
        int[] hops = s.depth;
        dist[source] = 0;
        parent[source] = -1;
        hops[source] = 0;
        PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> Double.compare(
                Double.longBitsToDouble(x[0]), Double.longBitsToDouble(y[0])));
        heap.add(new long[] {Double.doubleToLongBits(0), source});
        EdgeCursor cursor = snapshot.cursor();
        while (!heap.isEmpty()) {
            long[] top = heap.poll();
            int node = (int) top[1];
            double d = Double.longBitsToDouble(top[0]);
            if (!s.mark(node)) {
                continue; // a stale entry
            }
            if (node == target) {
                return new Path(walkBack(parent, target), d, false, StopReason.COMPLETE);
            }
            if (hops[node] >= budget.maxHops()) {
                clock.stop(StopReason.HOPS);
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                boolean reverse = direction == Direction.IN || pass == 1;
                int size = edges(cursor, node, direction, pass);
                for (int i = 0; i < size; i++) {
                    if (clock.expired()) {
                        return noPath(clock);
                    }
                    int next = cursor.node(i);
                    double c = reverse ? cost.cost(next, cursor.label(i), node, cursor.weight(i))
                            : cost.cost(node, cursor.label(i), next, cursor.weight(i));
                    if (!(c >= 0) || Double.isInfinite(c)) {
                        throw new InvalidArgumentException("edge cost must be finite and >= 0, got " + c
                                + " for the edge between " + node + " and " + next);
                    }
                    double nd = d + c;
                    if (nd < dist[next] && !s.visited(next)) {
                        dist[next] = nd;
                        parent[next] = node;
                        hops[next] = hops[node] + 1;
                        heap.add(new long[] {Double.doubleToLongBits(nd), next});
                    }
                }
            }
        }
        return noPath(clock);
    }

    /**
     * The number of distinct simple paths (no repeated node) from {@code source} to
     * {@code target} with at most {@code maxHops} edges, parallel edges counted separately.
     * Enumerative, hence capped at {@value #MAX_PATH_COUNT_HOPS} hops and budgeted.
     */
    public static PathCount countPaths(GraphSnapshot snapshot, int source, int target, Direction direction,
            int maxHops, Budget budget) {
        requireNode(snapshot, source);
        requireNode(snapshot, target);
        InvalidArgumentException.check(maxHops >= 1 && maxHops <= MAX_PATH_COUNT_HOPS,
                "maxHops must be in [1, %d], got %d", MAX_PATH_COUNT_HOPS, maxHops);
        BudgetClock clock = new BudgetClock(budget);
        EdgeCursor[] cursors = new EdgeCursor[maxHops];
        for (int i = 0; i < maxHops; i++) {
            cursors[i] = snapshot.cursor();
        }
        boolean[] onPath = new boolean[snapshot.nodeIdBound()];
        onPath[source] = true;
        long[] counts = new long[maxHops + 1];
        countFrom(source, target, direction, 0, maxHops, cursors, onPath, counts, clock);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return new PathCount(total, counts, clock.partial(), clock.reason());
    }

    private static void countFrom(int node, int target, Direction direction, int depth, int maxHops,
            EdgeCursor[] cursors, boolean[] onPath, long[] counts, BudgetClock clock) {
        EdgeCursor cursor = cursors[depth]; // one cursor per depth: recursion never moves this one
        for (int pass = 0; pass < 2; pass++) {
            int size = edges(cursor, node, direction, pass);
            for (int i = 0; i < size; i++) {
                if (clock.expired()) {
                    return;
                }
                int next = cursor.node(i);
                if (next == target) {
                    counts[depth + 1]++;
                } else if (!onPath[next] && depth + 1 < maxHops) {
                    onPath[next] = true;
                    countFrom(next, target, direction, depth + 1, maxHops, cursors, onPath, counts, clock);
                    onPath[next] = false;
                }
            }
        }
    }

    private static Path noPath(BudgetClock clock) {
        return new Path(new int[0], Double.POSITIVE_INFINITY, clock.partial(), clock.reason());
    }

    private static int[] walkBack(int[] parent, int target) {
        int length = 0;
        for (int n = target; n != -1; n = parent[n]) {
            length++;
        }
        int[] path = new int[length];
        for (int n = target, i = length - 1; n != -1; n = parent[n]) {
            path[i--] = n;
        }
        return path;
    }

    static void requireNode(GraphSnapshot snapshot, int node) {
        if (!snapshot.exists(node)) {
            throw new InvalidArgumentException("node " + node + " does not exist at version " + snapshot.version());
        }
    }
}
