package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.server.TestServer.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 10,000 random and mutated requests (random routes and methods, truncated JSON, huge numbers,
 * wrong types, deep nesting, invalid UTF-8) from four clients at once. Every answer must be a
 * documented status with the JSON error body, never a 500, and the server must stay healthy.
 */
class FuzzTest {
    static final int REQUESTS = 10_000;
    static final int CLIENTS = 4;
    static final List<Integer> ALLOWED = List.of(200, 201, 400, 404, 405, 409, 413);

    static final String[] METHODS = {"GET", "POST", "DELETE", "PUT", "PATCH"};
    static final String[] COLLECTIONS = {"f", "f", "f", "f", "f", "v", "v", "v", "nope", "x.y", "-bad", "a%20b", "%2e%2e"};
    static final String[] IDS = {"r0", "r1", "r2", "missing", "t1", "%00", "a%2Fb"};
    static final String[] TEMPLATES = {
        "{\"name\":\"c%d\"}",
        "{\"name\":\"c%d\",\"embedder\":\"none\",\"dimension\":3,\"metric\":\"l2\",\"index\":\"flat\"}",
        "{\"id\":\"r%d\",\"content\":\"the quick brown fox\",\"metadata\":{\"n\":1,\"t\":[\"a\"]},\"confidence\":{\"overall\":0.5},"
                + "\"sources\":[{\"type\":\"web\",\"reference\":\"u\"}],\"entities\":[{\"name\":\"Fox\",\"type\":\"concept\"}],"
                + "\"fact\":{\"subject\":\"fox\",\"predicate\":\"is\",\"object\":\"quick%d\"},\"valid_from\":\"2020-01-01T00:00:00Z\"}",
        "{\"records\":[{\"content\":\"alpha %d\"},{\"vector\":[0.1,0.2,0.3]},{\"content\":\"beta\",\"chunk\":2,\"document_id\":\"d\"}]}",
        "{\"vector\":[1,2,3],\"id\":\"r%d\"}",
        "{\"text\":\"quick fox %d\",\"mode\":\"hybrid\",\"k\":5,\"filter\":[{\"field\":\"n\",\"op\":\"gte\",\"value\":1}],"
                + "\"as_of\":\"2030-01-01T00:00:00Z\",\"include_superseded\":true,\"min_confidence\":0.1,\"ef\":40}",
        "{\"vector\":[0.5,0.5,0.5],\"k\":%d}",
        "{\"query\":\"fox %d\",\"format\":\"json\",\"max_tokens\":300,\"max_items\":5,\"preset\":\"exploration\","
                + "\"active_entities\":[\"Fox\"],\"messages\":[\"hi\"],\"weights\":{\"similarity\":0.5,\"confidence\":0.2,"
                + "\"recency\":0.1,\"graph\":0.1,\"sources\":0.1}}",
        "{\"action\":\"keep_both\",\"note\":\"n%d\"}",
        "{\"content\":\"replacement %d\",\"reason\":\"because\"}",
    };
    static final String[] JUNK_VALUES = {"null", "true", "[]", "{}", "\"\"", "\"x\"", "-0", "1e999999", "-1e309",
        "99999999999999999999999999", "0.000000000000000000000001", "NaN", "-Infinity", "\"\\u0000\"", "[[[]]]",
        "{\"a\":{\"b\":{\"c\":[1,2,{}]}}}", "\"2020-13-45T99:00:00Z\"", "-1", "4097", "1001", "\"\\ud800\""};

    @Test
    void randomRequestsNeverBreakTheServer(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed " + seed);
        try (TestServer t = new TestServer(dir, ServerOptions.defaults().withMaxBodyBytes(64 * 1024))) {
            assertThat(t.post("/v1/collections", "{\"name\":\"f\"}").status()).isEqualTo(201);
            assertThat(t.post("/v1/collections", "{\"name\":\"v\",\"embedder\":\"none\",\"dimension\":3}").status()).isEqualTo(201);
            assertThat(t.post("/v1/collections/f/records", "{\"id\":\"r1\",\"content\":\"the quick fox\"}").status()).isEqualTo(201);

            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SplittableRandom random = new SplittableRandom(seed + c);
                done.add(pool.submit(() -> {
                    String previous = "none";
                    for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                        HttpRequest request = request(t, random);
                        Response r;
                        try {
                            r = t.send(request);
                        } catch (RuntimeException e) {
                            failures.add(request.method() + " " + request.uri().getRawPath() + " body "
                                    + request.bodyPublisher().map(p -> p.contentLength()).orElse(-1L) + " -> " + e
                                    + " (this client's previous request: " + previous + ")");
                            continue;
                        }
                        previous = request.method() + " " + request.uri().getRawPath() + " -> " + r.status() + " "
                                + r.raw().headers().map();
                        statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = problem(r);
                        if (problem != null && failures.size() < 20) {
                            failures.add(request.method() + " " + request.uri().getRawPath() + " -> " + r.status() + " " + problem
                                    + " " + r.body().substring(0, Math.min(300, r.body().length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            System.out.println("FuzzTest statuses " + new TreeMap<>(statuses));
            assertThat(failures).as("seed %d", seed).isEmpty();
            assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(REQUESTS);
            Response health = t.get("/v1/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(t.post("/v1/collections/f/search", "{\"text\":\"quick fox\"}").status()).isEqualTo(200);
        }
    }

    /** Why a response breaks the contract, or null. */
    static String problem(Response r) {
        if (!ALLOWED.contains(r.status())) {
            return "unexpected status";
        }
        JsonNode body;
        try {
            body = r.json();
        } catch (RuntimeException e) {
            return "body is not JSON";
        }
        if (r.status() >= 400 && (!body.path("error").isString() || !body.path("detail").isString() || !body.path("type").isString())) {
            return "error body lacks error/detail/type";
        }
        return null;
    }

    static HttpRequest request(TestServer t, SplittableRandom random) {
        String collection = pick(random, COLLECTIONS);
        String id = pick(random, IDS);
        String base = "/v1/collections/" + collection;
        String[] paths = {"/v1/health", "/v1/collections", base, base + "/rebuild", base + "/records", base + "/records/ndjson",
            base + "/records/" + id, base + "/documents/" + pick(random, new String[] {"d", "none", id}), base + "/records/" + id + "/supersede", base + "/records/" + id + "/neighbors?depth="
                    + (random.nextInt(14) - 2) + "&limit=" + random.nextInt(-5, 20_000), base + "/search", base + "/context",
            base + "/tensions?status=" + pick(random, new String[] {"", "detected", "resolved", "bogus"}),
            base + "/tensions/" + id + "/resolve", "/v1/" + randomWord(random), "/" + randomWord(random) + "/" + randomWord(random)};
        String path = paths[random.nextInt(paths.length)];
        if (path.equals(base) && collection.equals("f")) {
            path = "/v1/collections/f" + random.nextInt(3); // keep the shared collection alive
        }
        String method = random.nextInt(4) == 0 ? pick(random, METHODS) : expectedMethod(path);
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null : body(random, template(path, random));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.server.url() + path)).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain");
        }
        return b.build();
    }

    static String expectedMethod(String path) {
        if (path.endsWith("/rebuild") || path.endsWith("/records") || path.endsWith("/ndjson") || path.endsWith("/supersede")
                || path.endsWith("/search") || path.endsWith("/context") || path.endsWith("/resolve")
                || path.equals("/v1/collections")) {
            return path.equals("/v1/collections") && path.hashCode() % 2 == 0 ? "GET" : "POST";
        }
        return "GET";
    }

    /** Half the time the template that fits the route, else any. */
    static String template(String path, SplittableRandom random) {
        if (random.nextBoolean()) {
            return pick(random, TEMPLATES);
        }
        int[] fitting = path.equals("/v1/collections") ? new int[] {0, 1}
                : path.endsWith("/records") || path.endsWith("/ndjson") ? new int[] {2, 3, 4}
                : path.endsWith("/search") ? new int[] {5, 6}
                : path.endsWith("/context") ? new int[] {7}
                : path.endsWith("/resolve") ? new int[] {8}
                : path.endsWith("/supersede") ? new int[] {9, 4} : new int[] {random.nextInt(TEMPLATES.length)};
        return TEMPLATES[fitting[random.nextInt(fitting.length)]];
    }

    static byte[] body(SplittableRandom random, String template) {
        String json = String.format(template, random.nextInt(1000), random.nextInt(1000));
        switch (random.nextInt(12)) {
            case 0, 9, 10, 11 -> { return json.getBytes(java.nio.charset.StandardCharsets.UTF_8); }
            case 1 -> json = json.substring(0, random.nextInt(json.length())); // truncated
            case 2 -> json = replaceValue(json, pick(random, JUNK_VALUES), random); // wrong type or huge number
            case 3 -> {
                StringBuilder s = new StringBuilder(json);
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    s.setCharAt(random.nextInt(s.length()), (char) (32 + random.nextInt(95)));
                }
                json = s.toString();
            }
            case 4 -> {
                int depth = 1 + random.nextInt(3000);
                json = "[".repeat(depth) + "]".repeat(random.nextInt(depth + 1));
            }
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 6 -> json = json + "\n" + json + "\n" + json.substring(0, json.length() / 2) + "\n" + json;
            case 7 -> json = "{\"records\":[" + (json + ",").repeat(1 + random.nextInt(40)) + json + "]}";
            default -> json = replaceValue(json, pick(random, JUNK_VALUES), random) + (random.nextBoolean() ? "" : " x");
        }
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Replaces the value after a random ':' by {@code value}, up to the next ',' or '}'. */
    static String replaceValue(String json, String value, SplittableRandom random) {
        int colon = json.indexOf(':', random.nextInt(json.length()));
        if (colon < 0) {
            return value;
        }
        int end = colon + 1;
        int depth = 0;
        while (end < json.length()) {
            char c = json.charAt(end);
            if ((c == ',' || c == '}' || c == ']') && depth == 0) {
                break;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            end++;
        }
        return json.substring(0, colon + 1) + value + json.substring(end);
    }

    static String randomWord(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(12); i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
