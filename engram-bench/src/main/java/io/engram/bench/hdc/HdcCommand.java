package io.engram.bench.hdc;

import io.engram.bench.kernel.KernelBenchCommand;
import io.engram.core.EngramException;
import io.engram.core.io.BoundedLineReader;
import io.engram.hdc.detect.DetectDemo;
import io.engram.hdc.detect.StreamDetector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * The hypervector commands: {@code detect demo [--json | --events]}, {@code detect stream [--warmup N] [FILE]}
 * and {@code bench hdc [--quick] [--json FILE]}. Kept out of {@code EngramMain} so that the main
 * class only dispatches.
 */
public final class HdcCommand {
    static final int DEFAULT_STREAM_WARMUP = 500;
    /** The longest NDJSON line `detect stream` reads (16 Mi chars, the server's default body limit); longer lines get an error verdict. */
    static final int MAX_LINE_CHARS = 16 << 20;

    private HdcCommand() {}

    /** {@code engram detect ...}; returns the exit code. */
    public static int detect(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            return usage(err, "detect needs a subcommand: demo or stream");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "demo" -> demo(rest, out, err);
            case "stream" -> stream(rest, in, out, err);
            default -> usage(err, "unknown detect subcommand '" + args.getFirst() + "', expected demo or stream");
        };
    }

    static int demo(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        boolean events = false;
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--events")) {
                events = true;
            } else {
                return usage(err, "detect demo accepts --json or --events, got '" + a + "'");
            }
        }
        if (events) {
            PrintStream buffered = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
            DetectDemo.writeEvents(buffered);
            buffered.flush();
            return 0;
        }
        DetectDemo.Report report = DetectDemo.run();
        if (json) {
            out.println(DetectDemo.toJson(report));
        } else {
            DetectDemo.print(report, out);
        }
        return 0;
    }

    static int stream(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        int warmup = DEFAULT_STREAM_WARMUP;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--warmup")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--warmup needs a number of events");
                }
                try {
                    warmup = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    return usage(err, "--warmup needs a whole number, got '" + args.get(i) + "'");
                }
            } else if (a.startsWith("--")) {
                return usage(err, "unknown option for detect stream: " + a);
            } else if (file == null) {
                file = a;
            } else {
                return usage(err, "detect stream reads one file, got '" + file + "' and '" + a + "'");
            }
        }
        StreamDetector detector;
        try {
            detector = new StreamDetector(warmup);
        } catch (EngramException e) {
            return usage(err, e.getMessage());
        }
        // Verdicts are written in blocks and flushed whenever no more input is waiting, so a file
        // is not written a line per system call and an interactive stream still answers at once.
        PrintStream verdicts = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
        // Bad bytes become U+FFFD in a file as on standard input: one bad line must not end the stream.
        try (BoundedLineReader reader = new BoundedLineReader(
                new InputStreamReader(file == null ? in : Files.newInputStream(Path.of(file)), StandardCharsets.UTF_8),
                MAX_LINE_CHARS)) {
            while (true) {
                String line;
                try {
                    line = reader.readLine();
                } catch (BoundedLineReader.LineTooLongException e) {
                    verdicts.println(StreamDetector.errorJson(e.lineNumber(), e.getMessage()));
                    line = "";
                }
                if (line == null) {
                    break;
                }
                if (!line.isBlank()) {
                    try {
                        verdicts.println(detector.processJson(line).toJson());
                    } catch (EngramException e) {
                        // One verdict per line: a bad line gets an error verdict and the stream goes on.
                        verdicts.println(StreamDetector.errorJson(reader.lineNumber(), e.getMessage()));
                    }
                }
                if (!reader.ready()) {
                    verdicts.flush();
                    // `out` is itself a PrintStream (standard output), which keeps its errors to itself.
                    if (verdicts.checkError() || out.checkError()) {
                        return 0; // the reader of the verdicts has gone (a closed pipe): nothing left to do
                    }
                }
            }
                } catch (NoSuchFileException e) {
            err.println("engram: no such file: " + file);
            return 1;
        } catch (AccessDeniedException e) {
            err.println("engram: permission denied: " + file);
            return 1;
        } catch (IOException e) {
            err.println("engram: cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage());
            return 1;
        } finally {
            verdicts.flush();
        }
        return 0;
    }

    /** {@code engram bench hdc [--quick] [--json FILE]}. */
    public static int bench(List<String> args, PrintStream out, PrintStream err) {
        boolean quick = false;
        String json = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> quick = true;
                case "--json" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, "--json needs a file");
                    }
                    json = args.get(++i);
                }
                default -> {
                    return usage(err, "unknown option for bench hdc: " + args.get(i));
                }
            }
        }
        ChainedOptionsBuilder options = KernelBenchCommand.jmhOptions(
                "io\\.engram\\.bench\\.hdc\\.(HdcBenchmark|DetectDemoBenchmark)\\..*", quick, json);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            err.println("engram: benchmark run failed: " + e.getMessage());
            return 1;
        }
        if (json != null && !KernelBenchCommand.redactLocalPaths(json, err)) {
            return 1;
        }
        out.println();
        out.print(table(results));
        // What `detect demo` reports: the first run in a fresh JVM, JIT warm-up and all.
        DetectDemo.Report report = DetectDemo.run();
        out.printf(Locale.ROOT, "%nfull detect demo, first run in this JVM: %d packets in %.3f s = %.0f packets/s (one thread, cold atom cache)%n",
                report.totalPackets(), report.nanos() / 1e9, report.packetsPerSecond());
        return 0;
    }

    static String table(Collection<RunResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| operation (d = 4096) | time/op | packets/s |");
        lines.add("|---|---|---|");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            String unit = r.getPrimaryResult().getScoreUnit();
            String rate = "";
            if (name.contains("DetectDemoBenchmark") && unit.equals("ms/op")) {
                rate = String.format(Locale.ROOT, "%.0f", DetectDemoBenchmark.PACKETS * 1000 / score);
            }
            lines.add(String.format(Locale.ROOT, "| %s | %.1f %s | %s |", name.substring(name.lastIndexOf('.') + 1),
                    score, unit, rate));
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("engram: " + problem + " (run 'engram help')");
        return 2;
    }
}
