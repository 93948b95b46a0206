package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The hypervector and anomaly-stream routes: happy paths, the spec's golden similarity, bad input. */
class HypervectorApiTest {
    @TempDir
    Path dir;

    @Test
    void encodesAndComparesJsonWithTheSpecsGoldenValue() {
        try (TestServer t = TestServer.start(dir)) {
            TestServer.Response sim = t.post("/v1/hypervectors/similarity",
                    "{\"a\":{\"type\":\"billing\",\"amount\":100},\"b\":{\"type\":\"billing\",\"amount\":200}}");
            assertThat(sim.status()).as(sim.body()).isEqualTo(200);
            assertThat(sim.json().path("cosine").asDouble()).isCloseTo(0.494067, within(1e-6));

            TestServer.Response enc = t.post("/v1/hypervectors/encode",
                    "{\"json\":{\"type\":\"billing\"},\"include_vector\":true}");
            assertThat(enc.status()).as(enc.body()).isEqualTo(200);
            assertThat(enc.json().path("nnz").asInt()).isEqualTo(1872);
            byte[] vector = Base64.getDecoder().decode(enc.json().path("vector_int8_base64").asString());
            assertThat(vector).hasSize(4096);

            TestServer.Response small = t.post("/v1/hypervectors/encode", "{\"json\":[1,2,3],\"dimension\":1024,\"seed\":7}");
            assertThat(small.json().path("dimension").asInt()).isEqualTo(1024);
            assertThat(small.json().has("vector_int8_base64")).isFalse();
        }
    }

    @Test
    void rejectsBadHypervectorRequests() {
        try (TestServer t = TestServer.start(dir)) {
            assertThat(t.post("/v1/hypervectors/encode", "{}").status()).isEqualTo(400);
            TestServer.Response big = t.post("/v1/hypervectors/encode", "{\"json\":1,\"dimension\":100000}");
            assertThat(big.status()).isEqualTo(400);
            assertThat(big.json().path("detail").asString()).contains("100000");
            assertThat(t.post("/v1/hypervectors/similarity", "{\"a\":1}").status()).isEqualTo(400);
            assertThat(t.post("/v1/hypervectors/encode", "{\"json\":1,\"colour\":2}").status()).isEqualTo(400);
            for (int seed = 1; seed <= 7; seed++) { // 8 encoders at most (the default one counts)
                assertThat(t.post("/v1/hypervectors/encode", "{\"json\":1,\"seed\":" + seed + "}").status()).isEqualTo(200);
            }
            TestServer.Response tooMany = t.post("/v1/hypervectors/encode", "{\"json\":1,\"seed\":99}");
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.json().path("detail").asString()).contains("at most 8 encoders");
        }
    }

    @Test
    void anomalyStreamsLearnABaselineAndFlagWhatDiffers() {
        try (TestServer t = TestServer.start(dir)) {
            assertThat(t.post("/v1/streams", "{\"name\":\"web\",\"warmup\":200}").status()).isEqualTo(201);
            assertThat(t.post("/v1/streams", "{\"name\":\"web\"}").status()).isEqualTo(409);
            SplittableRandom random = new SplittableRandom(5);
            StringBuilder normal = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                normal.append("{\"method\":\"GET\",\"path\":\"/index\",\"status\":200,\"bytes\":")
                        .append(900 + random.nextInt(200)).append("}\n");
            }
            TestServer.Response learnt = t.send("POST", "/v1/streams/web/events", normal.toString(), "application/x-ndjson");
            assertThat(learnt.status()).as(learnt.body()).isEqualTo(200);
            JsonNode verdicts = learnt.json().path("verdicts");
            assertThat(verdicts.size()).isEqualTo(300);
            assertThat(verdicts.get(0).path("warmup").asBoolean()).isTrue();
            assertThat(verdicts.get(299).path("warmup").asBoolean()).isFalse();
            for (int i = 200; i < 300; i++) {
                assertThat(verdicts.get(i).path("anomalous").asBoolean()).as("ordinary event %d", i).isFalse();
            }

            StringBuilder attack = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                attack.append(i == 0 ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/admin\",\"status\":500,\"bytes\":1}");
            }
            TestServer.Response judged = t.post("/v1/streams/web/events", attack.append("]").toString());
            assertThat(judged.status()).as(judged.body()).isEqualTo(200);
            JsonNode last = judged.json().path("verdicts").get(19);
            assertThat(last.path("anomalous").asBoolean()).as(judged.body()).isTrue();
            assertThat(last.path("explanation").toString()).contains("path=/admin");

            TestServer.Response stream = t.get("/v1/streams/web");
            assertThat(stream.json().path("events").asLong()).isEqualTo(320);
            assertThat(stream.json().path("anomalies").asLong()).isBetween(1L, 20L); // the attack's, after its onset
            assertThat(t.get("/v1/streams/web/verdicts?limit=5").json().path("verdicts").size()).isEqualTo(5);
            assertThat(t.get("/v1/streams").json().path("streams").size()).isEqualTo(1);

            TestServer.Response bad = t.send("POST", "/v1/streams/web/events", "{\"ok\":1}\n[1,2]\n", "application/x-ndjson");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("detail").asString()).contains("line 2");
            assertThat(t.get("/v1/streams/web").json().path("events").asLong()).isEqualTo(320); // untouched
            // Events are encoded by the JSON rules, as `engram detect stream` reads them: a bad
            // $log marker in the second event is a 400 naming it, before the first is judged.
            TestServer.Response badMarker = t.post("/v1/streams/web/events",
                    "[{\"method\":\"GET\"},{\"rate\":{\"$log\":\"fast\"}}]");
            assertThat(badMarker.status()).isEqualTo(400);
            assertThat(badMarker.json().path("detail").asString()).contains("events[1]").contains("$log marker needs a number");
            assertThat(t.get("/v1/streams/web").json().path("events").asLong()).isEqualTo(320);
            for (String overflow : new String[] {"[{\"a\":1},{\"x\":{\"y\":[1e999]}}]", "{\"a\":1}\n{\"x\":-1e999}\n"}) {
                TestServer.Response tooBig = t.send("POST", "/v1/streams/web/events", overflow, "application/x-ndjson");
                assertThat(tooBig.status()).as(overflow).isEqualTo(400);
                assertThat(tooBig.json().path("detail").asString()).as(overflow).contains("expected finite numbers");
            }
            assertThat(t.get("/v1/streams/web").json().path("events").asLong()).isEqualTo(320);
            assertThat(t.get("/v1/streams/web/verdicts?limit=0").status()).isEqualTo(400);
            assertThat(t.post("/v1/streams/nope/events", "{\"a\":1}").status()).isEqualTo(404);
            assertThat(t.delete("/v1/streams/web").status()).isEqualTo(204);
            assertThat(t.get("/v1/streams/web").status()).isEqualTo(404);
            assertThat(t.post("/v1/streams", "{\"name\":\"bad name\"}").status()).isEqualTo(400);
        }
    }
}
