package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MvccTest {

    private static Graph chain(int nodes) {
        GraphLoader loader = Graph.loader(nodes);
        for (int i = 0; i + 1 < nodes; i++) {
            loader.edge(i, "next", i + 1, 1);
        }
        return loader.build();
    }

    private static List<Object> fingerprint(GraphSnapshot s) {
        List<Object> out = new ArrayList<>();
        out.add(s.nodeCount());
        out.add(s.edgeCount());
        EdgeCursor c = s.cursor();
        for (int n = 0; n < s.nodeIdBound(); n++) {
            if (!s.exists(n)) {
                continue;
            }
            out.add(s.properties(n));
            for (int i = 0, size = c.out(n); i < size; i++) {
                out.add(List.of(n, c.label(i), c.node(i), c.weight(i)));
            }
        }
        return out;
    }

    @Test
    void aReaderOpenedBeforeAThousandWritesSeesNoneOfThem() {
        Graph graph = chain(100);
        SplittableRandom random = new SplittableRandom(7);
        try (GraphSnapshot before = graph.snapshot()) {
            List<Object> expected = fingerprint(before);
            for (int i = 0; i < 1000; i++) {
                int s = random.nextInt(100);
                int t = random.nextInt(100);
                graph.inTransaction(tx -> {
                    switch (random.nextInt(4)) {
                        case 0 -> tx.putEdge(s, "w", t, random.nextDouble());
                        case 1 -> tx.removeEdge(s, "next", t);
                        case 2 -> tx.setProperty(s, "p", random.nextLong());
                        default -> tx.createNode(Map.of("i", 1));
                    }
                    return null;
                });
                if (i % 100 == 0) {
                    assertThat(fingerprint(before)).isEqualTo(expected);
                }
            }
            assertThat(graph.version()).isEqualTo(1000);
            assertThat(before.version()).isZero();
            assertThat(fingerprint(before)).isEqualTo(expected);
            try (GraphSnapshot after = graph.snapshot()) {
                assertThat(fingerprint(after)).isNotEqualTo(expected);
            }
        }
    }

    @Test
    void readersDoNotWaitForAWriterPausedInsideItsCommit() throws Exception {
        Graph graph = chain(10);
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        graph.addSink(record -> {
            inCommit.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<Long> committed = new AtomicReference<>();
        Thread writer = new Thread(() -> committed.set(graph.inTransaction(tx -> {
            tx.putEdge(0, "late", 9);
            return 1L;
        })));
        writer.start();
        inCommit.await();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (GraphSnapshot s = graph.snapshot()) {
                assertThat(s.version()).isZero();
                assertThat(s.hasEdge(0, "late", 9)).isFalse();
                assertThat(s.neighbours(0, Direction.OUT)).containsExactly(1);
            }
        }, "a reader blocked behind a writer paused inside its commit");
        release.countDown();
        writer.join();
        assertThat(committed.get()).isEqualTo(1L);
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.hasEdge(0, "late", 9)).isTrue();
        }
    }

    @Test
    void pruningLeavesOneVersionPerNodeOnceOldSnapshotsClose() {
        Graph graph = chain(20);
        GraphSnapshot old = graph.snapshot();
        for (int i = 0; i < 50; i++) {
            int n = i % 5;
            graph.inTransaction(tx -> {
                tx.setProperty(n, "v", 1);
                return null;
            });
        }
        assertThat(graph.retainedVersions()).isEqualTo(50);
        assertThat(fingerprint(old).get(2)).isEqualTo(Map.of());
        old.close();
        graph.prune();
        assertThat(graph.retainedVersions()).isEqualTo(5);
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.property(3, "v")).isEqualTo(1L);
        }
    }

    @Test
    void walkingAChainPrunesWhatNoSnapshotNeeds() {
        Graph graph = chain(4);
        GraphSnapshot old = graph.snapshot();
        for (int i = 0; i < 10; i++) {
            graph.inTransaction(tx -> {
                tx.setProperty(1, "v", 1);
                return null;
            });
        }
        assertThat(graph.retainedVersions()).isEqualTo(10);
        old.close();
        graph.inTransaction(tx -> {
            tx.setProperty(2, "v", 1);
            return null;
        });
        try (GraphSnapshot s = graph.snapshot()) {
            s.property(1, "v"); // the reader cuts the chain behind the version it reads
        }
        assertThat(graph.retainedVersions()).isEqualTo(2);
    }

    @Test
    void compactionFoldsVersionsIntoTheBaseAndWaitsForOlderSnapshots() {
        Graph graph = chain(50);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            int s = random.nextInt(50);
            int t = random.nextInt(50);
            graph.inTransaction(tx -> {
                if (!tx.exists(s) || !tx.exists(t)) {
                    return null;
                }
                switch (random.nextInt(5)) {
                    case 0 -> tx.putEdge(s, "w", t, random.nextDouble());
                    case 1 -> tx.removeEdge(s, "next", t);
                    case 2 -> tx.setProperty(s, "p", random.nextLong());
                    case 3 -> {
                        int n = tx.createNode(Map.of("new", true));
                        tx.putEdge(n, "to", s);
                        tx.setEdgeProperty(n, "to", s, "why", "test");
                    }
                    default -> {
                        if (tx.exists(s) && s != t) {
                            tx.deleteNode(s);
                        }
                    }
                }
                return null;
            });
        }
        GraphSnapshot old = graph.snapshot();
        List<Object> expected = fingerprint(old);
        graph.inTransaction(tx -> tx.createNode());
        assertThat(graph.compact()).as("an older snapshot is open").isFalse();
        assertThat(fingerprint(old)).isEqualTo(expected);
        old.close();
        try (GraphSnapshot current = graph.snapshot()) {
            List<Object> now = fingerprint(current);
            assertThat(graph.compact()).isTrue();
            assertThat(graph.retainedVersions()).isZero();
            assertThat(fingerprint(current)).as("a snapshot open across the compaction").isEqualTo(now);
            try (GraphSnapshot after = graph.snapshot()) {
                assertThat(fingerprint(after)).isEqualTo(now);
                for (int n = 0; n < after.nodeIdBound(); n++) {
                    if (after.exists(n)) {
                        EdgeCursor c = after.cursor();
                        for (int i = 0, size = c.out(n); i < size; i++) {
                            assertThat(after.edgeProperties(n, c.labelName(i), c.node(i)))
                                    .isEqualTo(current.edgeProperties(n, c.labelName(i), c.node(i)));
                        }
                    }
                }
            }
        }
        // Writes after a compaction build on the new base.
        int live;
        try (GraphSnapshot s = graph.snapshot()) {
            live = s.nodes()[0];
        }
        int fresh = graph.inTransaction(tx -> {
            int n = tx.createNode();
            tx.putEdge(n, "after", live, 2);
            return n;
        });
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.weight(fresh, "after", live)).hasValue(2.0);
            assertThat(s.neighbours(live, Direction.IN)).contains(fresh);
        }
    }

    @Test
    void aSnapshotOlderThanTheConfiguredAgeFails() throws InterruptedException {
        GraphConfig config = GraphConfig.defaults().withMaxSnapshotAge(Duration.ofMillis(20));
        Graph graph = Graph.create(config);
        graph.inTransaction(tx -> tx.createNode());
        GraphSnapshot old = graph.snapshot();
        Thread.sleep(60);
        graph.inTransaction(tx -> tx.createNode()); // reclamation expires the old snapshot
        assertThatThrownBy(() -> old.exists(0)).isInstanceOf(SnapshotTooOldException.class)
                .hasMessageContaining("is too old").hasMessageContaining("the limit is 20 ms");
        old.close();
        try (GraphSnapshot fresh = graph.snapshot()) {
            assertThat(fresh.nodeCount()).isEqualTo(2);
        }
    }

    @Test
    void concurrentReadersEachSeeExactlyOneCommittedVersion() throws Exception {
        readersSeeOneVersion(false);
    }

    @Test
    void compactionDuringConcurrentReadsAndWritesChangesNothingReadersSee() throws Exception {
        readersSeeOneVersion(true);
    }

    private void readersSeeOneVersion(boolean compacting) throws Exception {
        int accounts = 16;
        int initial = 100;
        GraphLoader loader = Graph.loader(accounts + 1);
        for (int i = 0; i < accounts; i++) {
            loader.nodeProperties(i, Map.of("balance", initial));
        }
        loader.nodeProperties(accounts, Map.of("commits", 0));
        Graph graph = loader.build();
        int counter = accounts;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        RetryPolicy retry = new RetryPolicy(1_000, Duration.ZERO, Duration.ZERO);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            long seed = 100 + w;
            threads.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    for (int i = 0; i < 400; i++) {
                        int from = random.nextInt(accounts);
                        int to = random.nextInt(accounts);
                        int amount = random.nextInt(10);
                        graph.inTransaction(retry, Isolation.SNAPSHOT, tx -> {
                            tx.setProperty(from, "balance", (Long) tx.property(from, "balance") - amount);
                            tx.setProperty(to, "balance", (Long) tx.property(to, "balance") + amount);
                            long c = (Long) tx.property(counter, "commits");
                            tx.setProperty(counter, "commits", c + 1);
                            tx.putEdge(from, "paid", counter, c + 1); // one more edge per commit
                            return null;
                        });
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try (GraphSnapshot s = graph.snapshot()) {
                            long sum = 0;
                            for (int i = 0; i < accounts; i++) {
                                sum += (Long) s.property(i, "balance");
                            }
                            long commits = (Long) s.property(counter, "commits");
                            assertThat(sum).isEqualTo((long) accounts * initial);
                            assertThat(s.inDegree(counter)).isLessThanOrEqualTo((int) commits);
                            assertThat(s.edgeCount()).isEqualTo(s.inDegree(counter));
                            assertThat((Long) s.property(counter, "commits")).isEqualTo(commits);
                            assertThat(s.version()).isEqualTo(commits);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        AtomicInteger compactions = new AtomicInteger();
        if (compacting) {
            threads.add(new Thread(() -> {
                try {
                    // At least one compaction, even if the writers finished before this thread ran.
                    while (!stop.get() || compactions.get() == 0) {
                        if (graph.compact()) {
                            compactions.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (int i = 0; i < 2; i++) {
            threads.get(i).join();
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        if (compacting) {
            assertThat(compactions.get()).isPositive();
            assertThat(graph.compact()).isTrue();
            assertThat(graph.retainedVersions()).isZero();
        }
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat((Long) s.property(counter, "commits")).isEqualTo(800L);
            assertThat(s.version()).isEqualTo(800L);
        }
    }
}
