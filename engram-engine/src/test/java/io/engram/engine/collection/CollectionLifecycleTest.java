package io.engram.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.engine.Engram;
import io.engram.engine.query.FilterOp;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import io.engram.engine.testing.Engrams;
import io.engram.embed.HashingEmbedder;
import io.engram.core.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionLifecycleTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T00:00:00Z"));

    @Test
    void recordsSurviveReopenAndStayFindable() {
        String id;
        try (Engram engram = Engrams.open(dir, clock)) {
            Collection notes = engram.createCollection(CollectionSpec.text("notes"));
            id = notes.add(NewRecord.text("Ada Lovelace wrote the first program").withId("ada")).id();
            notes.addAll(List.of(NewRecord.text("Charles Babbage designed the analytical engine"),
                    NewRecord.text("Grace Hopper wrote the first compiler")));
        }
        try (Engram engram = Engrams.open(dir, clock)) {
            Collection notes = engram.collection("notes");
            assertThat(notes.get(id)).isPresent();
            assertThat(notes.stats().records()).isEqualTo(3);
            List<SearchHit> text = notes.search(SearchRequest.text("lovelace program")).hits();
            assertThat(text.getFirst().record().id()).isEqualTo("ada");
            List<SearchHit> vector = notes.search(
                    SearchRequest.vector(HashingEmbedder.vectorOf("Ada Lovelace wrote the first program"))).hits();
            assertThat(vector.getFirst().record().id()).isEqualTo("ada");
            assertThat(vector.getFirst().similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void vectorCollectionsNeedVectorsOfTheirDimension() {
        try (Engram engram = Engrams.open(dir, clock)) {
            Collection c = engram.createCollection(CollectionSpec.vectors("v", 3, Metric.L2));
            c.add(NewRecord.vector(new float[] {1, 0, 0}).withId("x"));
            assertThatThrownBy(() -> c.add(NewRecord.vector(new float[] {1, 0})))
                    .isInstanceOf(DimensionMismatchException.class).hasMessageContaining("expected 3, got 2");
            assertThatThrownBy(() -> c.add(NewRecord.vector(new float[] {1, Float.NaN, 0})))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("NaN");
            assertThatThrownBy(() -> c.add(NewRecord.text("no vector")))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("has no embedder");
            assertThatThrownBy(() -> c.add(NewRecord.vector(new float[] {0, 1, 0}).withId("x")))
                    .isInstanceOf(RecordExistsException.class).hasMessageContaining("'x' already exists");
            SearchHit hit = c.search(SearchRequest.vector(new float[] {0.9f, 0, 0})).hits().getFirst();
            assertThat(hit.record().id()).isEqualTo("x");
            assertThat(hit.score()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-6)); // Euclidean distance, negated
        }
    }

    @Test
    void collectionsAreCreatedListedAndDropped() {
        try (Engram engram = Engrams.open(dir, clock)) {
            engram.createCollection(CollectionSpec.text("a"));
            engram.createCollection(CollectionSpec.vectors("b", 4, Metric.COSINE)).add(
                    NewRecord.vector(new float[] {1, 2, 3, 4}));
            assertThatThrownBy(() -> engram.createCollection(CollectionSpec.text("a")))
                    .isInstanceOf(CollectionExistsException.class);
            assertThat(engram.collections()).extracting(Collection::name).containsExactly("a", "b");
            Collection b = engram.collection("b");
            assertThat(engram.dropCollection("b")).isTrue();
            assertThat(engram.dropCollection("b")).isFalse();
            assertThatThrownBy(() -> engram.collection("b")).isInstanceOf(UnknownCollectionException.class);
            assertThatThrownBy(b::stats).isInstanceOf(UnknownCollectionException.class);
            // a new collection of the same name starts empty
            assertThat(engram.createCollection(CollectionSpec.vectors("b", 4, Metric.COSINE)).stats().records())
                    .isZero();
        }
        try (Engram engram = Engrams.open(dir, clock)) {
            assertThat(engram.collections()).extracting(Collection::name).containsExactly("a", "b");
            assertThat(engram.collection("b").stats().records()).isZero();
        }
    }

    @Test
    void badSpecsAreRejectedWithTheValuesNamed() {
        assertThatThrownBy(() -> new CollectionSpec("bad name", 3, Metric.L2, IndexKind.HNSW, EmbedderKind.NONE))
                .hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> new CollectionSpec("x", 0, Metric.L2, IndexKind.HNSW, EmbedderKind.NONE))
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> new CollectionSpec("x", 128, Metric.COSINE, IndexKind.HNSW, EmbedderKind.MINILM))
                .hasMessageContaining("384");
    }

    @Test
    void exactDuplicatesCorroborateInsteadOfRepeating() {
        try (Engram engram = Engrams.open(dir, clock)) {
            Collection c = engram.createCollection(CollectionSpec.text("facts"));
            KnowledgeRecord first = c.add(NewRecord.text("Water boils at 100 C at sea level")
                    .withSource(Source.of(SourceType.DOCUMENT, "physics book", "isbn:1")));
            KnowledgeRecord again = c.add(NewRecord.text("Water boils at 100 C at sea level")
                    .withSource(Source.of(SourceType.WEB, "a web page", "https://example.org")));
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.corroborations()).isEqualTo(1);
            assertThat(again.sources()).hasSize(2);
            assertThat(again.independentSources()).isEqualTo(3);
            assertThat(c.stats().records()).isEqualTo(1);
            // within one batch: every returned entry is the stored, latest version
            List<KnowledgeRecord> batch = c.addAll(List.of(NewRecord.text("Ice melts at 0 C"), NewRecord.text("Ice melts at 0 C"),
                    NewRecord.text("Ice melts at 0 C")));
            assertThat(batch).extracting(KnowledgeRecord::corroborations).containsExactly(2, 2, 2);
            assertThat(c.get(batch.getFirst().id()).orElseThrow().corroborations()).isEqualTo(2);
        }
    }

    @Test
    void metadataFiltersArePushedIntoTheSearch() {
        try (Engram engram = Engrams.open(dir, clock)) {
            Collection c = engram.createCollection(CollectionSpec.vectors("m", 2, Metric.COSINE));
            for (int i = 0; i < 200; i++) {
                double angle = i * 0.001;
                c.add(NewRecord.vector(new float[] {(float) Math.cos(angle), (float) Math.sin(angle)})
                        .withId("r" + i).withMetadata(Map.of("n", i, "tag", i % 2 == 0 ? "even" : "odd",
                                "tags", List.of("t" + (i % 5)))));
            }
            List<SearchHit> hits = c.search(SearchRequest.vector(new float[] {1, 0}).withK(10)
                    .where("tag", FilterOp.EQ, "odd").where("n", FilterOp.GTE, 100)).hits();
            assertThat(hits).hasSize(10).allSatisfy(h -> {
                assertThat(h.record().metadata().get("tag")).isEqualTo("odd");
                assertThat(((Number) h.record().metadata().get("n")).intValue()).isGreaterThanOrEqualTo(100);
            });
            assertThat(hits.getFirst().record().id()).isEqualTo("r101");
            assertThat(c.search(SearchRequest.vector(new float[] {1, 0}).withK(5)
                    .where("tags", FilterOp.CONTAINS, "t3").where("n", FilterOp.IN, List.of(3, 8, 13, 99))).hits())
                    .extracting(h -> h.record().id()).containsExactly("r3", "r8", "r13");
            assertThat(c.search(SearchRequest.vector(new float[] {1, 0}).withK(5)
                    .where("missing", FilterOp.EQ, 1)).hits()).isEmpty();
            java.util.Map<String, Object> withNull = new java.util.HashMap<>();
            withNull.put("note", null); // a JSON null is a value like any other, and matches only ne
            c.add(NewRecord.vector(new float[] {-1, 0}).withId("null-note").withMetadata(withNull));
            assertThat(c.get("null-note").orElseThrow().metadata()).containsEntry("note", null);
            assertThat(c.search(SearchRequest.vector(new float[] {-1, 0}).withK(1).where("note", FilterOp.NE, "x"))
                    .hits()).extracting(h -> h.record().id()).containsExactly("null-note");
        }
    }

    @Test
    void documentsGroupTheirChunks() {
        try (Engram engram = Engrams.open(dir, clock)) {
            Collection c = engram.createCollection(CollectionSpec.text("docs"));
            c.addAll(List.of(NewRecord.text("second part of the manual").withDocument("manual", 1),
                    NewRecord.text("first part of the manual").withDocument("manual", 0),
                    NewRecord.text("an unrelated note")));
            assertThat(c.document("manual")).extracting(KnowledgeRecord::chunk).containsExactly(0, 1);
            assertThat(c.document("missing")).isEmpty();
            assertThat(c.deleteDocument("manual")).isEqualTo(2);
            assertThat(c.document("manual")).isEmpty();
            assertThat(c.stats().records()).isEqualTo(1);
            assertThat(c.search(SearchRequest.text("manual")).hits()).isEmpty();
        }
    }
}
