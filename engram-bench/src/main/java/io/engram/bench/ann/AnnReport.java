package io.engram.bench.ann;

import io.engram.core.io.AtomicFiles;
import io.engram.core.kernel.KernelInfo;
import io.engram.core.kernel.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run as JSON, and the recall–QPS plot as SVG beside it ({@code x.json} → {@code x.svg}).
 * The JSON holds what spec check 13 asks of every benchmark output: seed, metric, parameters,
 * recall@k against exact results, p50/p95/p99, QPS and build time, plus the machine it ran on.
 */
public final class AnnReport {

    private AnnReport() {}

    /** Writes {@code json} and the SVG beside it; returns the SVG's path. */
    public static Path write(AnnResult result, Path json) throws IOException {
        Path parent = json.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.write(json, toJson(result).getBytes(StandardCharsets.UTF_8));
        Path svg = svgPath(json);
        AtomicFiles.write(svg, RecallQpsPlot.svg(result).getBytes(StandardCharsets.UTF_8));
        return svg;
    }

    static Path svgPath(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".svg");
    }

    public static String toJson(AnnResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "ann");
        root.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("seed", r.seed());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", r.dataset());
        dataset.put("metric", r.metric());
        dataset.put("train", r.trainSize());
        dataset.put("queries", r.querySize());
        dataset.put("dimension", r.dimension());
        root.put("dataset", dataset);
        root.put("metric", r.metric());
        root.put("k", r.k());
        root.put("groundTruth", "exact top-" + r.groundTruthDepth() + " by brute force");
        root.put("recall", "recall@" + r.k() + " = |found ∩ true top-" + r.k() + "| / " + r.k());
        root.put("buildThreads", r.buildThreads());
        root.put("queryThreads", 1);
        root.put("warmup", "untimed, per engine: one pass over the queries at the middle sweep value, repeated up to "
                + AnnBenchmark.WARMUP_SEARCHES + " searches");
        root.put("system", system());
        List<Object> engines = new ArrayList<>();
        for (AnnResult.EngineResult e : r.engines()) {
            Map<String, Object> engine = new LinkedHashMap<>();
            engine.put("name", e.engine());
            engine.put("params", e.params());
            engine.put("info", e.info());
            engine.put("buildSeconds", e.buildSeconds());
            engine.put("indexBytes", e.indexBytes());
            engine.put("sweep", e.sweepName().isEmpty() ? "none" : e.sweepName());
            List<Object> points = new ArrayList<>();
            for (AnnResult.Point p : e.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put(e.sweepName().isEmpty() ? "param" : e.sweepName(), p.param());
                point.put("recall", p.recall());
                point.put("qps", p.qps());
                point.put("meanMicros", p.meanMicros());
                point.put("p50Micros", p.p50Micros());
                point.put("p95Micros", p.p95Micros());
                point.put("p99Micros", p.p99Micros());
                points.add(point);
            }
            engine.put("points", points);
            Map<String, Object> atRecall = new LinkedHashMap<>();
            for (double t : AnnResult.RECALL_THRESHOLDS) {
                atRecall.put(String.format(Locale.ROOT, "%.2f", t), e.qpsAtRecall(t));
            }
            engine.put("qpsAtRecall", atRecall);
            engines.add(engine);
        }
        root.put("engines", engines);
        return Json.write(root);
    }

    public static Map<String, Object> system() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("java", Runtime.version().toString());
        s.put("vendor", System.getProperty("java.vendor"));
        s.put("vm", System.getProperty("java.vm.name"));
        // Paths name the machine, not the run: the launcher's -Dengram.home keeps only its key.
        s.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .map(arg -> arg.startsWith("-Dengram.home=") ? "-Dengram.home=<repository>" : arg)
                .toList());
        s.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        s.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        s.put("arch", System.getProperty("os.arch"));
        s.put("cpu", cpuModel());
        s.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        KernelInfo kernels = Kernels.info();
        s.put("engramKernels", kernels.implementation());
        s.put("floatSpecies", kernels.floatSpecies());
        s.put("cpuFlags", kernels.cpuFlags());
        s.put("vectorModule", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        return s;
    }

    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the architecture below still says something.
        }
        return System.getProperty("os.arch");
    }
}
