package io.engram.graph.community;

import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;
import java.util.Arrays;

/**
 * An undirected weighted graph in CSR form over compact ids 0..n-1, as community detection
 * needs it: each directed edge of the snapshot becomes one undirected edge (listed at both ends;
 * a self-loop twice at its node), parallel edges summed only when aggregating.
 */
final class WeightedGraph {
    final int n;
    final int[] offsets;
    final int[] neighbours;
    final double[] weights;
    /** Sum of incident edge weights (a node's degree in the modularity sense). */
    final double[] strength;
    /** Sum of all strengths: twice the total edge weight. */
    final double totalStrength;

    WeightedGraph(int n, int[] offsets, int[] neighbours, double[] weights) {
        this.n = n;
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.weights = weights;
        this.strength = new double[n];
        double total = 0;
        for (int v = 0; v < n; v++) {
            double s = 0;
            for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                s += weights[i];
            }
            strength[v] = s;
            total += s;
        }
        this.totalStrength = total;
    }

    /**
     * The snapshot's live nodes, ids compacted in ascending order ({@code ids[i]} is the node id
     * of compact node {@code i}), weights as stored; non-positive or non-finite weights count 0.
     */
    static WeightedGraph of(GraphSnapshot snapshot, int[] ids) {
        return of(snapshot, ids, -1);
    }

    /** As {@link #of(GraphSnapshot, int[])}, leaving out edges labelled {@code skipLabel} and edges to nodes not in {@code ids}. */
    static WeightedGraph of(GraphSnapshot snapshot, int[] ids, int skipLabel) {
        int bound = snapshot.nodeIdBound();
        int[] compact = new int[bound];
        Arrays.fill(compact, -1);
        for (int i = 0; i < ids.length; i++) {
            compact[ids[i]] = i;
        }
        int n = ids.length;
        int[] degree = new int[n + 1];
        EdgeCursor c = snapshot.cursor();
        for (int i = 0; i < n; i++) {
            int size = c.out(ids[i]);
            for (int e = 0; e < size; e++) {
                if (c.label(e) != skipLabel && compact[c.node(e)] >= 0) {
                    degree[i + 1]++;
                    degree[compact[c.node(e)] + 1]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            degree[i + 1] += degree[i];
        }
        int[] fill = Arrays.copyOf(degree, n);
        int[] nbr = new int[degree[n]];
        double[] wt = new double[degree[n]];
        for (int i = 0; i < n; i++) {
            int size = c.out(ids[i]);
            for (int e = 0; e < size; e++) {
                int j = compact[c.node(e)];
                if (c.label(e) == skipLabel || j < 0) {
                    continue;
                }
                float w = c.weight(e);
                double weight = w > 0 && Float.isFinite(w) ? w : 0;
                nbr[fill[i]] = j;
                wt[fill[i]++] = weight;
                nbr[fill[j]] = i;
                wt[fill[j]++] = weight;
            }
        }
        return new WeightedGraph(n, degree, nbr, wt);
    }

    /** The graph of groups: node g is group g, edge weights summed (self-loops carry inner weight). */
    WeightedGraph aggregate(int[] groupOf, int groups) {
        double[] acc = new double[groups];
        boolean[] seen = new boolean[groups];
        int[] touched = new int[groups];
        int[] offsetsOut = new int[groups + 1];
        int[][] members = members(groupOf, groups);
        int[] nbrOut = new int[neighbours.length];
        double[] wtOut = new double[neighbours.length];
        int o = 0;
        for (int g = 0; g < groups; g++) {
            int t = 0;
            for (int v : members[g]) {
                for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                    int h = groupOf[neighbours[i]];
                    if (!seen[h]) {
                        seen[h] = true;
                        touched[t++] = h;
                    }
                    acc[h] += weights[i];
                }
            }
            Arrays.sort(touched, 0, t);
            for (int k = 0; k < t; k++) {
                int h = touched[k];
                if (acc[h] != 0) {
                    nbrOut[o] = h;
                    wtOut[o++] = acc[h];
                }
                acc[h] = 0;
                seen[h] = false;
            }
            offsetsOut[g + 1] = o;
        }
        return new WeightedGraph(groups, offsetsOut, Arrays.copyOf(nbrOut, o), Arrays.copyOf(wtOut, o));
    }

    static int[][] members(int[] groupOf, int groups) {
        int[] count = new int[groups];
        for (int g : groupOf) {
            count[g]++;
        }
        int[][] members = new int[groups][];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[count[g]];
        }
        int[] fill = new int[groups];
        for (int v = 0; v < groupOf.length; v++) {
            members[groupOf[v]][fill[groupOf[v]]++] = v;
        }
        return members;
    }
}
