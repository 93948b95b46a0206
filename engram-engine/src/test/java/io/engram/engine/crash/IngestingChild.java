package io.engram.engine.crash;

import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionExistsException;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.knowledge.StructuredFact;
import io.engram.engine.record.EntityLink;
import io.engram.engine.record.EntityRole;
import io.engram.engine.record.EntityType;
import io.engram.engine.record.NewRecord;
import io.engram.embed.HashingEmbedder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The process the kill test kills: opens an Engram store (synced writes, the hashing embedder),
 * prints {@code ready}, then adds records {@code first, first+1, ...} to collection "kill" and
 * prints {@code ack <n>} after each {@code add} has returned. Every few records it writes a batch
 * or supersedes an earlier one, so that kills land inside every kind of write. Never closes the
 * store; it is meant to die by SIGKILL.
 */
public final class IngestingChild {
    static final String COLLECTION = "kill";
    static final int MAX_RECORDS = 1_000_000;
    static final long MAX_LIFETIME_MS = 120_000;

    private IngestingChild() {}

    static String idOf(long n) {
        return "record-" + n;
    }

    /** Content of record {@code n}: a unique marker word plus words shared with its neighbours. */
    static String contentOf(long n) {
        return "marker" + n + " about topic" + (n % 17) + " and area" + (n % 5) + " measured in round " + (n / 100);
    }

    static NewRecord recordOf(long n) {
        return NewRecord.text(contentOf(n)).withId(idOf(n))
                .withValidity(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n), null)
                .withEntity(new EntityLink("entity" + (n % 50), EntityType.CONCEPT, EntityRole.SUBJECT))
                .withFact(new StructuredFact("entity" + (n % 50), "has_value", "v" + n));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        Thread watchdog = Thread.ofPlatform().daemon().unstarted(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.start();

        PrintStream out = System.out;
        Engram engram = Engram.open(dir, EngramOptions.defaults().withEmbedder(HashingEmbedder::new));
        Collection c;
        try {
            c = engram.createCollection(CollectionSpec.text(COLLECTION));
        } catch (CollectionExistsException e) {
            c = engram.collection(COLLECTION);
        }
        out.println("ready");
        out.flush();
        for (long n = first; n < first + MAX_RECORDS; ) {
            if (n % 7 == 3) { // a batch of two, acknowledged together after one atomic write
                c.addAll(List.of(recordOf(n), recordOf(n + 1)));
                out.println("ack " + n);
                out.println("ack " + (n + 1));
                n += 2;
            } else {
                c.add(recordOf(n));
                out.println("ack " + n);
                n++;
            }
            out.flush();
        }
        engram.close();
    }
}
