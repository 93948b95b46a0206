package io.engram.bench.serve;

import io.engram.bench.ann.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test's external client: wrk, the C HTTP benchmarking tool from Debian, closed-loop
 * over keep-alive connections on its own event loop, so it takes less of the shared cores than a
 * Java client. wrk comes from the PATH, or is fetched once with {@code apt-get download} (with the
 * LuaJIT library it needs) into the cache. A Lua script cycles through the query bodies.
 */
final class WrkLoad {
    /** Debian packages of wrk and its one non-base library. */
    static final List<String> PACKAGES = List.of("wrk", "libluajit-5.1-2", "libluajit-5.1-common");

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ");
    private static final Pattern LATENCY_LINE = Pattern.compile("Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** What one wrk run reported. */
    record Result(double requestsPerSecond, long requests, double p50Ms, double p99Ms, double maxMs, long errors) {}

    private final Path executable;
    private final Path libraries;

    private WrkLoad(Path executable, Path libraries) {
        this.executable = executable;
        this.libraries = libraries;
    }

    /** wrk from the PATH, else from {@code <cache>/tools/wrk}, fetching it there first when missing. */
    static WrkLoad locate(Path cache) throws IOException {
        String path = System.getenv("PATH");
        Path installed = Datasets.findOnPath("wrk", path);
        if (installed != null) {
            return new WrkLoad(installed, null);
        }
        Path root = cache.resolve("tools").resolve("wrk");
        Path executable = root.resolve("usr/bin/wrk");
        if (!Files.isExecutable(executable)) {
            Datasets.fetchDebianPackages(root, path, PACKAGES, "wrk");
        }
        if (!Files.isExecutable(executable)) {
            throw new IOException("wrk was fetched into " + root + " but " + executable + " is not there");
        }
        return new WrkLoad(executable, root.resolve("usr/lib/x86_64-linux-gnu"));
    }

    /** The Lua script that posts the bodies of {@code bodies} (one JSON per line) in turn to {@code path}. */
    static String script(Path bodies, String path) {
        return """
                local bodies = {}
                for line in io.lines("%s") do bodies[#bodies + 1] = line end
                local next = 0
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                request = function()
                  next = next %% #bodies + 1
                  return wrk.format(nil, "%s", nil, bodies[next])
                end
                """.formatted(bodies.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""), path);
    }

    /** Runs wrk for {@code seconds} with {@code connections} connections on one thread. */
    Result run(String url, Path script, int connections, int seconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-t1", "-c" + connections,
                "-d" + seconds + "s", "--latency", "--timeout", "10s", "-s", script.toString(), url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (libraries != null) {
            String existing = System.getenv("LD_LIBRARY_PATH");
            builder.environment().put("LD_LIBRARY_PATH", libraries + (existing == null ? "" : ":" + existing));
        }
        Process process = builder.start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("wrk did not finish within " + (seconds + 60) + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while wrk ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("wrk failed with exit code " + process.exitValue() + ":\n" + output);
        }
        return parse(output);
    }

    /** Reads wrk's text report. */
    static Result parse(String output) throws IOException {
        Matcher rps = REQUESTS_PER_SECOND.matcher(output);
        Matcher total = TOTAL.matcher(output);
        Matcher latency = LATENCY_LINE.matcher(output);
        if (!rps.find() || !total.find() || !latency.find()) {
            throw new IOException("could not read wrk's report:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double ms = millis(percentile.group(2));
            switch (percentile.group(1)) {
                case "50" -> p50 = ms;
                case "99" -> p99 = ms;
                default -> { }
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), Long.parseLong(total.group(1)), p50, p99,
                millis(latency.group(3)), errors);
    }

    /** wrk's durations: {@code 635.00us}, {@code 2.83ms}, {@code 1.02s}, {@code 1.00m}. */
    static double millis(String value) throws IOException {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("us")) {
                return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000;
            }
            if (v.endsWith("ms")) {
                return Double.parseDouble(v.substring(0, v.length() - 2));
            }
            if (v.endsWith("s")) {
                return Double.parseDouble(v.substring(0, v.length() - 1)) * 1000;
            }
            if (v.endsWith("m")) {
                return Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000;
            }
        } catch (NumberFormatException e) {
            throw new IOException("unexpected duration in wrk's report: " + value, e);
        }
        throw new IOException("unexpected duration in wrk's report: " + value);
    }
}
