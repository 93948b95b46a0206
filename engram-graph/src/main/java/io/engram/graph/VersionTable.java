package io.engram.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The newest committed {@link NodeVersion} of every node that has one, in fixed-size pages so
 * the table grows without copying entries or blocking readers. A null head means "never edited
 * since the bulk load": the node's state is in {@link BaseGraph} (or it does not exist).
 */
final class VersionTable {
    private static final int PAGE_BITS = 14;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(NodeVersion[].class);

    private volatile NodeVersion[][] pages = new NodeVersion[0][];

    /** The head of {@code node}'s chain, with acquire semantics: its fields are fully visible. */
    NodeVersion head(int node) {
        NodeVersion[][] p = pages;
        int page = node >>> PAGE_BITS;
        if (page >= p.length) {
            return null;
        }
        return (NodeVersion) SLOT.getAcquire(p[page], node & PAGE_MASK);
    }

    /** Installs a new head (commit path only, under the commit lock). */
    void setHead(int node, NodeVersion version) {
        int page = node >>> PAGE_BITS;
        NodeVersion[][] p = pages;
        if (page >= p.length) {
            p = grow(page);
        }
        SLOT.setRelease(p[page], node & PAGE_MASK, version);
    }

    /** Clears a head (compaction, under the commit lock): the node's state is in the new base. */
    void clearHead(int node) {
        NodeVersion[][] p = pages;
        int page = node >>> PAGE_BITS;
        if (page < p.length) {
            SLOT.setRelease(p[page], node & PAGE_MASK, (NodeVersion) null);
        }
    }

    private synchronized NodeVersion[][] grow(int page) {
        NodeVersion[][] p = pages;
        if (page < p.length) {
            return p;
        }
        NodeVersion[][] bigger = Arrays.copyOf(p, page + 1);
        for (int i = p.length; i <= page; i++) {
            bigger[i] = new NodeVersion[PAGE_SIZE];
        }
        pages = bigger;
        return bigger;
    }

    /** Upper bound (exclusive) of node ids that may have a head. */
    int capacity() {
        return pages.length << PAGE_BITS;
    }
}
