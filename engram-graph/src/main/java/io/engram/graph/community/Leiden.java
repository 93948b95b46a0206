package io.engram.graph.community;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.BudgetClock;
import io.engram.graph.traverse.StopReason;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Leiden community detection (Traag, Waltman and van Eck, 2019) maximising modularity with a
 * resolution parameter, on the snapshot's edges taken as undirected and weighted.
 *
 * <p>Each level: fast local moving (a queue of nodes whose neighbourhood changed), then
 * refinement (within each community, singletons merge greedily into well-connected
 * sub-communities they have an edge to, so every refined community is connected), then
 * aggregation of the refined partition with the unrefined one as the starting point. A final pass
 * splits any community that is not connected in the original graph, so connectivity holds by
 * construction, not only in expectation. Node order is shuffled from {@code seed}: the same
 * snapshot and seed give the same communities.
 */
public final class Leiden {
    private static final int MAX_LEVELS = 64;

    private Leiden() {}

    /**
     * @param communityOf by node id: a community in [0, count), numbered by smallest member; -1
     *                    for ids that are not live nodes
     */
    public record Result(int[] communityOf, int count, double modularity, int levels, boolean partial,
            StopReason reason) {}

    public static Result detect(GraphSnapshot snapshot, double resolution, long seed, Budget budget) {
        return detect(snapshot, snapshot.nodes(), -1, resolution, seed, budget);
    }

    /** Communities among {@code ids} only (ascending live node ids), ignoring edges labelled {@code skipLabel}. */
    static Result detect(GraphSnapshot snapshot, int[] ids, int skipLabel, double resolution, long seed,
            Budget budget) {
        InvalidArgumentException.check(resolution > 0 && Double.isFinite(resolution),
                "resolution must be finite and > 0, got %s", resolution);
        WeightedGraph original = WeightedGraph.of(snapshot, ids, skipLabel);
        BudgetClock clock = new BudgetClock(budget);
        int[] levels = new int[1];
        int[] partition = run(original, resolution, new SplittableRandom(seed), clock, levels);
        int[] compact = splitDisconnected(original, partition);
        int count = Arrays.stream(compact).max().orElse(-1) + 1;
        int[] communityOf = new int[snapshot.nodeIdBound()];
        Arrays.fill(communityOf, -1);
        for (int i = 0; i < ids.length; i++) {
            communityOf[ids[i]] = compact[i];
        }
        return new Result(communityOf, count, modularity(original, compact, resolution), levels[0],
                clock.partial(), clock.reason());
    }

    /** The multi-level loop; returns a community per original compact node. */
    private static int[] run(WeightedGraph original, double gamma, SplittableRandom random, BudgetClock clock,
            int[] levelsRun) {
        WeightedGraph g = original;
        int[] nodeToAggregate = identity(original.n); // original node → node of the current level
        int[] partition = identity(g.n);               // current level node → community
        int levels = 0;
        for (; levels < MAX_LEVELS; levels++) {
            boolean changed = moveNodes(g, partition, gamma, random, clock);
            int communities = renumber(partition);
            if (!changed || communities == g.n || clock.partial()) {
                break;
            }
            int[] refined = refine(g, partition, communities, gamma, random);
            int refinedCount = renumber(refined);
            WeightedGraph next = g.aggregate(refined, refinedCount);
            int[] nextPartition = new int[refinedCount];
            for (int v = 0; v < g.n; v++) {
                nextPartition[refined[v]] = partition[v];
            }
            for (int v = 0; v < original.n; v++) {
                nodeToAggregate[v] = refined[nodeToAggregate[v]];
            }
            g = next;
            partition = nextPartition;
        }
        levelsRun[0] = levels + 1;
        int[] result = new int[original.n];
        for (int v = 0; v < original.n; v++) {
            result[v] = partition[nodeToAggregate[v]];
        }
        return result;
    }

    /** Fast local moving; returns whether any node moved. */
    private static boolean moveNodes(WeightedGraph g, int[] community, double gamma, SplittableRandom random,
            BudgetClock clock) {
        int n = g.n;
        double[] total = new double[n];
        for (int v = 0; v < n; v++) {
            total[community[v]] += g.strength[v];
        }
        double[] linkTo = new double[n];
        int[] touched = new int[n];
        boolean[] queued = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>(n);
        for (int v : shuffled(n, random)) {
            queue.add(v);
            queued[v] = true;
        }
        boolean changed = false;
        double m2 = g.totalStrength;
        if (m2 == 0) {
            return false;
        }
        while (!queue.isEmpty()) {
            if (clock.expired()) {
                break;
            }
            int v = queue.poll();
            queued[v] = false;
            int own = community[v];
            int t = 0;
            for (int i = g.offsets[v]; i < g.offsets[v + 1]; i++) {
                int u = g.neighbours[i];
                if (u == v || g.weights[i] <= 0) {
                    continue;
                }
                int c = community[u];
                if (linkTo[c] == 0) {
                    touched[t++] = c;
                }
                linkTo[c] += g.weights[i];
            }
            double kv = g.strength[v];
            total[own] -= kv;
            int best = own;
            double bestGain = linkTo[own] - gamma * kv * total[own] / m2;
            for (int k = 0; k < t; k++) {
                int c = touched[k];
                double gain = linkTo[c] - gamma * kv * total[c] / m2;
                if (gain > bestGain + 1e-12) { // ties stay put: moves must strictly improve
                    best = c;
                    bestGain = gain;
                }
            }
            total[best] += kv;
            for (int k = 0; k < t; k++) {
                linkTo[touched[k]] = 0;
            }
            linkTo[own] = 0;
            if (best != own) {
                community[v] = best;
                changed = true;
                for (int i = g.offsets[v]; i < g.offsets[v + 1]; i++) {
                    int u = g.neighbours[i];
                    if (!queued[u] && community[u] != best) {
                        queued[u] = true;
                        queue.add(u);
                    }
                }
            }
        }
        return changed;
    }

    /**
     * Refinement: inside each community, every node starts alone; a node still alone that is
     * well connected to its community joins the well-connected refined sub-community (one it has
     * an edge to) with the best modularity gain, if the gain is not negative.
     */
    private static int[] refine(WeightedGraph g, int[] community, int communities, double gamma,
            SplittableRandom random) {
        int n = g.n;
        double m2 = g.totalStrength;
        int[] refined = identity(n);
        double[] refinedTotal = Arrays.copyOf(g.strength, n);
        int[] refinedSize = new int[n];
        Arrays.fill(refinedSize, 1);
        double[] communityTotal = new double[communities];
        for (int v = 0; v < n; v++) {
            communityTotal[community[v]] += g.strength[v];
        }
        // External weight of each refined sub-community towards the rest of its community.
        double[] externalOf = new double[n];
        for (int v = 0; v < n; v++) {
            for (int i = g.offsets[v]; i < g.offsets[v + 1]; i++) {
                int u = g.neighbours[i];
                if (u != v && community[u] == community[v]) {
                    externalOf[v] += g.weights[i];
                }
            }
        }
        double[] linkTo = new double[n];
        int[] touched = new int[n];
        for (int v : shuffled(n, random)) {
            if (refinedSize[refined[v]] != 1) {
                continue; // only singletons move
            }
            int c = community[v];
            double kv = g.strength[v];
            if (externalOf[v] < gamma * kv * (communityTotal[c] - kv) / m2) {
                continue; // not well connected to its own community
            }
            int t = 0;
            for (int i = g.offsets[v]; i < g.offsets[v + 1]; i++) {
                int u = g.neighbours[i];
                if (u == v || community[u] != c || g.weights[i] <= 0) {
                    continue;
                }
                int r = refined[u];
                if (linkTo[r] == 0) {
                    touched[t++] = r;
                }
                linkTo[r] += g.weights[i];
            }
            int best = -1;
            double bestGain = 0;
            for (int k = 0; k < t; k++) {
                int r = touched[k];
                double kr = refinedTotal[r];
                boolean wellConnected = externalOf[r] >= gamma * kr * (communityTotal[c] - kr) / m2;
                double gain = linkTo[r] - gamma * kv * kr / m2;
                if (wellConnected && gain >= bestGain && (best < 0 || gain > bestGain || r < best)) {
                    best = r;
                    bestGain = gain;
                }
            }
            if (best >= 0) {
                int own = refined[v];
                refined[v] = best;
                refinedSize[own] = 0;
                refinedSize[best]++;
                refinedTotal[best] += kv;
                // v's edges to the community now are internal to best for those inside best.
                externalOf[best] = externalOf[best] + externalOf[v] - 2 * linkTo[best];
            }
            for (int k = 0; k < t; k++) {
                linkTo[touched[k]] = 0;
            }
        }
        return refined;
    }

    /** Splits each community into its connected pieces in {@code g}; numbers them by smallest member. */
    private static int[] splitDisconnected(WeightedGraph g, int[] community) {
        int[] out = new int[g.n];
        Arrays.fill(out, -1);
        int next = 0;
        int[] stack = new int[g.n];
        for (int s = 0; s < g.n; s++) {
            if (out[s] >= 0) {
                continue;
            }
            int id = next++;
            out[s] = id;
            int top = 0;
            stack[top++] = s;
            while (top > 0) {
                int v = stack[--top];
                for (int i = g.offsets[v]; i < g.offsets[v + 1]; i++) {
                    int u = g.neighbours[i];
                    if (out[u] < 0 && community[u] == community[s] && g.weights[i] > 0) {
                        out[u] = id;
                        stack[top++] = u;
                    }
                }
            }
        }
        return out;
    }

    /** Modularity Q = Σ_c [ in_c / m2 − γ (tot_c / m2)² ] with in_c counting both directions. */
    static double modularity(WeightedGraph g, int[] community, double gamma) {
        if (g.totalStrength == 0) {
            return 0;
        }
        int count = Arrays.stream(community).max().orElse(-1) + 1;
        double[] inner = new double[count];
        double[] total = new double[count];
        for (int v = 0; v < g.n; v++) {
            total[community[v]] += g.strength[v];
            for (int i = g.offsets[v]; i < g.offsets[v + 1]; i++) {
                if (community[g.neighbours[i]] == community[v]) {
                    inner[community[v]] += g.weights[i];
                }
            }
        }
        double q = 0;
        double m2 = g.totalStrength;
        for (int c = 0; c < count; c++) {
            q += inner[c] / m2 - gamma * (total[c] / m2) * (total[c] / m2);
        }
        return q;
    }

    /** Renumbers labels densely in first-seen order; returns the number of distinct labels. */
    private static int renumber(int[] labels) {
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (map[l] < 0) {
                map[l] = next++;
            }
            labels[i] = map[l];
        }
        return next;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
