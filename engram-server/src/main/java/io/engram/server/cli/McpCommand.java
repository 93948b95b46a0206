package io.engram.server.cli;

import io.engram.engine.Engram;
import io.engram.server.mcp.McpEndpoints;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram mcp}: MCP over stdio for an assistant that starts Engram as a subprocess. Stdout
 * carries the protocol only; messages go to stderr. Ends when stdin closes (the client went away)
 * or on SIGTERM, closing the store either way.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve the Model Context Protocol over stdin/stdout (tools: record_create, knowledge_search, "
                + "context_for_query, tension_list, ...) over an embedded store. For MCP over HTTP use 'serve' (/mcp).")
public final class McpCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "store directory, created on first run (default: ${DEFAULT-VALUE})")
    Path data = Path.of("engram-data");

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        Files.createDirectories(data);
        Engram engram = Engram.open(data, EmbedderSwitch.options());
        CountDownLatch inputClosed = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    inputClosed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    inputClosed.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = McpEndpoints.stdio(engram, in, System.out);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    server.closeGracefully();
                } finally {
                    engram.close();
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "engram-mcp-shutdown"));
        log.println("engram: MCP on stdio, store " + data.toAbsolutePath().normalize() + "; ends when stdin closes");
        inputClosed.await();
        close.run();
        return 0;
    }
}
