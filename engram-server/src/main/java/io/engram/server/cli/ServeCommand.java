package io.engram.server.cli;

import io.engram.engine.Engram;
import io.engram.server.EngramServer;
import io.engram.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram serve}: opens (or creates) the store, starts the HTTP API and the console, and runs
 * until Ctrl-C or SIGTERM, when it stops the server and then closes the store.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP API (/v1), its OpenAPI document (/v1/openapi.json), metrics (/v1/metrics) "
                + "and the web console (/) over an embedded store.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "store directory, created on first run (default: ${DEFAULT-VALUE})")
    Path data = Path.of("engram-data");

    @Option(names = "--host", paramLabel = "HOST", description = "interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host = ServerOptions.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port = ServerOptions.DEFAULT_PORT;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "require this key on every route but GET /v1/health and the console page "
                    + "(default: the environment variable ENGRAM_API_KEY, else none)")
    String apiKey;

    @Option(names = "--max-body", paramLabel = "SIZE",
            description = "largest request body, in bytes or with a KB/MB/GB suffix (default: 16MB)")
    String maxBody = "16MB";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String key = apiKey != null ? apiKey : System.getenv("ENGRAM_API_KEY");
        if (key != null && key.isBlank()) {
            key = null;
        }
        ServerOptions options;
        try {
            options = new ServerOptions(host, port, key, parseSize(maxBody));
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Files.createDirectories(data);
        Engram engram = Engram.open(data, EmbedderSwitch.options());
        EngramServer server;
        try {
            server = EngramServer.start(engram, options);
        } catch (RuntimeException e) {
            engram.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engram.close();
        }, "engram-shutdown"));
        out.println("engram: store " + data.toAbsolutePath().normalize());
        out.println("engram: listening on " + server.url() + "  (API " + server.url() + "/v1, MCP " + server.url()
                + "/mcp, console " + server.url() + "/)");
        out.println("engram: " + (options.apiKey() != null ? "API key required" : "no API key (local use)")
                + "; press Ctrl-C to stop");
        out.flush();
        server.awaitStop();
        return 0;
    }

    /** Bytes from "16MB", "512KB", "1GB" or a plain number. */
    static long parseSize(String text) {
        String s = text.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"},
                {"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"G", "1073741824"}, {"M", "1048576"},
                {"K", "1024"}, {"B", "1"}}) {
            if (s.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                s = s.substring(0, s.length() - suffix[0].length()).strip();
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new io.engram.core.InvalidArgumentException("expected a size such as 16MB or 1048576, got '" + text + "'");
        }
    }
}
