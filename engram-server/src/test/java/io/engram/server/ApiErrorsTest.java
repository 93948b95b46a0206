package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.server.TestServer.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on every route: the documented status and the {error, detail, type} body. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
    @TempDir
    static Path dir;
    TestServer t;

    /** Every POST route with a JSON body, on the collections set up below. */
    static final List<String> JSON_POSTS = List.of("/v1/collections", "/v1/collections/text/records",
            "/v1/collections/text/records/r1/supersede", "/v1/collections/text/search", "/v1/collections/text/context",
            "/v1/collections/text/tensions/x/resolve");

    @BeforeAll
    void start() {
        t = new TestServer(dir, ServerOptions.defaults().withMaxBodyBytes(4096));
        assertThat(t.post("/v1/collections", "{\"name\":\"text\"}").status()).isEqualTo(201);
        assertThat(t.post("/v1/collections", "{\"name\":\"vec\",\"embedder\":\"none\",\"dimension\":3}").status()).isEqualTo(201);
        assertThat(t.post("/v1/collections/text/records", "{\"id\":\"r1\",\"content\":\"hello world\"}").status()).isEqualTo(201);
        assertThat(t.post("/v1/collections/vec/records", "{\"id\":\"v1\",\"vector\":[1,2,3]}").status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private static void expectError(Response r, int status, String code, String... detailParts) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(r.json().path("error").asString()).as(r.body()).isEqualTo(code);
        assertThat(r.json().path("type").asString()).isNotBlank();
        assertThat(r.json().path("error_type").asString()).isEqualTo(r.json().path("type").asString());
        if (detailParts.length > 0) {
            assertThat(r.json().path("detail").asString()).contains(detailParts);
        }
    }

    @Test
    void malformedJsonIsA400OnEveryJsonRoute() {
        for (String path : JSON_POSTS) {
            expectError(t.post(path, "{\"name\": "), 400, "malformed_json");
            expectError(t.post(path, "[1,2"), 400, "malformed_json");
            expectError(t.post(path, "{} trailing"), 400, "malformed_json");
            expectError(t.post(path, "{\"a\":1,\"a\":2}"), 400, "malformed_json");
            expectError(t.post(path, ""), 400, "invalid_argument", "expected a JSON body");
            expectError(t.post(path, "[]"), 400, "invalid_argument", "expected a JSON object");
        }
    }

    @Test
    void nanAndInfinityAreRejected() {
        expectError(t.post("/v1/collections/vec/records", "{\"vector\":[NaN,1,2]}"), 400, "malformed_json", "NaN");
        expectError(t.post("/v1/collections/vec/records", "{\"vector\":[Infinity,1,2]}"), 400, "malformed_json");
        expectError(t.post("/v1/collections/vec/records", "{\"vector\":[1e39,1,2]}"), 400, "invalid_argument", "vector[0]", "finite");
        expectError(t.post("/v1/collections/vec/records", "{\"vector\":[1e400,1,2]}"), 400, "invalid_argument", "vector[0]");
        expectError(t.post("/v1/collections/vec/search", "{\"vector\":[1,-1e309,2]}"), 400, "invalid_argument", "vector[1]");
        expectError(t.post("/v1/collections/text/records", "{\"content\":\"x\",\"metadata\":{\"v\":1e999}}"), 400,
                "invalid_argument", "metadata.v");
        expectError(t.post("/v1/collections/text/context", "{\"query\":\"q\",\"weights\":{\"similarity\":NaN}}"), 400, "malformed_json");
    }

    @Test
    void wrongDimensionIsA400NamingBoth() {
        expectError(t.post("/v1/collections/vec/records", "{\"vector\":[1,2]}"), 400, "dimension_mismatch", "expected 3", "got 2");
        expectError(t.post("/v1/collections/vec/records", "{\"records\":[{\"vector\":[1,2,3]},{\"vector\":[1,2,3,4]}]}"), 400,
                "dimension_mismatch", "expected 3", "got 4");
        expectError(t.post("/v1/collections/vec/search", "{\"vector\":[1,2,3,4,5]}"), 400, "dimension_mismatch", "expected 3");
        expectError(t.post("/v1/collections/text/context", "{\"query\":\"q\",\"query_vector\":[1,2]}"), 400, "dimension_mismatch",
                "expected 384");
        expectError(t.post("/v1/collections/vec/records/v1/supersede", "{\"vector\":[1]}"), 400, "dimension_mismatch");
    }

    @Test
    void badFieldsAreA400NamingTheField() {
        expectError(t.post("/v1/collections", "{\"name\":\"x\",\"dimension\":\"big\"}"), 400, "invalid_argument", "dimension");
        expectError(t.post("/v1/collections", "{\"name\":\"x\",\"embedder\":\"none\"}"), 400, "invalid_argument", "dimension", "required");
        expectError(t.post("/v1/collections", "{\"name\":\"bad name!\"}"), 400, "invalid_argument", "collection name");
        expectError(t.post("/v1/collections", "{\"name\":\"x\",\"metric\":\"manhattan\"}"), 400, "invalid_argument", "manhattan");
        expectError(t.post("/v1/collections", "{\"name\":\"x\",\"dimension\":128}"), 400, "invalid_argument", "384");
        expectError(t.post("/v1/collections", "{\"name\":\"x\",\"colour\":\"red\"}"), 400, "invalid_argument", "colour");
        expectError(t.post("/v1/collections/text/records", "{\"metadata\":{}}"), 400, "invalid_argument", "content", "vector");
        expectError(t.post("/v1/collections/text/records", "{\"content\":\"x\",\"metadata\":{\"a\":null}}"), 400,
                "invalid_argument", "metadata.a", "null");
        expectError(t.post("/v1/collections/text/records", "{\"content\":42}"), 400, "invalid_argument", "content", "a number 42");
        expectError(t.post("/v1/collections/text/records", "{\"content\":\"x\",\"valid_from\":\"yesterday\"}"), 400,
                "invalid_argument", "valid_from", "ISO-8601");
        expectError(t.post("/v1/collections/text/records", "{\"content\":\"x\",\"confidence\":{\"overall\":1.5}}"), 400,
                "invalid_argument", "overall");
        expectError(t.post("/v1/collections/text/records", "{\"content\":\"x\",\"sources\":[{\"type\":\"rumour\"}]}"), 400,
                "invalid_argument", "rumour");
        expectError(t.post("/v1/collections/vec/records", "{\"content\":\"only text\"}"), 400, "invalid_argument", "no embedder");
        expectError(t.post("/v1/collections/text/records", "{\"records\":[]}"), 400, "invalid_argument", "records");
        expectError(t.post("/v1/collections/text/search", "{\"text\":\"x\",\"k\":1001}"), 400, "invalid_argument", "k", "1001");
        expectError(t.post("/v1/collections/text/search", "{\"text\":\"x\",\"k\":0}"), 400, "invalid_argument", "k");
        expectError(t.post("/v1/collections/text/search", "{\"text\":\"x\",\"include_records\":1}"), 400,
                "invalid_argument", "include_records", "true or false");
        expectError(t.post("/v1/collections/text/search", "{\"text\":\"x\",\"k\":99999999999999999999}"), 400, "invalid_argument", "k");
        expectError(t.post("/v1/collections/text/search", "{\"text\":\"x\",\"mode\":\"fuzzy\"}"), 400, "invalid_argument", "fuzzy");
        expectError(t.post("/v1/collections/text/search", "{\"k\":3}"), 400, "invalid_argument", "text");
        expectError(t.post("/v1/collections/text/search", "{\"text\":\"x\",\"filter\":[{\"field\":\"a\",\"op\":\"in\",\"value\":1}]}"),
                400, "invalid_argument", "in");
        expectError(t.post("/v1/collections/text/context", "{\"max_tokens\":5}"), 400, "invalid_argument", "query");
        expectError(t.post("/v1/collections/text/context", "{\"query\":\"q\",\"format\":\"html\"}"), 400, "invalid_argument", "html");
        expectError(t.post("/v1/collections/text/context", "{\"query\":\"q\",\"weights\":{\"similarity\":0.9,\"confidence\":0.9}}"),
                400, "invalid_argument", "fusion weights");
        expectError(t.post("/v1/collections/text/tensions/x/resolve", "{\"action\":\"ignore\"}"), 400, "invalid_argument", "ignore");
        expectError(t.get("/v1/collections/text/tensions?status=open"), 400, "invalid_argument", "open");
        expectError(t.get("/v1/collections/text/records/r1/neighbors?depth=99"), 400, "invalid_argument", "depth");
        expectError(t.get("/v1/collections/text/records/r1/neighbors?limit=x"), 400, "invalid_argument", "limit");
        expectError(t.get("/v1/collections/text/records/r1?include_vector=maybe"), 400, "invalid_argument", "include_vector");
    }

    @Test
    void badNdjsonLineIsNamed() {
        Response r = t.send("POST", "/v1/collections/text/records/ndjson", "{\"content\":\"ok\"}\n{\"content\":\n{\"content\":\"ok\"}\n",
                "application/x-ndjson");
        expectError(r, 400, "malformed_json", "line 2");
        Response dim = t.send("POST", "/v1/collections/vec/records/ndjson", "{\"vector\":[1,2,3]}\n\n{\"vector\":[1]}\n",
                "application/x-ndjson");
        expectError(dim, 400, "dimension_mismatch", "line 3", "expected 3");
        expectError(t.send("POST", "/v1/collections/text/records/ndjson", "\n\n", "application/x-ndjson"), 400, "invalid_argument");
    }

    @Test
    void unknownCollectionAndRecordAre404() {
        expectError(t.get("/v1/collections/nope"), 404, "unknown_collection", "nope");
        expectError(t.delete("/v1/collections/nope"), 404, "unknown_collection");
        expectError(t.post("/v1/collections/nope/rebuild", null), 404, "unknown_collection");
        expectError(t.post("/v1/collections/nope/records", "{\"content\":\"x\"}"), 404, "unknown_collection");
        expectError(t.send("POST", "/v1/collections/nope/records/ndjson", "{\"content\":\"x\"}", "application/x-ndjson"), 404,
                "unknown_collection");
        expectError(t.get("/v1/collections/nope/records/r1"), 404, "unknown_collection");
        expectError(t.delete("/v1/collections/nope/records/r1"), 404, "unknown_collection");
        expectError(t.post("/v1/collections/nope/records/r1/supersede", "{\"content\":\"x\"}"), 404, "unknown_collection");
        expectError(t.get("/v1/collections/nope/records/r1/neighbors"), 404, "unknown_collection");
        expectError(t.post("/v1/collections/nope/search", "{\"text\":\"x\"}"), 404, "unknown_collection");
        expectError(t.post("/v1/collections/nope/context", "{\"query\":\"x\"}"), 404, "unknown_collection");
        expectError(t.get("/v1/collections/nope/tensions"), 404, "unknown_collection");
        expectError(t.get("/v1/collections/nope/documents/d"), 404, "unknown_collection");
        expectError(t.delete("/v1/collections/nope/documents/d"), 404, "unknown_collection");
        expectError(t.get("/v1/collections/text/documents/none"), 404, "unknown_record", "document");
        expectError(t.post("/v1/collections/nope/tensions/t/resolve", "{\"action\":\"keep_both\"}"), 404, "unknown_collection");
        expectError(t.get("/v1/collections/text/records/missing"), 404, "unknown_record", "missing");
        expectError(t.post("/v1/collections/text/records/missing/supersede", "{\"content\":\"x\"}"), 404, "unknown_record");
    }

    @Test
    void unknownRoutesAndMethodsAnswerJson() {
        expectError(t.get("/v2/anything"), 404, "not_found", "/v2/anything");
        expectError(t.send("PUT", "/v1/collections", "{}"), 405, "method_not_allowed", "PUT");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"content\":\"" + "x".repeat(8000) + "\"}";
        for (String path : JSON_POSTS) {
            expectError(t.post(path, big), 413, "body_too_large", "4096");
        }
        expectError(t.send("POST", "/v1/collections/text/records/ndjson", big, "application/x-ndjson"), 413, "body_too_large");
        expectError(t.post("/v1/collections/text/records", "{\"records\":[" + "{\"content\":\"a\"},".repeat(300) + "{}]}"), 413,
                "body_too_large");
    }

    @Test
    void batchLimitIsEnforced(@TempDir Path other) {
        try (TestServer big = new TestServer(other, ServerOptions.defaults())) {
            assertThat(big.post("/v1/collections", "{\"name\":\"b\",\"embedder\":\"none\",\"dimension\":1}").status()).isEqualTo(201);
            String records = "{\"records\":[" + "{\"vector\":[1]},".repeat(ServerOptions.MAX_BATCH) + "{\"vector\":[2]}]}";
            expectError(big.post("/v1/collections/b/records", records), 400, "invalid_argument", "10000", "10001");
        }
    }

    @Test
    void apiKeyIsRequiredWhenSet(@TempDir Path other) {
        try (TestServer secured = new TestServer(other, ServerOptions.defaults().withApiKey("s3cret"))) {
            URI base = URI.create(secured.server.url());
            Response none = secured.send(HttpRequest.newBuilder(base.resolve("/v1/collections")).GET().build());
            expectError(none, 401, "unauthorized", "none");
            assertThat(none.raw().headers().firstValue("www-authenticate")).hasValue("Bearer");
            Response wrong = secured.send(HttpRequest.newBuilder(base.resolve("/v1/collections"))
                    .header("Authorization", "Bearer nope").GET().build());
            expectError(wrong, 401, "unauthorized");
            Response wrongHeader = secured.send(HttpRequest.newBuilder(base.resolve("/v1/collections/x/search"))
                    .header("X-API-Key", "s3cret2").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            expectError(wrongHeader, 401, "unauthorized");
            expectError(secured.send(HttpRequest.newBuilder(base.resolve("/v1/metrics")).GET().build()), 401, "unauthorized");
            expectError(secured.send(HttpRequest.newBuilder(base.resolve("/v1/openapi.json")).GET().build()), 401, "unauthorized");

            assertThat(secured.send(HttpRequest.newBuilder(base.resolve("/v1/health")).GET().build()).status()).isEqualTo(200);
            assertThat(secured.send(HttpRequest.newBuilder(base.resolve("/")).GET().build()).status()).isEqualTo(200);
            assertThat(secured.send(HttpRequest.newBuilder(base.resolve("/v1/collections"))
                    .header("X-API-Key", "s3cret").GET().build()).status()).isEqualTo(200);
            assertThat(secured.get("/v1/collections").status()).isEqualTo(200);
        }
    }
}
