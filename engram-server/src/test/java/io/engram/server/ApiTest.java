package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.server.TestServer.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Happy paths of every route, against a real store with the hash embedder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    @TempDir
    static Path dir;
    TestServer t;

    @BeforeAll
    void start() {
        t = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        t.close();
    }

    /** The hit-level ids of a search response, in order. */
    private static java.util.List<String> hitIds(Response r) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        r.json().path("hits").forEach(h -> ids.add(h.path("id").asString()));
        return ids;
    }

    private static void expect(Response r, int status) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
    }

    @Test
    void healthAnswersOk() {
        Response r = t.get("/v1/health");
        expect(r, 200);
        assertThat(r.json().path("status").asString()).isEqualTo("ok");
        assertThat(r.raw().headers().firstValue("content-type").orElse("")).startsWith("application/json");
    }

    @Test
    void collectionLifecycle() {
        Response created = t.post("/v1/collections", "{\"name\":\"life\"}");
        expect(created, 201);
        JsonNode c = created.json();
        assertThat(c.path("name").asString()).isEqualTo("life");
        assertThat(c.path("dimension").asInt()).isEqualTo(384);
        assertThat(c.path("metric").asString()).isEqualTo("cosine");
        assertThat(c.path("index").asString()).isEqualTo("hnsw");
        assertThat(c.path("embedder").asString()).isEqualTo("minilm");
        assertThat(c.path("stats").path("records").asLong()).isZero();

        Response vectors = t.post("/v1/collections",
                "{\"name\":\"life-vec\",\"embedder\":\"none\",\"dimension\":4,\"metric\":\"l2\",\"index\":\"flat\"}");
        expect(vectors, 201);
        assertThat(vectors.json().path("metric").asString()).isEqualTo("l2");
        assertThat(vectors.json().path("index").asString()).isEqualTo("flat");

        Response duplicate = t.post("/v1/collections", "{\"name\":\"life\"}");
        expect(duplicate, 409);
        assertThat(duplicate.error()).isEqualTo("collection_exists");

        Response list = t.get("/v1/collections");
        expect(list, 200);
        assertThat(list.json().path("collections").findValuesAsString("name")).contains("life", "life-vec");

        expect(t.get("/v1/collections/life"), 200);
        Response rebuilt = t.post("/v1/collections/life/rebuild", null);
        expect(rebuilt, 200);
        assertThat(rebuilt.json().path("name").asString()).isEqualTo("life");

        expect(t.delete("/v1/collections/life"), 200);
        Response gone = t.get("/v1/collections/life");
        expect(gone, 404);
        assertThat(gone.error()).isEqualTo("unknown_collection");
        expect(t.delete("/v1/collections/life"), 404);
        expect(t.delete("/v1/collections/life-vec"), 200);
    }

    @Test
    void recordsAddGetDeleteAndSupersede() {
        expect(t.post("/v1/collections", "{\"name\":\"rec\"}"), 201);
        Response added = t.post("/v1/collections/rec/records", """
                {"id":"ada","content":"Ada Lovelace wrote the first program","metadata":{"year":1843,"tags":["math"]},
                 "confidence":{"source_reliability":0.9,"method_quality":0.8},"domain_path":["history","computing"],
                 "valid_from":"1843-01-01T00:00:00Z","sources":[{"type":"document","title":"Notes","reference":"note-g"}],
                 "entities":[{"name":"Ada Lovelace","type":"person","role":"subject"}],
                 "fact":{"subject":"ada","predicate":"wrote","object":"first program"}}""");
        expect(added, 201);
        JsonNode r = added.json();
        assertThat(r.path("id").asString()).isEqualTo("ada");
        assertThat(r.path("content_hash").asString()).hasSize(64);
        assertThat(r.path("status").asString()).isEqualTo("active");
        assertThat(r.path("metadata").path("year").asInt()).isEqualTo(1843);
        assertThat(r.path("confidence").path("source_reliability").asDouble()).isEqualTo(0.9);
        assertThat(r.path("confidence").path("overall").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.path("valid_from").asString()).isEqualTo("1843-01-01T00:00:00Z");
        assertThat(r.path("recorded_at").asString()).isNotEmpty();
        assertThat(r.path("entities").get(0).path("type").asString()).isEqualTo("person");
        assertThat(r.has("vector")).isFalse();

        Response got = t.get("/v1/collections/rec/records/ada?include_vector=true");
        expect(got, 200);
        assertThat(got.json().path("vector").size()).isEqualTo(384);
        assertThat(t.get("/v1/collections/rec/records/ada").json().has("vector")).isFalse();

        Response batch = t.post("/v1/collections/rec/records",
                "{\"records\":[{\"content\":\"Charles Babbage designed the analytical engine\"},{\"id\":\"b2\",\"content\":\"The engine was never built\"}]}");
        expect(batch, 201);
        assertThat(batch.json().path("added").asInt()).isEqualTo(2);
        assertThat(batch.json().path("ids").size()).isEqualTo(2);
        assertThat(batch.json().path("ids").get(1).asString()).isEqualTo("b2");

        Response ndjson = t.send("POST", "/v1/collections/rec/records/ndjson",
                "{\"content\":\"Grace Hopper wrote a compiler\"}\n\n{\"id\":\"nd2\",\"content\":\"COBOL followed\"}\n",
                "application/x-ndjson");
        expect(ndjson, 201);
        assertThat(ndjson.json().path("added").asInt()).isEqualTo(2);
        expect(t.get("/v1/collections/rec/records/nd2"), 200);

        Response superseded = t.post("/v1/collections/rec/records/b2/supersede",
                "{\"content\":\"Parts of the engine were built later\",\"reason\":\"more precise\"}");
        expect(superseded, 201);
        JsonNode successor = superseded.json();
        assertThat(successor.path("supersedes_id").asString()).isEqualTo("b2");
        JsonNode old = t.get("/v1/collections/rec/records/b2").json();
        assertThat(old.path("superseded_by_id").asString()).isEqualTo(successor.path("id").asString());
        assertThat(old.path("status").asString()).isEqualTo("superseded");

        expect(t.delete("/v1/collections/rec/records/nd2"), 200);
        Response missing = t.get("/v1/collections/rec/records/nd2");
        expect(missing, 404);
        assertThat(missing.error()).isEqualTo("unknown_record");
        expect(t.delete("/v1/collections/rec/records/nd2"), 404);
    }

    @Test
    void documentsGroupTheirChunks() {
        expect(t.post("/v1/collections", "{\"name\":\"docs\"}"), 201);
        expect(t.post("/v1/collections/docs/records", "{\"records\":[{\"content\":\"second part\",\"document_id\":\"d1\",\"chunk\":1},"
                + "{\"content\":\"first part\",\"document_id\":\"d1\",\"chunk\":0},{\"content\":\"elsewhere\",\"document_id\":\"d2\"}]}"), 201);
        Response doc = t.get("/v1/collections/docs/documents/d1");
        expect(doc, 200);
        assertThat(doc.json().path("records").valueStream().map(r -> r.path("content").asString()).toList())
                .containsExactly("first part", "second part");
        Response deleted = t.delete("/v1/collections/docs/documents/d1");
        expect(deleted, 200);
        assertThat(deleted.json().path("deleted").asInt()).isEqualTo(2);
        expect(t.get("/v1/collections/docs/documents/d1"), 404);
        expect(t.delete("/v1/collections/docs/documents/d1"), 404);
        expect(t.get("/v1/collections/docs/documents/d2"), 200);
    }

    @Test
    void vectorCollectionTakesVectors() {
        expect(t.post("/v1/collections", "{\"name\":\"vec\",\"embedder\":\"none\",\"dimension\":3}"), 201);
        expect(t.post("/v1/collections/vec/records", "{\"id\":\"x\",\"vector\":[1,0,0],\"content\":\"east\"}"), 201);
        expect(t.post("/v1/collections/vec/records", "{\"id\":\"y\",\"vector\":[0,1,0]}"), 201);
        Response hits = t.post("/v1/collections/vec/search", "{\"vector\":[0.9,0.1,0],\"k\":2}");
        expect(hits, 200);
        assertThat(hits.json().path("hits").get(0).path("record").path("id").asString()).isEqualTo("x");
        assertThat(hits.json().path("hits").get(0).path("vector_rank").asInt()).isEqualTo(1);
        Response text = t.post("/v1/collections/vec/search", "{\"text\":\"east\"}");
        expect(text, 200);
        assertThat(text.json().path("hits").findValuesAsString("id")).contains("x");
    }

    @Test
    void searchInEveryMode() {
        expect(t.post("/v1/collections", "{\"name\":\"s\"}"), 201);
        expect(t.post("/v1/collections/s/records", """
                {"records":[
                  {"id":"cat","content":"the cat sat on the mat","metadata":{"kind":"animal","legs":4}},
                  {"id":"dog","content":"the dog chased the ball","metadata":{"kind":"animal","legs":4}},
                  {"id":"car","content":"the car needs new tyres","metadata":{"kind":"machine","legs":0}}]}"""), 201);
        for (String mode : new String[] {"vector", "text", "hybrid"}) {
            Response r = t.post("/v1/collections/s/search", "{\"text\":\"cat mat\",\"mode\":\"" + mode + "\",\"k\":3}");
            expect(r, 200);
            JsonNode hits = r.json().path("hits");
            assertThat(hits.size()).as(mode).isGreaterThan(0);
            assertThat(hits.get(0).path("record").path("id").asString()).as(mode).isEqualTo("cat");
            assertThat(hits.get(0).has("score")).isTrue();
            assertThat(hits.get(0).has("replaces")).isTrue();
            assertThat(hits.get(0).has("active_tensions")).isTrue();
        }
        Response filtered = t.post("/v1/collections/s/search",
                "{\"text\":\"the\",\"mode\":\"vector\",\"k\":10,\"filter\":[{\"field\":\"kind\",\"op\":\"eq\",\"value\":\"machine\"}]}");
        expect(filtered, 200);
        assertThat(hitIds(filtered)).containsExactly("car");
        Response legs = t.post("/v1/collections/s/search",
                "{\"text\":\"the\",\"mode\":\"vector\",\"filter\":[{\"field\":\"legs\",\"op\":\"gt\",\"value\":2}]}");
        expect(legs, 200);
        assertThat(hitIds(legs)).containsExactlyInAnyOrder("cat", "dog");
        assertThat(hitIds(legs)).as("a hit's id is its record's")
                .containsExactlyElementsOf(legs.json().path("hits").findValuesAsString("id").stream().distinct().toList());
        Response idsOnly = t.post("/v1/collections/s/search", "{\"text\":\"cat mat\",\"k\":2,\"include_records\":false}");
        expect(idsOnly, 200);
        JsonNode first = idsOnly.json().path("hits").get(0);
        assertThat(first.path("id").asString()).isEqualTo("cat");
        assertThat(first.has("record")).isFalse();
        assertThat(first.has("score")).isTrue();
    }

    @Test
    void contextWithScoresAndCitations() {
        expect(t.post("/v1/collections", "{\"name\":\"ctx\"}"), 201);
        expect(t.post("/v1/collections/ctx/records", """
                {"records":[
                  {"content":"Ada Lovelace wrote the first program for the analytical engine",
                   "entities":[{"name":"Ada Lovelace","type":"person"}],"sources":[{"type":"document","reference":"a"}]},
                  {"content":"Babbage designed the analytical engine","entities":[{"name":"Charles Babbage","type":"person"}]},
                  {"content":"Bananas are rich in potassium"}]}"""), 201);
        for (String format : new String[] {"markdown", "plain", "json"}) {
            Response r = t.post("/v1/collections/ctx/context",
                    "{\"query\":\"who wrote the first program?\",\"format\":\"" + format + "\",\"max_tokens\":2000,"
                            + "\"active_entities\":[\"Ada Lovelace\"],\"messages\":[\"we talk about computing history\"]}");
            expect(r, 200);
            JsonNode c = r.json();
            assertThat(c.path("format").asString()).isEqualTo(format);
            assertThat(c.path("text").asString()).as(format).isNotBlank();
            assertThat(c.path("tokens").asInt()).isPositive();
            JsonNode item = c.path("items").get(0);
            assertThat(item.path("citation").asInt()).isEqualTo(1);
            assertThat(item.path("record").path("content").asString()).contains("Ada");
            JsonNode score = item.path("score");
            for (String term : new String[] {"similarity", "confidence", "recency", "graph", "sources", "tension", "total"}) {
                assertThat(score.has(term)).as(term).isTrue();
            }
            assertThat(score.path("weights").path("similarity").asDouble()).isPositive();
        }
        Response weighted = t.post("/v1/collections/ctx/context", "{\"query\":\"analytical engine\",\"preset\":\"verification\","
                + "\"weights\":{\"similarity\":0.6,\"confidence\":0.1,\"recency\":0.1,\"graph\":0.1,\"sources\":0.1}}");
        expect(weighted, 200);
        assertThat(weighted.json().path("items").get(0).path("score").path("weights").path("similarity").asDouble()).isEqualTo(0.6);
    }

    @Test
    void tensionsAreListedAndResolved() {
        expect(t.post("/v1/collections", "{\"name\":\"ten\"}"), 201);
        expect(t.post("/v1/collections/ten/records",
                "{\"id\":\"p1\",\"content\":\"Paris is the capital of France\",\"fact\":{\"subject\":\"france\",\"predicate\":\"capital\",\"object\":\"paris\"}}"), 201);
        expect(t.post("/v1/collections/ten/records",
                "{\"id\":\"p2\",\"content\":\"Lyon is the capital of France\",\"fact\":{\"subject\":\"france\",\"predicate\":\"capital\",\"object\":\"lyon\"}}"), 201);
        Response all = t.get("/v1/collections/ten/tensions");
        expect(all, 200);
        JsonNode tensions = all.json().path("tensions");
        assertThat(tensions.size()).isEqualTo(1);
        JsonNode tension = tensions.get(0);
        assertThat(tension.path("type").asString()).isEqualTo("contradiction");
        assertThat(t.get("/v1/collections/ten/tensions?status=detected").json().path("tensions").size()).isEqualTo(1);

        Response hits = t.post("/v1/collections/ten/search", "{\"text\":\"capital of France\",\"mode\":\"text\"}");
        expect(hits, 200);
        assertThat(hits.json().path("hits").get(0).path("active_tensions").asBoolean()).isTrue();

        Response resolved = t.post("/v1/collections/ten/tensions/" + tension.path("id").asString() + "/resolve",
                "{\"action\":\"keep_both\",\"note\":\"different eras\"}");
        expect(resolved, 200);
        assertThat(resolved.json().path("status").asString()).isIn("resolved", "accepted");
        assertThat(t.get("/v1/collections/ten/tensions?status=detected").json().path("tensions").size()).isZero();
        Response unknown = t.post("/v1/collections/ten/tensions/nope/resolve", "{\"action\":\"keep_both\"}");
        expect(unknown, 404);
    }

    @Test
    void neighborsThroughEntities() {
        expect(t.post("/v1/collections", "{\"name\":\"nb\"}"), 201);
        expect(t.post("/v1/collections/nb/records",
                "{\"id\":\"n1\",\"content\":\"Ada met Babbage\",\"entities\":[{\"name\":\"Ada\",\"type\":\"person\"},{\"name\":\"Babbage\",\"type\":\"person\"}]}"), 201);
        expect(t.post("/v1/collections/nb/records",
                "{\"id\":\"n2\",\"content\":\"Babbage built engines\",\"entities\":[{\"name\":\"Babbage\",\"type\":\"person\"}]}"), 201);
        Response r = t.get("/v1/collections/nb/records/n1/neighbors?depth=2&limit=50");
        expect(r, 200);
        JsonNode neighbors = r.json().path("neighbors");
        assertThat(neighbors.findValuesAsString("id")).contains("babbage", "n2");
        expect(t.get("/v1/collections/nb/records/zz/neighbors"), 404);
        Response path = t.get("/v1/collections/nb/records/n1/path/n2?max_hops=3");
        expect(path, 200);
        assertThat(path.json().path("found").asBoolean()).isTrue();
        assertThat(path.json().path("steps").findValuesAsString("id")).containsExactly("n1", "babbage", "n2");
        expect(t.get("/v1/collections/nb/records/n1/path/zz"), 404);
        expect(t.get("/v1/collections/nb/records/n1/path/n2?max_hops=99"), 400);
        Response communities = t.get("/v1/collections/nb/communities?limit=5&members=10");
        expect(communities, 200);
        assertThat(communities.json().path("total").asInt()).isBetween(1, 2);
        assertThat(communities.json().path("communities").findValuesAsString("id"))
                .contains("n1", "n2", "ada", "babbage"); // every node is in some community
        expect(t.get("/v1/collections/nb/communities?limit=0"), 400);
        expect(t.get("/v1/collections/missing/communities"), 404);
    }

    @Test
    void metricsCountRequestsAndRecords() {
        expect(t.post("/v1/collections", "{\"name\":\"met\"}"), 201);
        expect(t.post("/v1/collections/met/records", "{\"content\":\"one\"}"), 201);
        expect(t.get("/v1/collections/met/records/none"), 404);
        Response m = t.get("/v1/metrics");
        expect(m, 200);
        assertThat(m.raw().headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(m.body())
                .contains("# TYPE engram_http_requests_total counter")
                .contains("engram_http_requests_total{method=\"POST\",route=\"/v1/collections/{name}/records\",status=\"201\"}")
                .contains("route=\"/v1/collections/{name}/records/{id}\",status=\"404\"")
                .contains("engram_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/collections\",le=\"+Inf\"}")
                .contains("engram_collection_records{collection=\"met\",status=\"active\"} 1");
    }

    @Test
    void openApiIsServed() {
        Response r = t.get("/v1/openapi.json");
        expect(r, 200);
        assertThat(r.json().path("paths").has("/v1/collections/{name}/context")).isTrue();
        Response console = t.get("/");
        expect(console, 200);
        assertThat(console.body()).contains("Engram");
    }
}
