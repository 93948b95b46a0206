package io.engram.core;

import java.util.List;

/** An optimistic transaction lost a race: another commit changed what it read or wrote. */
public class ConflictException extends EngramException {
    private final List<String> keys;

    public ConflictException(List<String> keys) {
        super("transaction conflict on " + keys.size() + " key(s): " + keys);
        this.keys = List.copyOf(keys);
    }

    /** A conflict with the commit version of the transaction that won. */
    public ConflictException(List<String> keys, long winningVersion) {
        super("transaction conflict on " + keys.size() + " key(s): " + keys
                + "; the winning commit is version " + winningVersion);
        this.keys = List.copyOf(keys);
    }

    /** The keys whose versions changed between the transaction's read and its commit. */
    public List<String> keys() {
        return keys;
    }
}
