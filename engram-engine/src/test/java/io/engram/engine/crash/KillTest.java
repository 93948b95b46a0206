package io.engram.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionStats;
import io.engram.engine.collection.Neighbor;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.store.StoreLockedException;
import io.engram.embed.HashingEmbedder;
import java.time.Instant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8's crash-safety acceptance: a child JVM adds records to an Engram collection and
 * acknowledges each one on stdout; it is SIGKILLed ({@link Process#destroyForcibly()}) at a random
 * moment, 20 times on the same directory. After every kill the store is reopened (derived indexes
 * are rebuilt from it) and: every acknowledged record is present with its exact content; it is
 * findable through each derived index (vector nearest neighbour, BM25 on its unique word, the
 * validity index, the entity graph); and the indexes agree with the store on the record count.
 */
class KillTest {
    private static final int ROUNDS = 20;
    /** Kill between 0 and this many milliseconds after the child reported the store open. */
    private static final int MAX_DELAY_MS = 300;
    /** Older acknowledged records re-checked through the indexes per round (all are checked by get). */
    private static final int OLD_SAMPLE = 40;

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedRecordSurvivesSigkillAndEveryIndexAgrees() throws Exception {
        long seed = new SplittableRandom().nextLong();
        System.out.println("KillTest seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        Path dir = temp.resolve("store");
        long acknowledged = 0; // records 0 .. acknowledged-1 were acknowledged
        long unacknowledgedWrites = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int delay = random.nextInt(MAX_DELAY_MS + 1);
            Child child = Child.start(dir, acknowledged, temp.resolve("child-" + round + ".err"));
            child.awaitReady();
            Thread.sleep(delay);
            child.kill();
            List<Long> acks = child.acks();
            String context = "seed " + seed + ", round " + round + ", delay " + delay + " ms";
            for (int i = 0; i < acks.size(); i++) {
                assertThat(acks.get(i)).as("%s: acks in order", context).isEqualTo(acknowledged + i);
            }
            long before = acknowledged;
            acknowledged += acks.size();

            try (Engram engram = Engram.open(dir, EngramOptions.defaults().withEmbedder(HashingEmbedder::new))) {
                Collection c = engram.collection(IngestingChild.COLLECTION);
                for (long n = 0; n < acknowledged; n++) {
                    KnowledgeRecord r = c.get(IngestingChild.idOf(n)).orElse(null);
                    assertThat(r).as("%s: acknowledged record %d", context, n).isNotNull();
                    assertThat(r.content()).as(context).isEqualTo(IngestingChild.contentOf(n));
                }
                // A write cut by the kill may be in the store without its ack (at most a batch of two).
                CollectionStats stats = c.stats();
                assertThat(stats.records()).as("%s: stored vs %d acknowledged", context, acknowledged)
                        .isBetween(acknowledged, acknowledged + 2);
                unacknowledgedWrites += stats.records() - acknowledged;
                acknowledged = stats.records(); // the next child continues after what is stored
                assertThat(stats.indexedVectors()).as("%s: vector index vs store", context).isEqualTo(stats.records());
                List<Long> check = new ArrayList<>();
                for (long n = before; n < acknowledged; n++) {
                    check.add(n);
                }
                for (int i = 0; i < OLD_SAMPLE && before > 0; i++) {
                    check.add(random.nextLong(before));
                }
                for (long n : check) {
                    assertFindable(c, n, context);
                }
                assertThat(c.validAt(Instant.parse("2030-01-01T00:00:00Z"), Integer.MAX_VALUE))
                        .as("%s: validity index vs store", context).hasSize((int) stats.records());
            }
        }
        System.out.printf("KillTest: %d rounds, %d records stored, %d writes were in the store but unacknowledged%n",
                ROUNDS, acknowledged, unacknowledgedWrites);
        assertThat(acknowledged).as("seed %d: the children acknowledged something", seed).isPositive();
    }

    private static void assertFindable(Collection c, long n, String context) {
        String id = IngestingChild.idOf(n);
        List<SearchHit> byText = c.search(SearchRequest.text("marker" + n).withK(1)).hits();
        assertThat(byText).as("%s: text index finds %s", context, id).extracting(h -> h.record().id())
                .containsExactly(id);
        List<SearchHit> byVector = c.search(SearchRequest.vector(HashingEmbedder.vectorOf(IngestingChild.contentOf(n)))
                .withK(1).withEf(64)).hits();
        assertThat(byVector).as("%s: vector index finds %s", context, id).extracting(h -> h.record().id())
                .containsExactly(id);
        assertThat(c.neighbors(id, 1, 10)).as("%s: graph links %s to its entity", context, id)
                .extracting(Neighbor::id).contains("entity" + (n % 50));
    }

    @Test
    void aStoreHeldByAnotherProcessFailsToOpenAsLocked() throws Exception {
        Path dir = temp.resolve("store");
        Child child = Child.start(dir, 0, temp.resolve("child.err"));
        try {
            child.awaitReady();
            assertThatThrownBy(() -> Engram.open(dir)).isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("already open");
        } finally {
            child.kill();
        }
        Engram.open(dir, EngramOptions.defaults().withEmbedder(HashingEmbedder::new)).close(); // lock released
    }

    /**
     * One child JVM. Its stdout goes to a file rather than a pipe: a pipe's reader can fail with
     * "Stream closed" when the JDK drains the pipe of a process that died, while a file keeps every
     * byte the child wrote before the kill.
     */
    private static final class Child {
        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Child(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        static Child start(Path dir, long first, Path stderr) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                    "--add-modules=jdk.incubator.vector",
                    "-cp", System.getProperty("java.class.path"),
                    IngestingChild.class.getName(), dir.toString(), Long.toString(first));
            Path stdout = stderr.resolveSibling(stderr.getFileName() + ".out");
            builder.redirectOutput(stdout.toFile());
            builder.redirectError(stderr.toFile());
            return new Child(builder.start(), stdout, stderr);
        }

        /** Waits until the child printed "ready" (the store is open), polling its stdout file. */
        void awaitReady() throws Exception {
            // The deadline guards against a child that never starts; it is not a timing assertion.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!completeLines().contains("ready")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    kill();
                    throw new AssertionError("the child did not open the store (exit "
                            + process.exitValue() + "); its stderr:\n" + Files.readString(stderr));
                }
                Thread.sleep(5);
            }
        }

        /** SIGKILL, then wait until the process is gone, so that its LOCK is released. */
        void kill() throws Exception {
            process.destroyForcibly();
            process.waitFor();
        }

        /** The acknowledged record numbers, in the order printed. */
        List<Long> acks() throws IOException {
            List<Long> acks = new ArrayList<>();
            for (String line : completeLines()) {
                if (line.startsWith("ack ")) {
                    acks.add(Long.parseLong(line.substring(4)));
                }
            }
            return acks;
        }

        /** Lines ended by a newline: a kill can cut the last one short. */
        private List<String> completeLines() throws IOException {
            String text = Files.readString(stdout, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
        }
    }
}
