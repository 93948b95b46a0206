package io.engram.server;

import io.engram.embed.HashingEmbedder;
import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An in-process server on a free port over a fresh store (with the hash embedder unless asked), and a client. */
final class TestServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final Engram engram;
    final EngramServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String apiKey;

    TestServer(Path dir, ServerOptions options) {
        this(dir, options, EngramOptions.defaults().withEmbedder(HashingEmbedder::new));
    }

    private TestServer(Path dir, ServerOptions options, EngramOptions engramOptions) {
        this.engram = Engram.open(dir, engramOptions.withSyncWrites(false));
        this.server = EngramServer.start(engram, options.withPort(0));
        this.apiKey = options.apiKey();
    }

    static TestServer start(Path dir) {
        return new TestServer(dir, ServerOptions.defaults());
    }

    /** As {@code engram serve} runs: the built-in MiniLM embedder instead of the hash embedder. */
    static TestServer startAsServed(Path dir) {
        return new TestServer(dir, ServerOptions.defaults(), EngramOptions.defaults());
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String error() {
            return json().path("error").asString();
        }
    }

    Response send(String method, String path, String body) {
        return send(method, path, body, "application/json");
    }

    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return send(b.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, String body) {
        return send("POST", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    @Override
    public void close() {
        server.close();
        engram.close();
        client.close();
    }
}
