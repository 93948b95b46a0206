package io.engram.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.ConflictException;
import io.engram.engine.Engram;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.knowledge.Confidence;
import io.engram.engine.knowledge.FusionPreset;
import io.engram.engine.knowledge.ResolveAction;
import io.engram.engine.knowledge.StructuredFact;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionSeverity;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.RecordStatus;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import io.engram.engine.testing.Engrams;
import io.engram.core.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's hand-built ranking scenarios: supersession, validity, tensions, presets. */
class KnowledgeScenariosTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    private Engram engram;
    private Collection c;

    @BeforeEach
    void open() {
        engram = Engrams.open(dir, clock);
        c = engram.createCollection(CollectionSpec.text("k"));
    }

    @AfterEach
    void close() {
        engram.close();
    }

    @Test
    void aSupersededFactYieldsItsSuccessorOnceAnnotated() {
        KnowledgeRecord a = c.add(NewRecord.text("The office is located in Springfield on Main Street").withId("A"));
        clock.advance(Duration.ofDays(1));
        Instant beforeSupersede = clock.instant();
        clock.advance(Duration.ofDays(1));
        KnowledgeRecord b = c.supersede("A", NewRecord.text("We moved to Shelbyville near the river").withId("B"),
                "moved offices");
        assertThat(b.supersedesId()).isEqualTo("A");
        KnowledgeRecord oldA = c.get("A").orElseThrow();
        assertThat(oldA.status()).isEqualTo(RecordStatus.SUPERSEDED);
        assertThat(oldA.supersededById()).isEqualTo("B");

        // a query matching only A's text returns B once, annotated as replacing A
        List<SearchHit> hits = c.search(SearchRequest.text("Springfield Main Street")).hits();
        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().record().id()).isEqualTo("B");
        assertThat(hits.getFirst().replaces()).containsExactly("A");
        List<SearchHit> hybrid = c.search(SearchRequest.hybrid("office Springfield Main Street", null)).hits();
        assertThat(hybrid).extracting(h -> h.record().id()).containsOnlyOnce("B").doesNotContain("A");

        // include_superseded returns both as themselves
        assertThat(c.search(SearchRequest.hybrid("office Springfield Shelbyville", null).includeSuperseded(true))
                .hits()).extracting(h -> h.record().id()).contains("A", "B");

        // known_at before the supersession shows A as current
        List<SearchHit> past = c.search(SearchRequest.text("Springfield Main Street").knownAt(beforeSupersede)).hits();
        assertThat(past).extracting(h -> h.record().id()).containsExactly("A");
        assertThat(past.getFirst().replaces()).isEmpty();

        // superseding A again is a conflict naming A
        assertThatThrownBy(() -> c.supersede("A", NewRecord.text("other"), null))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).keys()).containsExactly("A"));
        // a supersede that would close a cycle is rejected
        assertThatThrownBy(() -> c.supersede("B", NewRecord.text("back to the start").withId("A"), null))
                .hasMessageContaining("cycle");

        // context shows the successor in place of the superseded hit
        AssembledContext ctx = c.context(ContextRequest.forQuery("Springfield Main Street office"));
        assertThat(ctx.items()).extracting(i -> i.record().id()).contains("B").doesNotContain("A");
        assertThat(ctx.text()).contains("replaces A");
        assertThat(a.id()).isEqualTo("A");
    }

    @Test
    void concurrentSupersedesOfOneRecordLetExactlyOneWin() throws Exception {
        c.add(NewRecord.text("the release is on Friday").withId("A"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String content = "the release moved to day " + i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return c.supersede("A", NewRecord.text(content), "rescheduled");
                }));
            }
            go.countDown();
            int wins = 0;
            int conflicts = 0;
            for (Future<?> f : futures) {
                try {
                    f.get();
                    wins++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                    assertThat(((ConflictException) e.getCause()).keys()).containsExactly("A");
                    conflicts++;
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(conflicts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredFactIsExcludedUnlessAsOfAsksForItsTime() {
        c.add(NewRecord.text("The promotion code WINTER gives ten percent off").withId("promo")
                .withValidity(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")));
        c.add(NewRecord.text("Shipping is free on orders over fifty").withId("ship"));
        SearchRequest q = SearchRequest.text("promotion code WINTER");
        assertThat(c.search(q).hits()).isEmpty(); // now is 2026-03-01
        assertThat(c.search(SearchRequest.text("promotion code WINTER").asOf(Instant.parse("2026-01-15T00:00:00Z")))
                .hits()).extracting(h -> h.record().id()).containsExactly("promo");
        assertThat(c.search(SearchRequest.text("promotion code WINTER").asOf(Instant.parse("2026-02-01T00:00:00Z")))
                .hits()).isEmpty(); // valid_until is exclusive
        assertThat(c.search(SearchRequest.text("promotion code WINTER").asOf(Instant.parse("2025-12-31T00:00:00Z")))
                .hits()).isEmpty();
        assertThat(c.search(SearchRequest.text("promotion code WINTER").includeExpired(true)).hits())
                .extracting(h -> h.record().id()).containsExactly("promo");
        assertThat(c.context(ContextRequest.forQuery("promotion code WINTER")).items())
                .extracting(i -> i.record().id()).doesNotContain("promo");
        assertThat(c.context(ContextRequest.forQuery("promotion code WINTER")
                .asOf(Instant.parse("2026-01-20T00:00:00Z"))).items())
                .extracting(i -> i.record().id()).contains("promo");
        // known_at before the record was recorded hides it
        assertThat(c.search(SearchRequest.text("shipping free").knownAt(Instant.parse("2026-02-28T00:00:00Z")))
                .hits()).isEmpty();
        assertThat(c.validAt(Instant.parse("2026-01-15T00:00:00Z"), 10)).containsExactlyInAnyOrder("promo", "ship");
        assertThat(c.validAt(Instant.parse("2026-02-15T00:00:00Z"), 10)).containsExactly("ship");
    }

    @Test
    void structuredFactsRaiseTensionsByTheSpecRule() {
        KnowledgeRecord tool = c.add(NewRecord.text("X is a tool").withFact(new StructuredFact("X", "is_a", "tool")));
        KnowledgeRecord person = c.add(NewRecord.text("X is a person")
                .withFact(new StructuredFact("X", "is_a", "person")));
        c.add(NewRecord.text("X knows Y").withFact(new StructuredFact("X", "knows", "Y")));
        c.add(NewRecord.text("X knows Z").withFact(new StructuredFact("X", "knows", "Z")));
        c.add(NewRecord.text("X is located in P").withFact(new StructuredFact("X", "located_in", "P")));
        c.add(NewRecord.text("X is located in Q").withFact(new StructuredFact("X", "located_in", "Q")));
        List<Tension> open = c.tensions(TensionStatus.DETECTED);
        assertThat(open).hasSize(2);
        assertThat(open).extracting(Tension::severity)
                .containsExactlyInAnyOrder(TensionSeverity.HIGH, TensionSeverity.MEDIUM);
        Tension high = open.stream().filter(t -> t.severity() == TensionSeverity.HIGH).findFirst().orElseThrow();
        assertThat(List.of(high.recordA(), high.recordB())).containsExactlyInAnyOrder(tool.id(), person.id());

        // results touching an open tension carry it, and the context lists it
        SearchHit hit = c.search(SearchRequest.text("X is a person")).hits().getFirst();
        assertThat(hit.activeTensions()).isTrue();
        AssembledContext ctx = c.context(ContextRequest.forQuery("what is X, a tool or a person?"));
        assertThat(ctx.tensions()).extracting(Tension::id).contains(high.id());
        assertThat(ctx.text()).contains("## Tensions").contains("contradiction, high");

        // supersede_a supersedes A by B and marks the tension resolved
        Tension resolved = c.resolveTension(high.id(), ResolveAction.SUPERSEDE_A, "checked the docs");
        assertThat(resolved.status()).isEqualTo(TensionStatus.RESOLVED);
        assertThat(resolved.resolution()).isEqualTo("supersede_a: checked the docs");
        KnowledgeRecord a = c.get(high.recordA()).orElseThrow();
        assertThat(a.status()).isEqualTo(RecordStatus.SUPERSEDED);
        assertThat(a.supersededById()).isEqualTo(high.recordB());
        assertThat(c.tensionsOf(high.recordB())).isEmpty();
        assertThatThrownBy(() -> c.resolveTension(high.id(), ResolveAction.KEEP_BOTH, null))
                .hasMessageContaining("expected an active tension");
    }

    @Test
    void opposingNearDuplicatesRaiseATension() {
        c.add(NewRecord.text("eviction by size is enabled in the cache layer of the storage service").withId("pos"));
        c.add(NewRecord.text("eviction by size is not enabled in the cache layer of the storage service")
                .withId("neg"));
        c.add(NewRecord.text("eviction by size is enabled in the cache layer of the storage service today")
                .withId("same")); // opposes "neg", agrees with "pos"
        assertThat(c.tensionsOf("pos")).hasSize(1);
        assertThat(c.tensionsOf("neg")).hasSize(2);
        assertThat(c.tensionsOf("same")).hasSize(1).allSatisfy(t -> assertThat(t.involves("neg")).isTrue());
        assertThat(c.tensionsOf("pos").getFirst().reason()).contains("opposite polarity");
    }

    @Test
    void verificationRanksAConfidentCorroboratedFactAboveAMoreSimilarWeakOne() {
        // The weak record repeats the query's words exactly; the strong one is less similar.
        c.add(NewRecord.text("vitamin c cures the common cold quickly").withId("weak")
                .withConfidence(Confidence.of(0.2, 0.2, 0.5, 0.5, 0.1, 0.5))
                .withSource(Source.of(SourceType.WEB, "forum post", "https://forum.example/1")));
        c.add(NewRecord.text("trials show vitamin c does little against the cold").withId("strong")
                .withConfidence(Confidence.of(0.95, 0.9, 0.9, 0.9, 0.9, 0.9))
                .withSource(Source.of(SourceType.DOCUMENT, "meta-analysis", "doi:10/1"))
                .withSource(Source.of(SourceType.DOCUMENT, "review", "doi:10/2"))
                .withSource(Source.of(SourceType.DOCUMENT, "trial", "doi:10/3")));
        String query = "does vitamin c cure the common cold quickly";
        AssembledContext verification = c.context(ContextRequest.forQuery(query).withPreset(FusionPreset.VERIFICATION));
        assertThat(verification.items().stream()
                .sorted((x, y) -> Double.compare(y.score().total(), x.score().total()))
                .map(i -> i.record().id()).toList()).containsExactly("strong", "weak");
        // and similarity alone (the vector search) prefers the weak one
        assertThat(c.search(SearchRequest.hybrid(query, null)).hits().getFirst().record().id()).isEqualTo("weak");
    }
}
