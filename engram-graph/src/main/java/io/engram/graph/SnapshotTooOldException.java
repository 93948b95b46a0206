package io.engram.graph;

import io.engram.core.EngramException;

/**
 * A snapshot outlived {@link GraphConfig#maxSnapshotAge()}: the versions it pinned may have been
 * reclaimed, so it refuses to read rather than pin history forever. Open a new snapshot.
 */
public final class SnapshotTooOldException extends EngramException {
    SnapshotTooOldException(long version, long ageMillis, long maxAgeMillis) {
        super("snapshot at version " + version + " is too old: open " + ageMillis
                + " ms, the limit is " + maxAgeMillis + " ms; open a new snapshot");
    }
}
