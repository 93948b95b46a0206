package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flat version records: layout, big records, chunk retirement and reclamation. */
class VersionStoreTest {

    private static void write(Graph graph, java.util.function.Consumer<Transaction> work) {
        graph.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private static EdgeChanges changes(long... keyThenWeightBits) {
        EdgeChanges c = new EdgeChanges();
        for (int i = 0; i < keyThenWeightBits.length; i += 2) {
            c.put(keyThenWeightBits[i], Float.intBitsToFloat((int) keyThenWeightBits[i + 1]));
        }
        return c;
    }

    @Test
    void aRecordHoldsItsHeaderAndBothMergedListsInPlace() {
        VersionStore store = new VersionStore();
        Adjacency out = new Adjacency(new int[] {1, 3, 5}, new int[] {0, 0, 0}, new float[] {1, 3, 5}, 0, 3);
        Adjacency in = new Adjacency(new int[] {9, 2}, new int[] {7, 1}, new float[] {9, 2}, 1, 2); // a slice: (2, 1)
        EdgeChanges outChanges = changes(Adjacency.key(3, 0), Float.floatToIntBits(Float.NaN), // delete 3
                Adjacency.key(4, 2), Float.floatToIntBits(4.5f), // insert 4
                Adjacency.key(5, 0), Float.floatToIntBits(50f)); // replace 5
        int a = store.append(7L << 33, VersionStore.BASE, true, Map.of("k", "v"), Map.of(), out, outChanges, in, null);

        VersionStore.Chunk c = store.chunk(a);
        int p = VersionStore.offset(a);
        assertThat(a).isPositive();
        assertThat(VersionStore.version(c.nodes, p)).isEqualTo(7L << 33);
        assertThat(VersionStore.older(c.nodes, p)).isEqualTo(VersionStore.BASE);
        assertThat(VersionStore.alive(c.nodes, p)).isTrue();
        assertThat(VersionStore.properties(c, p)).isEqualTo(Map.of("k", "v"));
        assertThat(VersionStore.edgeProperties(c, p)).isEmpty();
        Adjacency o = VersionStore.out(c, p);
        assertThat(o.from).as("the out-list follows the header").isEqualTo(p + VersionStore.HEADER);
        assertThat(java.util.Arrays.copyOfRange(o.nodes, o.from, o.to)).containsExactly(1, 4, 5);
        assertThat(java.util.Arrays.copyOfRange(o.labels, o.from, o.to)).containsExactly(0, 2, 0);
        assertThat(java.util.Arrays.copyOfRange(o.weights, o.from, o.to)).containsExactly(1f, 4.5f, 50f);
        Adjacency i = VersionStore.in(c, p);
        assertThat(i.from).as("the in-list follows the out-list").isEqualTo(o.to);
        assertThat(java.util.Arrays.copyOfRange(i.nodes, i.from, i.to)).containsExactly(2);

        int b = store.append(8L << 33, a, false, Map.of(), Map.of(), Adjacency.EMPTY, null, Adjacency.EMPTY, null);
        assertThat(VersionStore.offset(b)).as("records are packed").isEqualTo(i.to);
        assertThat(VersionStore.older(store.chunk(b).nodes, VersionStore.offset(b))).isEqualTo(a);
        assertThat(VersionStore.alive(store.chunk(b).nodes, VersionStore.offset(b))).isFalse();
    }

    @Test
    void aRecordLargerThanAQuarterChunkGetsAChunkOfItsOwn() {
        int size = VersionStore.CHUNK / 2;
        int[] nodes = new int[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = i;
        }
        Adjacency big = new Adjacency(nodes, new int[size], new float[size], 0, size);
        VersionStore store = new VersionStore();
        int small = store.append(1, VersionStore.ABSENT, true, Map.of(), Map.of(), Adjacency.EMPTY, null,
                Adjacency.EMPTY, null);
        int a = store.append(2, small, true, Map.of(), Map.of(), big, null, big, null);
        int next = store.append(3, VersionStore.ABSENT, true, Map.of(), Map.of(), Adjacency.EMPTY, null,
                Adjacency.EMPTY, null);
        assertThat(store.chunk(a)).isNotSameAs(store.chunk(small));
        assertThat(store.chunk(next)).as("small records keep filling the regular chunk").isSameAs(store.chunk(small));
        VersionStore.Chunk c = store.chunk(a);
        int p = VersionStore.offset(a);
        assertThat(VersionStore.outSize(c.nodes, p)).isEqualTo(size);
        assertThat(VersionStore.inSize(c.nodes, p)).isEqualTo(size);
        assertThat(c.nodes[VersionStore.inFrom(c.nodes, p) + size - 1]).isEqualTo(size - 1);
    }

    @Test
    void aHubWithMoreEdgesThanAChunkIsEditedAndReadLikeAnyNode() {
        int degree = VersionStore.CHUNK + 10;
        GraphLoader loader = Graph.loader(degree + 1);
        for (int i = 1; i <= degree; i++) {
            loader.edge(0, "spoke", i, i);
        }
        Graph graph = loader.build();
        write(graph, tx -> tx.removeEdge(0, "spoke", 5));
        write(graph, tx -> tx.putEdge(0, "other", 7, 0.5));
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.outDegree(0)).isEqualTo(degree);
            assertThat(s.hasEdge(0, "spoke", 5)).isFalse();
            assertThat(s.weight(0, "other", 7)).hasValue(0.5);
            assertThat(s.weight(0, "spoke", degree)).hasValue(degree);
        }
        assertThat(graph.compact()).isTrue();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.outDegree(0)).isEqualTo(degree);
            assertThat(s.weight(0, "other", 7)).hasValue(0.5);
        }
    }

    @Test
    void compactionRetiresFoldedChunksAndAnOpenSnapshotDelaysTheirReclamation() {
        Graph graph = Graph.create(GraphConfig.defaults().withCompaction(Compaction.MANUAL));
        int[] ids = graph.inTransaction(tx -> {
            int[] made = new int[200];
            for (int i = 0; i < made.length; i++) {
                made[i] = tx.createNode(Map.of("i", i));
            }
            return made;
        });
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 2_000; i++) {
                int s = ids[random.nextInt(ids.length)];
                int t = ids[random.nextInt(ids.length)];
                write(graph, tx -> tx.putEdge(s, "e", t, 1.0));
            }
            int folded = graph.versions.head(ids[0]); // a record the compaction folds
            assertThat(folded).isPositive();
            GraphSnapshot held = graph.snapshot(); // pinned at the version compaction folds up to
            java.util.List<Integer> before = java.util.Arrays.stream(held.neighbours(ids[0], Direction.BOTH)).boxed().toList();
            assertThat(graph.compact()).isTrue();
            write(graph, tx -> tx.setProperty(ids[1], "round", 1)); // a commit tries to reclaim
            assertThat(graph.store.chunk(folded)).as("round %d: retired but held by an open snapshot", round)
                    .isNotNull();
            assertThat(java.util.Arrays.stream(held.neighbours(ids[0], Direction.BOTH)).boxed().toList())
                    .as("a snapshot open across compaction and reclamation").isEqualTo(before);
            held.close();
            write(graph, tx -> tx.setProperty(ids[1], "round", 2));
            assertThat(graph.store.chunk(folded)).as("round %d: folded chunks are freed once it closed", round)
                    .isNull();
        }
    }

    @Test
    void compactionFreesTheChunksItFoldedWithoutWaitingForACommit() {
        Graph graph = Graph.create(GraphConfig.defaults().withCompaction(Compaction.MANUAL));
        int a = graph.inTransaction(tx -> tx.createNode());
        for (int i = 0; i < 100; i++) {
            int value = i;
            write(graph, tx -> tx.setProperty(a, "i", value));
        }
        assertThat(graph.store.memoryBytes()).isPositive();
        assertThat(graph.compact()).isTrue();
        assertThat(graph.store.memoryBytes()).isZero();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.property(a, "i")).isEqualTo(99L);
        }
    }

    /** A hub whose every version needs a chunk of its own, in a store of three chunks. */
    private static Graph hubInSmallStore(Compaction compaction) {
        int degree = VersionStore.CHUNK / 4;
        GraphLoader loader = Graph.loader(degree + 1);
        for (int i = 1; i <= degree; i++) {
            loader.edge(0, "spoke", i, 1);
        }
        return loader.build(GraphConfig.defaults().withCompaction(compaction), new VersionStore(4));
    }

    @Test
    void aFullStoreFailsCommitsClearlyUntilACompactionFreesIt() {
        Graph graph = hubInSmallStore(Compaction.MANUAL);
        for (int i = 0; i < 3; i++) {
            int value = i;
            write(graph, tx -> tx.setProperty(0, "i", value));
        }
        assertThatThrownBy(() -> write(graph, tx -> tx.setProperty(0, "i", 3)))
                .isInstanceOf(io.engram.core.EngramException.class).hasMessageContaining("version store is full");
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.property(0, "i")).as("the failed commit changed nothing").isEqualTo(2L);
        }
        assertThat(graph.compact()).isTrue();
        write(graph, tx -> tx.setProperty(0, "i", 3));
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.property(0, "i")).isEqualTo(3L);
            assertThat(s.outDegree(0)).isEqualTo(VersionStore.CHUNK / 4);
        }
    }

    @Test
    void automaticCompactionKeepsAFillingStoreFromRunningFull() {
        Graph graph = hubInSmallStore(Compaction.IN_WRITER);
        for (int i = 0; i < 10; i++) {
            int value = i;
            write(graph, tx -> tx.setProperty(0, "i", value));
        }
        assertThat(graph.compactions()).isPositive();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.property(0, "i")).isEqualTo(9L);
        }
    }

    @Test
    void anExpiredSnapshotFailsAsTooOldOnceItsVersionsWereFoldedAndFreed() throws InterruptedException {
        Graph graph = Graph.create(GraphConfig.defaults().withCompaction(Compaction.MANUAL)
                .withMaxSnapshotAge(Duration.ofMillis(20)));
        int a = graph.inTransaction(tx -> tx.createNode());
        int b = graph.inTransaction(tx -> tx.createNode());
        write(graph, tx -> tx.putEdge(a, "e", b, 1.0));
        GraphSnapshot old = graph.snapshot();
        int head = graph.versions.head(a);
        Thread.sleep(60);
        write(graph, tx -> tx.setProperty(a, "x", 1)); // expires the old snapshot
        assertThat(graph.compact()).isTrue();
        assertThat(graph.store.chunk(head)).as("the expired pin does not hold the chunk").isNull();
        assertThatThrownBy(() -> old.neighbours(a, Direction.OUT)).isInstanceOf(SnapshotTooOldException.class);
        old.close();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.neighbours(a, Direction.OUT)).containsExactly(b);
            assertThat(s.property(a, "x")).isEqualTo(1L);
        }
    }
}
