package io.engram.server;

import io.engram.embed.HashingEmbedder;
import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import io.engram.server.mcp.McpEndpoints;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** MCP over stdio: newline-delimited JSON-RPC in, answers out, nothing else on the output stream. */
class McpStdioTest {
    @Test
    void initializeListAndCallTools(@TempDir Path dir) throws Exception {
        try (Engram engram = Engram.open(dir, EngramOptions.defaults().withEmbedder(HashingEmbedder::new).withSyncWrites(false))) {
            PipedOutputStream toServer = new PipedOutputStream();
            PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
            PipedInputStream fromServer = new PipedInputStream(1 << 16);
            PipedOutputStream serverOut = new PipedOutputStream(fromServer);
            McpSyncServer server = McpEndpoints.stdio(engram, serverIn, serverOut);
            BufferedReader replies = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
            try {
                send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
                JsonNode init = TestServer.JSON.readTree(replies.readLine());
                assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("engram");
                send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

                send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
                JsonNode list = TestServer.JSON.readTree(replies.readLine());
                assertThat(list.path("result").path("tools").valueStream().map(t -> t.path("name").asString()).toList())
                        .contains("record_create", "knowledge_search", "context_for_query");

                send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"record_create\","
                        + "\"arguments\":{\"content\":\"stdio works\",\"id\":\"s1\"}}}");
                JsonNode call = TestServer.JSON.readTree(replies.readLine());
                assertThat(call.path("id").asInt()).isEqualTo(3);
                assertThat(call.path("result").path("isError").asBoolean()).isFalse();
                assertThat(call.path("result").path("content").get(0).path("text").asString()).contains("\"id\":\"s1\"");
                assertThat(engram.collection("memory").get("s1")).isPresent();

                // the names: remember, then recall
                send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"remember\","
                        + "\"arguments\":{\"content\":\"the deploy key rotates every ninety days\",\"id\":\"k1\"}}}");
                assertThat(TestServer.JSON.readTree(replies.readLine()).path("result").path("isError").asBoolean()).isFalse();
                send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"recall\","
                        + "\"arguments\":{\"query\":\"how often does the deploy key rotate?\"}}}");
                JsonNode recall = TestServer.JSON.readTree(replies.readLine());
                assertThat(recall.path("result").path("isError").asBoolean()).isFalse();
                assertThat(recall.path("result").path("content").get(0).path("text").asString())
                        .contains("the deploy key rotates every ninety days");
            } finally {
                server.closeGracefully();
            }
        }
    }

    private static void send(PipedOutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
