package io.engram.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.embed.HashingEmbedder;
import io.engram.engine.Engram;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.knowledge.StructuredFact;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.record.EntityLink;
import io.engram.engine.record.EntityRole;
import io.engram.engine.record.EntityType;
import io.engram.engine.record.NewRecord;
import io.engram.engine.testing.Engrams;
import io.engram.core.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers (search in every mode, context, get, neighbors) run while a writer adds, supersedes,
 * deletes and rebuilds the indexes: no reader may fail, see a record the store never held, or miss a record that was
 * acknowledged before the read began and not touched since.
 */
class ConcurrentReadsTest {
    @TempDir
    Path dir;

    @Test
    void readersNeverFailWhileAWriterChangesTheCollection() throws Exception {
        long seed = new SplittableRandom().nextLong();
        try (Engram engram = Engrams.open(dir, new ManualClock(Instant.parse("2026-07-01T00:00:00Z")))) {
            Collection c = engram.createCollection(CollectionSpec.text("busy"));
            for (int i = 0; i < 200; i++) {
                c.add(record(i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                SplittableRandom random = new SplittableRandom(seed + t);
                readers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            int n = random.nextInt(200); // records 0..199 are never touched by the writer
                            String text = "stable marker" + n + " topic" + (n % 9);
                            List<SearchHit> hits = c.search(SearchRequest.text("marker" + n).withK(3)).hits();
                            assertThat(hits).as("seed %d", seed).extracting(h -> h.record().id()).contains("s" + n);
                            c.search(SearchRequest.vector(HashingEmbedder.vectorOf(text)).withK(5));
                            c.search(SearchRequest.hybrid(text, null).withK(5));
                            AssembledContext ctx = c.context(ContextRequest.forQuery(text).withMaxTokens(400)
                                    .withActiveEntity("entity" + (n % 13)));
                            assertThat(ctx.tokens()).isLessThanOrEqualTo(400);
                            assertThat(c.get("s" + n)).as("seed %d", seed).isPresent();
                            c.neighbors("s" + n, 2, 50);
                            reads.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                    }
                }));
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 300; i++) {
                c.add(NewRecord.text("churn item " + i + " topic" + (i % 9)).withId("c" + i)
                        .withEntity(new EntityLink("entity" + (i % 13), EntityType.CONCEPT, EntityRole.SUBJECT))
                        .withFact(new StructuredFact("entity" + (i % 13), "status", "v" + i)));
                if (i > 10 && random.nextInt(3) == 0) {
                    c.delete("c" + random.nextInt(i - 5));
                }
                if (i % 100 == 50) {
                    c.rebuild(); // readers in flight keep the indexes they started on
                }
                if (i > 10 && random.nextInt(5) == 0) {
                    String old = "c" + (i - 1 - random.nextInt(5));
                    if (c.get(old).filter(r -> r.supersededById() == null).isPresent()) {
                        c.supersede(old, NewRecord.text("revised churn item " + i), "revised");
                    }
                }
            }
            stop.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertThat(failures).as("seed %d: reader failures", seed).isEmpty();
            assertThat(reads.get()).isPositive();
            try (var dirs = java.nio.file.Files.list(dir.resolve("indexes/1"))) { // old text directories are gone
                assertThat(dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("text")).toList())
                        .hasSize(1);
            }
        }
    }

    private static NewRecord record(int n) {
        return NewRecord.text("stable marker" + n + " topic" + (n % 9)).withId("s" + n)
                .withEntity(new EntityLink("entity" + (n % 13), EntityType.CONCEPT, EntityRole.SUBJECT));
    }
}
