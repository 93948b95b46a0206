package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.time.Duration;

/**
 * Limits and knobs of a {@link Graph}.
 *
 * @param maxNodes         cap on node ids (working-memory bound); creating more fails clearly
 * @param maxSnapshotAge   a snapshot open longer fails with {@link SnapshotTooOldException}
 *                         instead of pinning old versions forever
 * @param isolation        the default isolation of {@link Graph#begin()}
 * @param retry            the default policy of {@link Graph#inTransaction}
 * @param compaction       who folds versions back into flat arrays ({@link Graph#compact()})
 */
public record GraphConfig(int maxNodes, Duration maxSnapshotAge, Isolation isolation, RetryPolicy retry,
        Compaction compaction) {

    public static final int MAX_NODES_LIMIT = Integer.MAX_VALUE - 64;

    public GraphConfig {
        InvalidArgumentException.check(maxNodes > 0 && maxNodes <= MAX_NODES_LIMIT,
                "maxNodes must be in [1, %d], got %d", MAX_NODES_LIMIT, maxNodes);
        InvalidArgumentException.check(maxSnapshotAge != null && !maxSnapshotAge.isNegative() && !maxSnapshotAge.isZero(),
                "maxSnapshotAge must be positive, got %s", maxSnapshotAge);
        InvalidArgumentException.check(isolation != null, "isolation must not be null");
        InvalidArgumentException.check(retry != null, "retry must not be null");
        InvalidArgumentException.check(compaction != null, "compaction must not be null");
    }

    /** 100M nodes, snapshots live up to 5 minutes, snapshot isolation, the default retry policy, compaction as suits the machine. */
    public static GraphConfig defaults() {
        return new GraphConfig(100_000_000, Duration.ofMinutes(5), Isolation.SNAPSHOT, RetryPolicy.defaults(), Compaction.forThisMachine());
    }

    public GraphConfig withMaxNodes(int value) {
        return new GraphConfig(value, maxSnapshotAge, isolation, retry, compaction);
    }

    public GraphConfig withMaxSnapshotAge(Duration value) {
        return new GraphConfig(maxNodes, value, isolation, retry, compaction);
    }

    public GraphConfig withIsolation(Isolation value) {
        return new GraphConfig(maxNodes, maxSnapshotAge, value, retry, compaction);
    }

    public GraphConfig withRetry(RetryPolicy value) {
        return new GraphConfig(maxNodes, maxSnapshotAge, isolation, value, compaction);
    }

    public GraphConfig withCompaction(Compaction value) {
        return new GraphConfig(maxNodes, maxSnapshotAge, isolation, retry, value);
    }
}
