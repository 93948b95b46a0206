package io.engram.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The address (in {@link VersionStore}) of the newest committed version of every node that has
 * one, in fixed-size int pages so the table grows without copying entries or blocking readers.
 * {@link VersionStore#NONE} means "not edited since the last compaction": the node's state is in
 * the {@link BaseGraph} (or it does not exist).
 */
final class VersionTable {
    private static final int PAGE_BITS = 14;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    private volatile int[][] pages = new int[0][];

    /** The head of {@code node}'s chain, with acquire semantics: the record it names is fully visible. */
    int head(int node) {
        int[][] p = pages;
        int page = node >>> PAGE_BITS;
        if (page >= p.length) {
            return VersionStore.NONE;
        }
        return (int) SLOT.getAcquire(p[page], node & PAGE_MASK);
    }

    /** Installs a new head (commit path only, under the commit lock). */
    void setHead(int node, int address) {
        int page = node >>> PAGE_BITS;
        int[][] p = pages;
        if (page >= p.length) {
            p = grow(page);
        }
        SLOT.setRelease(p[page], node & PAGE_MASK, address);
    }

    /** Clears a head (compaction, under the commit lock): the node's state is in the new base. */
    void clearHead(int node) {
        int[][] p = pages;
        int page = node >>> PAGE_BITS;
        if (page < p.length) {
            SLOT.setRelease(p[page], node & PAGE_MASK, VersionStore.NONE);
        }
    }

    private synchronized int[][] grow(int page) {
        int[][] p = pages;
        if (page < p.length) {
            return p;
        }
        int[][] bigger = Arrays.copyOf(p, page + 1);
        for (int i = p.length; i <= page; i++) {
            bigger[i] = new int[PAGE_SIZE];
        }
        pages = bigger;
        return bigger;
    }

    /** Upper bound (exclusive) of node ids that may have a head. */
    int capacity() {
        return pages.length << PAGE_BITS;
    }
}
