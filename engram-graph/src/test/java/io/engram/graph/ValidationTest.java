package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.community.Consolidation;
import io.engram.graph.community.Leiden;
import io.engram.graph.compute.ComputePool;
import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.PageRank;
import io.engram.graph.traverse.Traversals;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input fails at the boundary with a specific exception that names the values. */
class ValidationTest {

    @Test
    void configurationAndPolicies() {
        assertThatThrownBy(() -> GraphConfig.defaults().withMaxNodes(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("maxNodes").hasMessageContaining("got 0");
        assertThatThrownBy(() -> GraphConfig.defaults().withMaxSnapshotAge(Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxSnapshotAge");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new Budget(Duration.ofMillis(-1), 1, 1)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new ComputePool(0, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> new Consolidation.Options(1, 1, 1, Budget.unlimited()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("minMembers");
    }

    @Test
    void backoffGrowsAndStaysWithinItsCap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(8));
        for (int attempt = 1; attempt <= 10; attempt++) {
            long full = Math.min(8_000_000L, 1_000_000L << Math.min(attempt - 1, 20));
            long pause = p.backoffNanos(attempt);
            assertThat(pause).isBetween(full / 2, full);
        }
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO).backoffNanos(2)).isZero();
    }

    @Test
    void traversalArguments() {
        Graph graph = Graph.loader(3).edge(0, "x", 1, 1).build();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThatThrownBy(() -> Traversals.kHop(s, 0, -1, Direction.OUT, 10, Budget.unlimited()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("depth");
            assertThatThrownBy(() -> Traversals.bfs(s, 7, Direction.OUT, Budget.unlimited()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("node 7 does not exist");
            assertThatThrownBy(() -> PageRank.compute(s, 1.5, 20, Budget.unlimited()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("damping");
            assertThatThrownBy(() -> Leiden.detect(s, 0, 1, Budget.unlimited()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("resolution");
            assertThat(s.cursor().out(-5)).isZero();
            assertThat(s.exists(Integer.MAX_VALUE)).isFalse();
        }
    }

    @Test
    void closedSnapshotsAndForeignPublishesAreRefused() {
        Graph graph = Graph.loader(2).build();
        GraphSnapshot s = graph.snapshot();
        EdgeCursor cursor = s.cursor();
        s.close();
        assertThatThrownBy(() -> s.exists(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> cursor.out(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> graph.publish(new ConsolidatedView(5, new int[0], new int[0], new int[0][])))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("epoch 1, got 5");
        assertThatThrownBy(() -> Graph.loader(2).nodeProperties(0, Map.of("k", new int[0])))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
