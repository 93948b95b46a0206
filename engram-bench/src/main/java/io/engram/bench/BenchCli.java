package io.engram.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs a picocli bench command with the caller's streams: usage errors (unknown option, a value
 * out of range) print the message and the usage to {@code err} and return 2; {@code --help} prints
 * to {@code out} and returns 0.
 */
public final class BenchCli {
    private BenchCli() {}

    public static int run(Object command, String name, List<String> args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(command).setCommandName(name);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    /** A usage error naming the option and the value, for checks picocli cannot express. */
    public static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Checks {@code min ≤ value ≤ max} for option {@code name}. */
    public static void range(CommandLine.Model.CommandSpec spec, String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw usage(spec, name + " expects " + min + ".." + max + ", got " + value);
        }
    }
}
