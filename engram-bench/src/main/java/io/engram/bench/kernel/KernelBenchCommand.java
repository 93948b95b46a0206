package io.engram.bench.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code engram bench kernels}: runs the kernel JMH benchmarks and prints the scalar-vs-Vector-API
 * table that BENCHMARKS.md records (ns/op per dimension and the speed-up).
 */
public final class KernelBenchCommand {

    private KernelBenchCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean quick = false;
        String json = null;
        String filter = "";
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> quick = true;
                case "--json", "--filter" -> {
                    if (i + 1 >= args.size()) {
                        err.println("engram: " + args.get(i) + " needs a value");
                        return 2;
                    }
                    if (args.get(i).equals("--json")) {
                        json = args.get(++i);
                    } else {
                        filter = args.get(++i);
                    }
                }
                default -> {
                    err.println("engram: unknown option for bench kernels: " + args.get(i));
                    return 2;
                }
            }
        }
        String pattern = "io\\.engram\\.bench\\.kernel\\.(FloatKernelBenchmark|BitKernelBenchmark)\\..*" + filter + ".*";
        try {
            java.util.regex.Pattern.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            err.println("engram: --filter is not a valid regular expression: " + e.getDescription());
            return 2;
        }
        ChainedOptionsBuilder options = jmhOptions(pattern, quick, json);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            // JMH reports "no matching benchmarks" as a RunnerException without a message.
            String why = e.getMessage() != null ? e.getMessage()
                    : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : "no benchmark matches --filter '" + filter + "' (it is matched against method names such as dot or xorPopCount)";
            err.println("engram: benchmark run failed: " + why);
            return 1;
        }
        if (json != null && !redactLocalPaths(json, err)) {
            return 1;
        }
        out.println();
        out.print(table(results));
        return 0;
    }

    /** Markdown: one row per (benchmark, size), scalar and panama ns/op, and their ratio. */
    static String table(Collection<RunResult> results) {
        Map<String, Map<String, Double>> rows = new TreeMap<>();
        for (RunResult result : results) {
            var params = result.getParams();
            String size = params.getParam("dim") != null ? params.getParam("dim") + " d" : params.getParam("bits") + " bits";
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            // Zero-padded size so that rows sort numerically within a kernel.
            String key = String.format(Locale.ROOT, "%s|%06d|%s", name, Integer.parseInt(size.split(" ")[0]), size);
            rows.computeIfAbsent(key, k -> new TreeMap<>())
                    .put(params.getParam("impl"), result.getPrimaryResult().getScore());
        }
        List<String> lines = new ArrayList<>();
        lines.add("| kernel | size | scalar ns/op | Vector API ns/op | speed-up |");
        lines.add("|---|---|---|---|---|");
        for (var row : rows.entrySet()) {
            String[] key = row.getKey().split("\\|");
            Double scalar = row.getValue().get("scalar");
            Double panama = row.getValue().get("panama");
            String ratio = scalar != null && panama != null ? String.format(Locale.ROOT, "%.1f×", scalar / panama) : "—";
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", key[0], key[2], fmt(scalar), fmt(panama), ratio));
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static String fmt(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v);
    }

    /**
     * Rewrites JMH's JSON result so that it names no local path: JMH records the JVM's path and
     * its arguments, which carry the JDK's home and the repository's (results are committed).
     * Returns false, having said why on {@code err}, when the file cannot be rewritten.
     */
    public static boolean redactLocalPaths(String json, PrintStream err) {
        java.nio.file.Path file = java.nio.file.Path.of(json);
        try {
            String text = java.nio.file.Files.readString(file);
            // Only absolute paths below the root: a relative or root value would match unrelated text.
            for (String[] path : new String[][] {{System.getProperty("engram.home"), "<repository>"},
                    {System.getProperty("java.home"), "<jdk>"}}) {
                if (path[0] != null && path[0].length() > 1 && java.nio.file.Path.of(path[0]).isAbsolute()) {
                    text = text.replace(path[0], path[1]);
                }
            }
            java.nio.file.Files.writeString(file, text);
            return true;
        } catch (java.io.IOException e) {
            err.println("engram: cannot rewrite " + json + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * JMH options shared by the benchmark commands: the benchmarks matching {@code include},
     * failing on error, a short warm-up and measurement with {@code quick}, and JSON results
     * written to {@code json} when it is not null.
     */
    public static ChainedOptionsBuilder jmhOptions(String include, boolean quick, String json) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
        }
        if (json != null) {
            options.resultFormat(ResultFormatType.JSON).result(json);
        }
        return options;
    }
}
