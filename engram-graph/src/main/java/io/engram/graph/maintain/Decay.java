package io.engram.graph.maintain;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.EdgeCursor;
import io.engram.graph.Graph;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.Transaction;
import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.PageRank;
import java.util.Map;

/**
 * Forgetting and reinforcement of edge weights (the "working memory" rules):
 *
 * <ul>
 *   <li>a decay cycle sets w ← w × min(1, factor + sourceProtection·[sources ≥ 2]
 *       + centralityProtection·[source is central]) + accessBoost·[accessed], where a central
 *       node ranks in the top decile by PageRank (and above the mean), "sources" and "accessed"
 *       are edge properties
 *       ({@link #touch} sets "accessed"; the cycle clears it), and an edge ending below
 *       {@code evictBelow} is deleted;</li>
 *   <li>{@link #weaken} lowers a weight, deleting the edge only if it falls below the threshold;</li>
 *   <li>{@link #failurePenalty} multiplies the weights along a failed path by a pruning factor,
 *       and {@link #memoryRelief} then deletes every edge below the threshold and counts them.</li>
 * </ul>
 *
 * Each pass commits in batches of source nodes (each batch atomic, the pass as a whole not), so a
 * cycle over a large graph never builds one giant transaction. Long-running: call it from a
 * compute pool, not a request thread.
 */
public final class Decay {
    public static final String ACCESSED = "accessed";
    public static final String SOURCES = "sources";
    private static final int BATCH_NODES = 1024;

    /** The parameters of a cycle; {@link #defaults()} are the reference's. */
    public record Params(double factor, double evictBelow, double accessBoost, double sourceProtection,
            double centralityProtection, double pruningFactor) {
        public Params {
            InvalidArgumentException.check(factor > 0 && factor <= 1, "factor must be in (0, 1], got %s", factor);
            InvalidArgumentException.check(evictBelow >= 0 && evictBelow < 1, "evictBelow must be in [0, 1), got %s", evictBelow);
            InvalidArgumentException.check(accessBoost >= 0 && sourceProtection >= 0 && centralityProtection >= 0,
                    "boost and protections must be >= 0");
            InvalidArgumentException.check(pruningFactor > 0 && pruningFactor < 1,
                    "pruningFactor must be in (0, 1), got %s", pruningFactor);
        }

        /** 0.95 per cycle, evict below 0.01, access boost 0.1, source 0.05, centrality 0.1, pruning 0.5. */
        public static Params defaults() {
            return new Params(0.95, 0.01, 0.1, 0.05, 0.1, 0.5);
        }
    }

    /** What a pass did. */
    public record Report(long edgesVisited, long edgesChanged, long edgesEvicted) {}

    private Decay() {}

    /** Marks an edge as used since the last cycle (it gets the access boost). */
    public static void touch(Transaction tx, int source, String label, int target) {
        tx.setEdgeProperty(source, label, target, ACCESSED, true);
    }

    /** One decay cycle over every edge. */
    public static Report cycle(Graph graph, Params params) {
        boolean[] central;
        int[] nodes;
        try (GraphSnapshot s = graph.snapshot()) {
            nodes = s.nodes();
            central = centralNodes(PageRank.compute(s, Budget.unlimited()).ranks(), nodes);
        }
        long visited = 0;
        long changed = 0;
        long evicted = 0;
        for (int start = 0; start < nodes.length; start += BATCH_NODES) {
            int from = start;
            int to = Math.min(nodes.length, from + BATCH_NODES);
            long[] counts = graph.inTransaction(tx -> decayBatch(tx, nodes, from, to, central, params));
            visited += counts[0];
            changed += counts[1];
            evicted += counts[2];
        }
        return new Report(visited, changed, evicted);
    }

    /**
     * Central nodes: PageRank in the top decile of live nodes and above the mean (1/n), so that
     * a graph where every node ranks alike has none.
     */
    static boolean[] centralNodes(double[] ranks, int[] nodes) {
        boolean[] central = new boolean[ranks.length];
        if (nodes.length == 0) {
            return central;
        }
        double[] live = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            live[i] = ranks[nodes[i]];
        }
        java.util.Arrays.sort(live);
        double decile = live[(int) Math.floor(0.9 * (live.length - 1))];
        double mean = 1.0 / nodes.length;
        for (int n : nodes) {
            central[n] = ranks[n] >= decile && ranks[n] > mean * (1 + 1e-9);
        }
        return central;
    }

    private static long[] decayBatch(Transaction tx, int[] nodes, int from, int to, boolean[] central, Params p) {
        long[] counts = new long[3];
        GraphSnapshot s = tx.snapshot();
        EdgeCursor c = s.cursor();
        for (int i = from; i < to; i++) {
            int source = nodes[i];
            if (!tx.exists(source)) {
                continue;
            }
            // The cursor reads the transaction's start snapshot, which its own writes never move.
            for (int e = 0, size = c.out(source); e < size; e++) {
                String label = c.labelName(e);
                int target = c.node(e);
                double w = c.weight(e);
                Map<String, Object> props = s.edgeProperties(source, label, target);
                boolean accessed = Boolean.TRUE.equals(props.get(ACCESSED));
                boolean multiSource = props.get(SOURCES) instanceof Long n && n >= 2;
                boolean isCentral = source < central.length && central[source];
                double factor = Math.min(1.0, p.factor() + (multiSource ? p.sourceProtection() : 0)
                        + (isCentral ? p.centralityProtection() : 0));
                double next = w * factor + (accessed ? p.accessBoost() : 0);
                counts[0]++;
                if (next < p.evictBelow()) {
                    tx.removeEdge(source, label, target);
                    counts[2]++;
                } else if (next != w || accessed) {
                    tx.putEdge(source, label, target, next);
                    if (accessed) {
                        tx.removeEdgeProperty(source, label, target, ACCESSED);
                    }
                    counts[1]++;
                }
            }
        }
        return counts;
    }

    /**
     * Lowers an edge's weight by {@code amount}; deletes it only when the result falls below
     * {@code evictBelow}. Returns the new weight, or NaN when the edge was deleted.
     */
    public static double weaken(Transaction tx, int source, String label, int target, double amount, Params params) {
        InvalidArgumentException.check(amount >= 0 && Double.isFinite(amount), "amount must be finite and >= 0, got %s", amount);
        double w = tx.weight(source, label, target).orElseThrow(() -> new InvalidArgumentException(
                "no edge (" + source + ", " + label + ", " + target + ") to weaken"));
        double next = w - amount;
        if (next < params.evictBelow()) {
            tx.removeEdge(source, label, target);
            return Double.NaN;
        }
        tx.putEdge(source, label, target, next);
        return next;
    }

    /**
     * Failure feedback: multiplies the weight of each edge along {@code path} (consecutive
     * nodes, edges labelled {@code label}) by the pruning factor. Deletes nothing: the next
     * {@link #memoryRelief} does.
     */
    public static void failurePenalty(Transaction tx, int[] path, String label, Params params) {
        for (int i = 0; i + 1 < path.length; i++) {
            int a = path[i];
            int b = path[i + 1];
            double w = tx.weight(a, label, b).orElseThrow(() -> new InvalidArgumentException(
                    "no edge (" + a + ", " + label + ", " + b + ") on the path"));
            tx.putEdge(a, label, b, w * params.pruningFactor());
        }
    }

    /** Deletes every edge whose weight is below {@code evictBelow}; returns how many. */
    public static long memoryRelief(Graph graph, Params params) {
        int[] nodes;
        try (GraphSnapshot s = graph.snapshot()) {
            nodes = s.nodes();
        }
        long removed = 0;
        for (int start = 0; start < nodes.length; start += BATCH_NODES) {
            int from = start;
            int to = Math.min(nodes.length, from + BATCH_NODES);
            removed += graph.inTransaction(tx -> {
                long count = 0;
                EdgeCursor c = tx.snapshot().cursor();
                for (int i = from; i < to; i++) {
                    for (int e = 0, size = c.out(nodes[i]); e < size; e++) {
                        if (c.weight(e) < params.evictBelow()) {
                            tx.removeEdge(nodes[i], c.labelName(e), c.node(e));
                            count++;
                        }
                    }
                }
                return count;
            });
        }
        return removed;
    }
}
