package io.engram.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.record.NewRecord;
import io.engram.engine.store.Store;
import io.engram.embed.HashingEmbedder;
import io.engram.core.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index checkpoints: after a checkpoint, later adds, deletes and supersedes are replayed on open
 * (as after a crash), and the result answers exactly like a full rebuild from the store.
 */
class CheckpointReplayTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));

    private Catalog open(Store store) {
        return new Catalog(store, dir.resolve("indexes"), HashingEmbedder::new, clock);
    }

    @Test
    void writesAfterTheCheckpointAreReplayedAndAnswersMatchARebuild() {
        try (Store store = Store.open(dir.resolve("store"), false)) {
            Catalog catalog = open(store);
            Collection c = catalog.create(CollectionSpec.text("c"));
            for (int i = 0; i < 60; i++) {
                c.add(NewRecord.text("note " + i + " about subject" + (i % 7) + " and detail" + i).withId("n" + i));
            }
            c.checkpoint();
            assertThat(Files.exists(dir.resolve("indexes/1/vectors.idx"))).isTrue();
            for (int i = 60; i < 80; i++) {
                c.add(NewRecord.text("late note " + i + " about subject" + (i % 7) + " and detail" + i).withId("n" + i));
            }
            for (int i = 0; i < 60; i += 6) {
                c.delete("n" + i);
            }
            c.supersede("n1", NewRecord.text("corrected note one about subject1").withId("fix1"), "typo");
            c.abandon(); // no checkpoint: the next open must replay everything after the one above

            Catalog reopened = open(store);
            Collection r = reopened.get("c");
            assertThat(r.stats().records()).isEqualTo(80 - 10 + 1);
            assertThat(r.stats().indexedVectors()).isEqualTo(71);
            List<List<String>> replayed = answers(r);
            r.rebuild();
            assertThat(answers(r)).isEqualTo(replayed);
            assertThat(replayed.get(0)).doesNotContain("n0", "n6");
            reopened.close();
            // a clean close checkpoints; the next open replays nothing and answers the same
            Collection again = open(store).get("c");
            assertThat(answers(again)).isEqualTo(replayed);
            again.add(NewRecord.text("one more").withId("after"));
            assertThat(again.get("after")).isPresent();
        }
    }

    private static List<List<String>> answers(Collection c) {
        List<List<String>> out = new ArrayList<>();
        for (String q : List.of("note about subject0 detail0", "late note subject3", "corrected note one", "detail12")) {
            out.add(c.search(SearchRequest.text(q).withK(10)).hits().stream().map(h -> h.record().id()).toList());
            out.add(c.search(SearchRequest.vector(HashingEmbedder.vectorOf(q)).withK(10)).hits().stream()
                    .map(SearchHit::record).map(rec -> rec.id()).toList());
        }
        return out;
    }

    @Test
    void aCheckpointIsTakenEveryNRecordsSoACrashReplaysFewer() {
        try (Store store = Store.open(dir.resolve("store"), false)) {
            Collection c = open(store).create(CollectionSpec.text("auto"));
            c.checkpointEvery = 10;
            for (int i = 0; i < 25; i++) {
                c.add(NewRecord.text("auto note " + i).withId("a" + i));
            }
            byte[] checkpoint = store.get(io.engram.engine.store.Family.META, Keys.checkpoint(1, "vectors"));
            assertThat(java.nio.ByteBuffer.wrap(checkpoint).getLong()).as("sequence of the last automatic checkpoint")
                    .isEqualTo(20);
            c.abandon();
            Collection r = open(store).get("auto");
            assertThat(r.stats().records()).isEqualTo(25);
            assertThat(r.search(SearchRequest.text("note 24")).hits()).extracting(h -> h.record().id()).contains("a24");
            assertThat(r.search(SearchRequest.vector(HashingEmbedder.vectorOf("auto note 3")).withK(1)).hits())
                    .extracting(h -> h.record().id()).containsExactly("a3");
        }
    }

    @Test
    void aDamagedCollectionSpecIsReportedByItsName() {
        try (Store store = Store.open(dir.resolve("store"), false)) {
            try (Store.Batch batch = store.batch()) {
                batch.put(io.engram.engine.store.Family.META, Keys.spec("broken"), "not json".getBytes());
                batch.commit();
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(store))
                    .isInstanceOf(io.engram.core.CorruptFileException.class)
                    .hasMessageContaining("stored collection spec 'collection/broken' does not decode");
        }
    }
}
