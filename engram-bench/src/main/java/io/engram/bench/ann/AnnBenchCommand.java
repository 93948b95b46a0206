package io.engram.bench.ann;

import io.engram.core.EngramException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code engram bench ann}: recall–QPS curves of ANN engines on one dataset, ann-benchmarks style.
 * Prints progress and a table; with {@code --out} also writes JSON and an SVG plot.
 */
public final class AnnBenchCommand {

    static final String USAGE = """
            engram bench ann --dataset NAME [options]
              --dataset NAME        fashion-mnist | debian-minilm[:N] | gaussian:NxD[:seed]   (required)
                                    (debian-minilm: MiniLM text embeddings, 384 d cosine, N train
                                    1000..100000, default 100000; needs apt-cache and a package index)
              --engines A,B,...     default engram-hnsw,lucene-hnsw,jvector; known: %s
                                    (NAME@N builds that engine on N threads, e.g. lucene-hnsw@1)
              --k N                 results per query, recall@k (default 10, at most 100)
              --threads N           build threads (default: all %d cores); queries always run on one thread
              --queries N           use only the first N queries
              --sweep A,B,...       ef values for ef engines (default 10,20,40,80,160,320; lucene-bbq adds 640)
              --sweep KNOB=A,B,...  values for engines whose knob is KNOB, e.g. probes=1,2,4 or rerank=5,20
                                    (repeatable, one per knob)
              --ef-construction N   construction beam for every graph engine (default 100)
              --m N                 graph degree M for every graph engine (default 16)
              --metric NAME         override the dataset's metric: l2, cosine, ip
              --out FILE.json       write the JSON report and FILE.svg beside it
              --cache DIR           dataset and ground-truth cache (default <engram home>/.cache)
            """;

    private static final Pattern POSITIVE = Pattern.compile("[1-9]\\d{0,8}");

    private AnnBenchCommand() {}

    /** Parsed options. */
    record Options(String dataset, List<String> engines, int k, int threads, Integer queries, int[] sweep,
                   java.util.Map<String, int[]> knobSweeps,
                   EngineOptions engineOptions, Metric metric, Path out, Path cache) {}

    /** Thrown for bad command-line input; the message names the option and the value. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("engram: bench ann: " + e.getMessage());
            err.printf(USAGE, String.join(", ", AnnEngines.names()), Runtime.getRuntime().availableProcessors());
            return 2;
        }
        try {
            return run(options, out, err);
        } catch (IOException | UncheckedIOException | EngramException e) {
            err.println("engram: bench ann failed: " + e.getMessage());
            return 1;
        }
    }

    static int run(Options o, PrintStream out, PrintStream err) throws IOException {
        List<AnnEngine> engines = new ArrayList<>();
        for (String name : o.engines()) {
            engines.add(AnnEngines.create(name, o.engineOptions()));
        }
        err.println("engram: loading " + o.dataset() + "...");
        Dataset data = Datasets.load(o.dataset(), o.cache());
        if (o.metric() != null) {
            data = data.withMetric(o.metric());
        }
        if (o.queries() != null) {
            data = data.limitQueries(o.queries());
        }
        if (o.k() > Math.min(GroundTruth.DEFAULT_K, data.size())) {
            err.printf("engram: bench ann: --k %d exceeds min(100, %d train vectors)%n", o.k(), data.size());
            return 2;
        }
        err.printf(Locale.ROOT, "engram: %s: %d train × %d d, %d queries, %s; exact top-%d ground truth...%n",
                data.name(), data.size(), data.dimension(), data.queries().length,
                data.metric().name().toLowerCase(Locale.ROOT), GroundTruth.DEFAULT_K);
        long t0 = System.nanoTime();
        GroundTruth truth = GroundTruth.cached(data, GroundTruth.DEFAULT_K, o.threads(), o.cache());
        err.printf(Locale.ROOT, "engram: ground truth ready in %.1f s (cache %s)%n", (System.nanoTime() - t0) / 1e9,
                o.cache().resolve("groundtruth"));
        long seed = seedOf(o.dataset());
        AnnResult result = AnnBenchmark.run(data, truth, engines,
                new AnnBenchmark.Config(o.k(), o.threads(), o.sweep(), o.knobSweeps(), seed), err);
        out.println();
        out.print(AnnTable.format(result));
        if (o.out() != null) {
            Path svg = AnnReport.write(result, o.out());
            out.println();
            out.println("wrote " + o.out() + " and " + svg);
        }
        return 0;
    }

    static long seedOf(String dataset) {
        Matcher m = Pattern.compile("gaussian:\\d+x\\d+:(-?\\d+)").matcher(dataset);
        return m.matches() ? Long.parseLong(m.group(1)) : Datasets.DEFAULT_SEED;
    }

    static Options parse(List<String> args) throws UsageException {
        String dataset = null;
        List<String> engines = List.of(AnnEngines.ENGRAM_HNSW, LuceneHnswEngine.NAME, JVectorEngine.NAME);
        int k = 10;
        int threads = Runtime.getRuntime().availableProcessors();
        Integer queries = null;
        int[] sweep = null;
        java.util.Map<String, int[]> knobSweeps = new java.util.LinkedHashMap<>();
        int m = EngineOptions.DEFAULTS.m();
        int efConstruction = EngineOptions.DEFAULTS.efConstruction();
        Metric metric = null;
        Path out = null;
        Path cache = defaultCache();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.startsWith("--")) {
                throw new UsageException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--dataset" -> dataset = value;
                case "--engines" -> engines = engines(value);
                case "--k" -> k = positive(option, value);
                case "--threads" -> threads = positive(option, value);
                case "--queries" -> queries = positive(option, value);
                case "--sweep" -> {
                    Matcher knob = Pattern.compile("([a-z]+)=(.*)").matcher(value);
                    if (!knob.matches()) {
                        sweep = sweep(value);
                    } else if (knob.group(1).equals("ef")) {
                        sweep = sweep(knob.group(2));
                    } else if (knobSweeps.put(knob.group(1), sweep(knob.group(2))) != null) {
                        throw new UsageException("--sweep " + knob.group(1) + "= given twice");
                    }
                }
                case "--ef-construction" -> efConstruction = positive(option, value);
                case "--m" -> m = positive(option, value);
                case "--metric" -> metric = metric(value);
                case "--out" -> out = Path.of(value);
                case "--cache" -> cache = Path.of(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (dataset == null) {
            throw new UsageException("--dataset is required");
        }
        if (!Datasets.isKnown(dataset)) {
            throw new UsageException("--dataset '" + dataset + "' is not " + Datasets.FORMS);
        }
        if (k > GroundTruth.DEFAULT_K) {
            throw new UsageException("--k " + k + " exceeds the ground-truth depth " + GroundTruth.DEFAULT_K);
        }
        if (m > 512) {
            throw new UsageException("--m " + m + " exceeds 512 (Lucene's maximum)");
        }
        if (efConstruction > 3200) {
            throw new UsageException("--ef-construction " + efConstruction + " exceeds 3200 (Lucene's maximum)");
        }
        if (out != null && !out.getFileName().toString().endsWith(".json")) {
            throw new UsageException("--out must name a .json file, got " + out);
        }
        return new Options(dataset, engines, k, threads, queries, sweep, knobSweeps, new EngineOptions(m, efConstruction),
                metric, out, cache);
    }

    public static Path defaultCache() {
        String home = System.getProperty("engram.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).resolve(".cache");
    }

    private static int positive(String option, String value) throws UsageException {
        if (!POSITIVE.matcher(value).matches()) {
            throw new UsageException(option + " needs a positive integer, got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static List<String> engines(String value) throws UsageException {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : value.split(",", -1)) {
            String n = name.strip();
            String base;
            try {
                base = AnnEngines.baseName(n);
            } catch (InvalidArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (!AnnEngines.names().contains(base)) {
                throw new UsageException("unknown engine '" + base + "' in --engines; known: " + String.join(", ", AnnEngines.names()));
            }
            if (!names.add(n)) {
                throw new UsageException("engine '" + n + "' appears twice in --engines");
            }
        }
        return List.copyOf(names);
    }

    private static int[] sweep(String value) throws UsageException {
        String[] parts = value.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = positive("--sweep", parts[i].strip());
        }
        if (Arrays.stream(out).distinct().count() != out.length) {
            throw new UsageException("--sweep repeats a value: " + value);
        }
        return out;
    }

    private static Metric metric(String value) throws UsageException {
        Metric metric;
        try {
            metric = Metric.parse(value);
        } catch (EngramException e) {
            throw new UsageException("--metric: " + e.getMessage());
        }
        if (metric == Metric.HAMMING) {
            throw new UsageException("--metric hamming is not supported for float datasets; use l2, cosine or ip");
        }
        return metric;
    }
}
