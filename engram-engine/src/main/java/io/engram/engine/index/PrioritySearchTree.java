package io.engram.engine.index;

import java.util.function.IntConsumer;

/**
 * Static priority search tree (McCreight) over intervals [from, until), answering "which intervals
 * contain t" in O(log n + matches). Each node holds the interval with the largest until among its
 * subtree; the rest of the subtree's intervals, in from order, are split at the median between the
 * two children. So a subtree can be skipped when its root's until is ≤ t (no until in it is
 * larger) or its smallest from is &gt; t. Every visited node is the root, a child of a node that
 * matched, or a child of one of the O(depth) nodes whose subtree straddles t in from order, hence
 * at most 1 + 2·(matches + depth) visits, depth ≤ log2(n) + 1.
 *
 * <p>Nodes are laid out in preorder in parallel primitive arrays (root at 0), immutable once
 * built, so any number of threads may query one tree.
 */
final class PrioritySearchTree {
    static final PrioritySearchTree EMPTY = new PrioritySearchTree(0);

    final int size;
    final int[] ords;
    final long[] froms;
    final long[] untils;
    /** Smallest from in the node's subtree, the node included. */
    private final long[] minFroms;
    private final int[] lefts;
    private final int[] rights;
    private int built;

    private PrioritySearchTree(int size) {
        this.size = size;
        ords = new int[size];
        froms = new long[size];
        untils = new long[size];
        minFroms = new long[size];
        lefts = new int[size];
        rights = new int[size];
    }

    /** Builds over the first {@code n} entries of the arrays (not modified); O(n log n). */
    static PrioritySearchTree build(int[] ords, long[] froms, long[] untils, int n) {
        if (n == 0) {
            return EMPTY;
        }
        PrioritySearchTree tree = new PrioritySearchTree(n);
        int[] byFrom = sortedByFrom(froms, n);
        tree.buildRange(byFrom, 0, n, ords, froms, untils);
        return tree;
    }

    int root() {
        return size == 0 ? -1 : 0;
    }

    /** Reports to {@code action} every interval containing {@code t} whose ord is not in {@code skip}. */
    int stab(int node, long t, ValidityIndex.IntSet skip, IntConsumer action) {
        if (node < 0) {
            return 0;
        }
        if (untils[node] <= t || minFroms[node] > t) {
            return 1;
        }
        if (froms[node] <= t && (skip == null || !skip.contains(ords[node]))) {
            action.accept(ords[node]);
        }
        return 1 + stab(lefts[node], t, skip, action) + stab(rights[node], t, skip, action);
    }

    /** Builds the subtree of entries byFrom[lo, hi) (sorted by from), returns its node index. */
    private int buildRange(int[] byFrom, int lo, int hi, int[] srcOrds, long[] srcFroms, long[] srcUntils) {
        if (lo >= hi) {
            return -1;
        }
        int best = lo;
        for (int i = lo + 1; i < hi; i++) {
            if (srcUntils[byFrom[i]] > srcUntils[byFrom[best]]) {
                best = i;
            }
        }
        int node = built++;
        int entry = byFrom[best];
        ords[node] = srcOrds[entry];
        froms[node] = srcFroms[entry];
        untils[node] = srcUntils[entry];
        minFroms[node] = srcFroms[byFrom[lo]];
        // Remove the promoted entry; the rest stays sorted by from.
        System.arraycopy(byFrom, best + 1, byFrom, best, hi - best - 1);
        int rest = hi - 1;
        int mid = (lo + rest) >>> 1;
        lefts[node] = buildRange(byFrom, lo, mid, srcOrds, srcFroms, srcUntils);
        rights[node] = buildRange(byFrom, mid, rest, srcOrds, srcFroms, srcUntils);
        return node;
    }

    /** Indices 0..n-1 ordered by key (bottom-up merge sort, stable, no boxing). */
    private static int[] sortedByFrom(long[] keys, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] swap = a;
            a = b;
            b = swap;
        }
        return a;
    }
}
