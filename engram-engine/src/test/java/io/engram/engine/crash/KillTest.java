package io.engram.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.engine.record.RecordStore;
import io.engram.engine.store.Store;
import io.engram.engine.store.StoreLockedException;
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
 * Issue #8's crash-safety acceptance for the store: a child JVM ingests records and acknowledges
 * each one on stdout; it is SIGKILLed ({@link Process#destroyForcibly()}) at a random moment, 20
 * times on the same directory; after every kill each acknowledged record is present with its exact
 * value. (Derived indexes do not exist yet; when they do, this test must also check that they agree
 * with the store.)
 */
class KillTest {
    private static final int ROUNDS = 20;
    /** Kill between 0 and this many milliseconds after the child reported the store open. */
    private static final int MAX_DELAY_MS = 300;

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        long seed = new SplittableRandom().nextLong();
        System.out.println("KillTest seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        Path dir = temp.resolve("store");
        long acknowledged = 0; // records 0 .. acknowledged-1 were acknowledged
        long killedMidWrite = 0;
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
            acknowledged += acks.size();

            try (Store store = Store.open(dir)) {
                RecordStore records = new RecordStore(store);
                for (long n = 0; n < acknowledged; n++) {
                    String id = IngestingChild.idOf(n);
                    assertThat(records.get(id).orElse(null)).as("%s: acknowledged record %s", context, id)
                            .isEqualTo(IngestingChild.valueOf(n));
                }
                // One write may have reached the log without its ack; no more, since the child writes one at a time.
                long count = records.count();
                assertThat(count).as("%s: records stored vs %d acknowledged", context, acknowledged)
                        .isBetween(acknowledged, acknowledged + 1);
                if (count == acknowledged + 1) {
                    killedMidWrite++;
                    assertThat(records.get(IngestingChild.idOf(acknowledged)).orElse(null)).as(context)
                            .isEqualTo(IngestingChild.valueOf(acknowledged));
                }
            }
        }
        System.out.printf("KillTest: %d rounds, %d records acknowledged, %d kills left one unacknowledged write%n",
                ROUNDS, acknowledged, killedMidWrite);
        assertThat(acknowledged).as("seed %d: the children acknowledged something", seed).isPositive();
    }

    @Test
    void aStoreHeldByAnotherProcessFailsToOpenAsLocked() throws Exception {
        Path dir = temp.resolve("store");
        Child child = Child.start(dir, 0, temp.resolve("child.err"));
        try {
            child.awaitReady();
            assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("already open");
        } finally {
            child.kill();
        }
        Store.open(dir).close(); // the dead process's lock is gone
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
