package io.engram.graph.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.EngramException;
import io.engram.graph.Graph;
import io.engram.graph.GraphLoader;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.BudgetClock;
import io.engram.graph.traverse.PageRank;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void aFailingTaskFailsOnlyItsOwnCall() {
        GraphLoader loader = Graph.loader(3);
        loader.edge(0, "e", 1, 1).edge(1, "e", 2, 1);
        Graph graph = loader.build();
        try (ComputePool pool = new ComputePool(1, 4)) {
            Computation<Object> bad = pool.submit(c -> {
                throw new IllegalStateException("boom");
            });
            Computation<double[]> good = pool.submit(c -> {
                try (GraphSnapshot s = graph.snapshot()) {
                    return PageRank.compute(s, Budget.unlimited()).ranks();
                }
            });
            assertThatThrownBy(() -> bad.await(Duration.ofSeconds(30))).isInstanceOf(EngramException.class)
                    .hasMessageContaining("boom").hasCauseInstanceOf(IllegalStateException.class);
            assertThat(good.await(Duration.ofSeconds(30))).hasSize(3);
        }
    }

    @Test
    void cancellationStopsACooperativeTaskAndAFullQueueIsRefused() throws Exception {
        try (ComputePool pool = new ComputePool(1, 1)) {
            CountDownLatch started = new CountDownLatch(1);
            Computation<String> spinning = pool.submit(cancelled -> {
                started.countDown();
                BudgetClock clock = new BudgetClock(Budget.unlimited(), cancelled);
                while (!clock.checkNow()) {
                    Thread.onSpinWait();
                }
                return clock.reason().name();
            });
            started.await();
            Computation<String> queued = pool.submit(c -> "queued");
            assertThatThrownBy(() -> pool.submit(c -> "refused")).isInstanceOf(EngramException.class)
                    .hasMessageContaining("compute pool is full");
            spinning.cancel();
            assertThatThrownBy(() -> spinning.await(Duration.ofSeconds(30))).hasMessageContaining("cancelled");
            assertThat(queued.await(Duration.ofSeconds(30))).isEqualTo("queued");
        }
    }
}
