package io.engram.server.mcp;

import io.engram.engine.Engram;
import io.engram.server.http.Version;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.json.JsonMapper;

/** Builds the MCP server over a store for either transport. */
public final class McpEndpoints {
    public static final String PATH = "/mcp";
    static final String INSTRUCTIONS = "Engram is a memory: store beliefs with record_create (a collection named "
            + "'memory' is used unless you name one), retrieve them with knowledge_search, and call context_for_query "
            + "before answering to get cited, ranked context and the contradictions (tensions) among it.";

    private McpEndpoints() {}

    /** The streamable HTTP transport (a servlet to mount at {@link #PATH}) and the server on it. */
    public record Http(HttpServletStreamableServerTransportProvider servlet, McpSyncServer server) {}

    public static Http http(Engram engram, int maxRequestBytes) {
        McpJsonMapper mapper = mapper();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper).mcpEndpoint(PATH).maxRequestSize(maxRequestBytes).build();
        return new Http(transport, build(McpServer.sync(transport), engram, mapper));
    }

    /** A server speaking MCP over {@code in} and {@code out} (the process's stdin and stdout). */
    public static McpSyncServer stdio(Engram engram, InputStream in, OutputStream out) {
        McpJsonMapper mapper = mapper();
        return build(McpServer.sync(new StdioServerTransportProvider(mapper, in, out)), engram, mapper);
    }

    private static McpSyncServer build(McpServer.SyncSpecification<?> spec, Engram engram, McpJsonMapper mapper) {
        return spec.serverInfo("engram", Version.VERSION)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(new McpTools(engram).specifications(mapper))
                .build();
    }

    /**
     * The SDK's mapper, except that exceptions are written without their stack trace, cause and
     * suppressed list: the streamable HTTP transport answers a malformed request by serialising its
     * McpError into the body, which would otherwise show the server's internals to any client.
     */
    static McpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(JsonMapper.builder().addMixIn(Throwable.class, ThrowableWithoutInternals.class).build());
    }

    @JsonIgnoreProperties({"stackTrace", "cause", "suppressed", "localizedMessage"})
    private abstract static class ThrowableWithoutInternals {}
}
