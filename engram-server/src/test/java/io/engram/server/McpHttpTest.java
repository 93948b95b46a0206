package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** MCP over streamable HTTP at /mcp, driven by the SDK's own client. */
class McpHttpTest {
    private static McpSyncClient client(TestServer t, String apiKey) {
        var transport = HttpClientStreamableHttpTransport.builder(t.server.url()).endpoint("/mcp");
        if (apiKey != null) {
            transport.requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + apiKey));
        }
        return McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(30)).build();
    }

    private static McpSchema.CallToolRequest request(String tool, Map<String, Object> arguments) {
        return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
    }

    private static JsonNode json(McpSchema.CallToolResult result) {
        McpSchema.TextContent last = (McpSchema.TextContent) result.content().getLast();
        return TestServer.JSON.readTree(last.text());
    }

    @Test
    void theIssuesToolNamesRememberThenRecall(@TempDir Path dir) {
        try (TestServer t = TestServer.start(dir); McpSyncClient mcp = client(t, null)) {
            mcp.initialize();
            List<String> tools = mcp.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).contains("remember", "recall", "search", "supersede", "tensions_list", "graph_neighbors");
            var remembered = mcp.callTool(request("remember", Map.of("content", "the deploy key rotates every ninety days")));
            assertThat(remembered.isError()).as("%s", remembered.content()).isFalse();
            var recalled = mcp.callTool(request("recall", Map.of("query", "how often does the deploy key rotate?")));
            assertThat(recalled.isError()).as("%s", recalled.content()).isFalse();
            assertThat(((McpSchema.TextContent) recalled.content().getFirst()).text())
                    .contains("the deploy key rotates every ninety days");
        }
    }

    @Test
    void toolsStoreSearchAndAssembleContext(@TempDir Path dir) {
        try (TestServer t = TestServer.start(dir); McpSyncClient mcp = client(t, null)) {
            mcp.initialize();
            List<String> tools = mcp.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).contains("record_create", "record_get", "record_supersede", "knowledge_search", "context_for_query",
                    "tension_list", "tension_resolve", "confidence_explain", "neighbors", "stats");

            var created = mcp.callTool(request("record_create", Map.of("content",
                    "Ada Lovelace wrote the first program", "id", "ada", "fact",
                    Map.of("subject", "first program", "predicate", "author", "object", "ada"))));
            assertThat(created.isError()).as("%s", created.content()).isFalse();
            assertThat(json(created).path("id").asString()).isEqualTo("ada");
            mcp.callTool(request("record_create", Map.of("content", "Babbage wrote the first program",
                    "fact", Map.of("subject", "first program", "predicate", "author", "object", "babbage"))));

            var search = mcp.callTool(request("knowledge_search", Map.of("text", "first program", "k", 5)));
            assertThat(search.isError()).isFalse();
            assertThat(json(search).path("hits").size()).isEqualTo(2);

            var context = mcp.callTool(request("context_for_query", Map.of("query", "who wrote the first program?")));
            assertThat(context.isError()).isFalse();
            assertThat(((McpSchema.TextContent) context.content().getFirst()).text()).contains("[1]");
            assertThat(json(context).path("items").size()).isEqualTo(2);

            var tensions = mcp.callTool(request("tension_list", Map.of()));
            assertThat(json(tensions).path("tensions").size()).isEqualTo(1);
            var explain = mcp.callTool(request("confidence_explain", Map.of("id", "ada")));
            assertThat(json(explain).path("terms").size()).isEqualTo(6);
            var stats = mcp.callTool(request("stats", Map.of()));
            assertThat(json(stats).path("collections").get(0).path("name").asString()).isEqualTo("memory");

            var missing = mcp.callTool(request("record_get", Map.of("id", "nope")));
            assertThat(missing.isError()).isTrue();
            assertThat(json(missing).path("error").asString()).isEqualTo("unknown_record");
            var unknown = mcp.callTool(request("knowledge_search", Map.of("collection", "other", "text", "x")));
            assertThat(json(unknown).path("error").asString()).isEqualTo("unknown_collection");
            var bad = mcp.callTool(request("knowledge_search", Map.of("text", "x", "k", 5000)));
            assertThat(bad.isError()).isTrue(); // refused by the SDK's schema check or by the server, either is fine
            var badTime = mcp.callTool(request("knowledge_search", Map.of("text", "x", "as_of", "noon")));
            assertThat(json(badTime).path("error").asString()).isEqualTo("invalid_argument");
        }
    }

    @Test
    void malformedMcpRequestsAre400WithoutInternals(@TempDir Path dir) {
        try (TestServer t = TestServer.start(dir)) {
            for (String body : new String[] {"{bad", "{}", "[]", "x".repeat(100), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"}) {
                TestServer.Response r = t.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.server.url() + "/mcp"))
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
                assertThat(r.status()).as(body).isEqualTo(400);
                assertThat(r.body()).doesNotContain("stackTrace").doesNotContain("io.modelcontextprotocol");
            }
            assertThat(t.get("/v1/health").status()).isEqualTo(200);
        }
    }

    @Test
    void mcpNeedsTheApiKeyWhenOneIsSet(@TempDir Path dir) {
        try (TestServer t = new TestServer(dir, ServerOptions.defaults().withApiKey("k3y"))) {
            TestServer.Response refused = t.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.server.url() + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.error()).isEqualTo("unauthorized");
            try (McpSyncClient mcp = client(t, "k3y")) {
                mcp.initialize();
                assertThat(mcp.listTools().tools()).isNotEmpty();
            }
        }
    }
}
