package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server with the real, built-in MiniLM embedder (the ONNX model loads in about a second). */
class MiniLmServerTest {
    @Test
    void contextFindsTheSemanticallyClosestText(@TempDir Path dir) throws Exception {
        try (Engram engram = Engram.open(dir, EngramOptions.defaults().withSyncWrites(false));
                EngramServer server = EngramServer.start(engram, ServerOptions.defaults().withPort(0));
                HttpClient client = HttpClient.newHttpClient()) {
            post(client, server, "/v1/collections", "{\"name\":\"notes\"}");
            post(client, server, "/v1/collections/notes/records", "{\"records\":[{\"content\":\"Ada Lovelace wrote the first "
                    + "computer program.\"},{\"content\":\"Bananas are rich in potassium.\"}]}");
            String context = post(client, server, "/v1/collections/notes/context", "{\"query\":\"Who was the first programmer?\"}");
            assertThat(TestServer.JSON.readTree(context).path("items").get(0).path("record").path("content").asString())
                    .contains("Lovelace");
        }
    }

    private static String post(HttpClient client, EngramServer server, String path, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return r.body();
    }
}
