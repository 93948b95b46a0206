package io.engram.server.cli;

import io.engram.server.http.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The picocli root of the server commands ({@code engram serve}, {@code engram mcp}) and of the
 * operational ones over an embedded store ({@code import}, {@code search}, {@code context},
 * {@code stats}); the launcher hands these commands here and keeps its own (kernels, bench, detect).
 */
@Command(name = "engram", mixinStandardHelpOptions = true, versionProvider = EngramCommand.VersionProvider.class,
        description = "Engram — an embeddable memory engine for the JVM.",
        subcommands = {ServeCommand.class, McpCommand.class, ImportCommand.class, SearchCommand.class, ContextCommand.class,
                StatsCommand.class, CommandLine.HelpCommand.class})
public final class EngramCommand implements Runnable {
    /** Exit codes: 0 ok, 1 failure at run time, 2 usage error (picocli's default). */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code args} (e.g. {@code serve --port 9000}); returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EngramCommand());
        cli.setOut(out);
        cli.setErr(err);
        // Usage errors: one line naming the problem and where the help is, instead of the whole usage text.
        cli.setParameterExceptionHandler((e, ignoredArgs) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter w = failed.getErr();
            w.println("engram: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            w.println("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            w.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage();
            PrintWriter w = commandLine.getErr();
            w.println("engram: " + (message == null || message.isBlank() ? e.toString() : message));
            if (!expected(e)) {
                e.printStackTrace(w);   // a bug, not a refusal: keep what is needed to find it
            }
            w.flush();
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /** Failures the commands report in their one line: refusals of the engine, the wire format, the file system. */
    static boolean expected(Exception e) {
        return e instanceof CommandFailure || e instanceof io.engram.core.EngramException
                || e instanceof io.engram.server.http.ApiException || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException;
    }

    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(code);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"engram " + Version.VERSION};
        }
    }
}
