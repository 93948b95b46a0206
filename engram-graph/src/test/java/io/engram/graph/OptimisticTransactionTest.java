package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OptimisticTransactionTest {

    private static Graph nodes(int n) {
        return Graph.loader(n).build();
    }

    @Test
    void twoWritersOfTheSameEdgeFromOneStartVersion_exactlyOneCommits() {
        Graph graph = nodes(3);
        Transaction first = graph.begin();
        Transaction second = graph.begin();
        first.putEdge(0, "likes", 1, 0.5);
        second.putEdge(0, "likes", 1, 0.7);
        assertThat(first.commit()).isEqualTo(1);
        assertThatThrownBy(second::commit).isInstanceOfSatisfying(TransactionConflictException.class, e -> {
            assertThat(e.graphKeys()).contains(GraphKey.edge(0, "likes", 1));
            assertThat(e.keys()).contains("edge(0,likes,1)");
            assertThat(e.winningVersion()).isEqualTo(1);
            assertThat(e.getMessage()).contains("edge(0,likes,1)").contains("version 1");
        });
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.weight(0, "likes", 1).getAsDouble()).isEqualTo(0.5f);
        }
        assertThat(graph.openSnapshots()).isZero();
    }

    @Test
    void disjointWriteSetsBothCommit() {
        Graph graph = nodes(4);
        Transaction a = graph.begin();
        Transaction b = graph.begin();
        a.putEdge(0, "x", 1);
        a.setProperty(0, "p", 1);
        b.putEdge(0, "x", 2); // same source node, different edge: no conflict
        b.setProperty(0, "q", 2);
        a.commit();
        b.commit();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.neighbours(0, Direction.OUT)).containsExactly(1, 2);
            assertThat(s.properties(0)).containsEntry("p", 1L).containsEntry("q", 2L);
        }
    }

    @Test
    void serializableConflictsOnReadSetOverlapWhereSnapshotIsolationDoesNot() {
        for (Isolation isolation : Isolation.values()) {
            Graph graph = nodes(3);
            Transaction reader = graph.begin(isolation);
            Transaction writer = graph.begin(isolation);
            Object seen = reader.property(0, "flag");
            reader.setProperty(1, "copy", seen == null ? "none" : "some");
            writer.setProperty(0, "flag", true);
            writer.commit();
            if (isolation == Isolation.SNAPSHOT) {
                reader.commit();
            } else {
                assertThatThrownBy(reader::commit).isInstanceOfSatisfying(TransactionConflictException.class,
                        e -> assertThat(e.graphKeys()).containsExactly(GraphKey.property(0, "flag")));
            }
        }
    }

    @Test
    void serializableNeighbourListingConflictsWithAnEdgeAddedThere() {
        Graph graph = nodes(3);
        Transaction reader = graph.begin(Isolation.SERIALIZABLE);
        Transaction writer = graph.begin(Isolation.SERIALIZABLE);
        reader.setProperty(2, "degree", reader.neighbours(0, Direction.OUT).length);
        writer.putEdge(0, "x", 1);
        writer.commit();
        assertThatThrownBy(reader::commit).isInstanceOfSatisfying(TransactionConflictException.class,
                e -> assertThat(e.graphKeys()).contains(GraphKey.adjacency(0)));
    }

    @Test
    void anEdgeToANodeDeletedConcurrentlyFailsOnThatNode() {
        Graph graph = nodes(3);
        Transaction adder = graph.begin();
        Transaction deleter = graph.begin();
        adder.putEdge(0, "x", 1);
        deleter.deleteNode(1);
        deleter.commit();
        assertThatThrownBy(adder::commit).isInstanceOfSatisfying(TransactionConflictException.class,
                e -> assertThat(e.graphKeys()).containsExactly(GraphKey.node(1)));
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.edgeCount()).isZero();
        }
    }

    @Test
    void retryHelperTurnsEightThreadsOfReadModifyWriteIntoTheExactTotal() throws Exception {
        Graph graph = nodes(1);
        RetryPolicy policy = new RetryPolicy(100, Duration.ofNanos(10_000), Duration.ofMillis(1));
        AtomicInteger attempts = new AtomicInteger();
        runConcurrently(8, () -> {
            for (int i = 0; i < 1000; i++) {
                graph.inTransaction(policy, Isolation.SNAPSHOT, tx -> {
                    attempts.incrementAndGet();
                    Object c = tx.property(0, "count");
                    tx.setProperty(0, "count", c == null ? 1L : (Long) c + 1);
                    return null;
                });
            }
        });
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.property(0, "count")).isEqualTo(8000L);
        }
        assertThat(attempts.get()).isGreaterThanOrEqualTo(8000);
    }

    @Test
    void retryHelperRethrowsTheLastConflictWhenAttemptsRunOut() {
        Graph graph = nodes(1);
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
        assertThatThrownBy(() -> graph.inTransaction(policy, Isolation.SNAPSHOT, tx -> {
            attempts.incrementAndGet();
            tx.setProperty(0, "p", 1);
            try (Transaction rival = graph.begin()) { // commits the same key first, every time
                rival.setProperty(0, "p", 2);
                rival.commit();
            }
            return null;
        })).isInstanceOfSatisfying(TransactionConflictException.class,
                e -> assertThat(e.winningVersion()).isEqualTo(3));
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void commutativeWeightIncrementsNeverConflictAndSumExactly() throws Exception {
        Graph graph = nodes(2);
        graph.inTransaction(tx -> {
            tx.putEdge(0, "co", 1, 0);
            return null;
        });
        runConcurrently(8, () -> {
            for (int i = 0; i < 1000; i++) {
                try (Transaction tx = graph.begin()) {
                    tx.incrementWeight(0, "co", 1, 1.0);
                    tx.commit(); // no retry: a conflict would fail the test
                }
            }
        });
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.weight(0, "co", 1).getAsDouble()).isEqualTo(8000.0);
            assertThat(s.inDegree(1)).isEqualTo(1);
        }
    }

    @Test
    void anIncrementConflictsWithAConcurrentRemovalOfTheEdge() {
        Graph graph = nodes(2);
        graph.inTransaction(tx -> {
            tx.putEdge(0, "co", 1, 1);
            return null;
        });
        Transaction inc = graph.begin();
        Transaction del = graph.begin();
        inc.incrementWeight(0, "co", 1, 2);
        assertThat(inc.weight(0, "co", 1)).hasValue(3.0);
        del.removeEdge(0, "co", 1);
        del.commit();
        assertThatThrownBy(inc::commit).isInstanceOf(TransactionConflictException.class);
        Graph fresh = nodes(2);
        fresh.inTransaction(tx -> {
            tx.incrementWeight(0, "co", 1, 0.5);
            return null;
        });
        try (GraphSnapshot s = fresh.snapshot()) {
            assertThat(s.weight(0, "co", 1)).hasValue(1.5); // a new edge starts at 1.0 + delta
        }
    }

    @Test
    void batchedIncrementsFromEightThreadsCommitAsFewTransactionsAndSumExactly() throws Exception {
        Graph graph = nodes(3);
        try (IncrementBatcher batcher = new IncrementBatcher(graph, Duration.ofHours(1))) { // flushed by hand
            runConcurrently(8, () -> {
                for (int i = 0; i < 1000; i++) {
                    batcher.add(0, "co", 1, 1.0);
                }
            });
            assertThat(batcher.flush()).isEqualTo(1);
            assertThat(graph.version()).isEqualTo(1);
            batcher.add(0, "co", 2, 0.5);
            graph.inTransaction(tx -> {
                tx.deleteNode(2);
                return null;
            });
            assertThat(batcher.flush()).isZero();
            assertThat(batcher.dropped()).isEqualTo(1);
        }
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.weight(0, "co", 1)).hasValue(8001.0); // a new edge starts at 1.0 + the sum
        }
    }

    /** Runs {@code body} on {@code threads} threads at once and fails with the first error any of them hit. */
    private static void runConcurrently(int threads, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            started.add(thread);
            thread.start();
        }
        for (Thread t : started) {
            t.join();
        }
        assertThat(failure.get()).isNull();
    }
}
