package io.engram.graph;

import io.engram.core.ConflictException;
import java.util.List;

/**
 * A write transaction lost validation at commit: a transaction that committed after it started
 * (version {@link #winningVersion()}) wrote what it wrote (or, when serializable, what it read).
 */
public final class TransactionConflictException extends ConflictException {
    private final List<GraphKey> graphKeys;
    private final long winningVersion;

    TransactionConflictException(List<GraphKey> keys, long winningVersion) {
        super(keys.stream().map(GraphKey::toString).toList(), winningVersion);
        this.graphKeys = List.copyOf(keys);
        this.winningVersion = winningVersion;
    }

    /** The conflicting keys as structured values. */
    public List<GraphKey> graphKeys() {
        return graphKeys;
    }

    /** The commit version of the transaction that won. */
    public long winningVersion() {
        return winningVersion;
    }
}
