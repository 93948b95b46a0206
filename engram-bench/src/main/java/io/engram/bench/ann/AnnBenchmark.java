package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ann-benchmarks style measurement: per engine, a timed build on {@code threads} threads, an
 * untimed warm-up (one pass over the queries, repeated up to {@value #WARMUP_SEARCHES} searches),
 * then for each sweep value one timed pass on a single query thread recording every query's
 * latency. Recall@k is computed after each pass, outside the timed region, against exact ground
 * truth.
 */
public final class AnnBenchmark {

    /**
     * @param k results per query
     * @param threads build threads
     * @param sweep ef values overriding the default sweep of every engine whose knob is ef, or null for defaults
     *     (engines without a knob always run their single point)
     * @param knobSweeps values per knob name (e.g. {@code probes}, {@code rerank}) for engines whose knob
     *     has that name; wins over {@code sweep}
     * @param seed reported seed (data generator and seeded engines)
     */
    public record Config(int k, int threads, int[] sweep, java.util.Map<String, int[]> knobSweeps, long seed) {

        public Config(int k, int threads, int[] sweep, long seed) {
            this(k, threads, sweep, java.util.Map.of(), seed);
        }

        public Config {
            InvalidArgumentException.check(k > 0, "k must be positive, got %d", k);
            InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
            if (sweep != null) {
                InvalidArgumentException.check(sweep.length > 0, "sweep is empty");
                for (int v : sweep) {
                    InvalidArgumentException.check(v > 0, "sweep values must be positive, got %d", v);
                }
                sweep = sweep.clone();
            }
            knobSweeps = java.util.Map.copyOf(knobSweeps);
        }

        /** The values to run for {@code engine}: its knob's own list, else {@code sweep} for ef engines, else its defaults. */
        int[] sweepFor(AnnEngine engine) {
            int[] own = knobSweeps.get(engine.sweepName());
            if (own != null) {
                return own.clone();
            }
            return sweep != null && engine.sweepName().equals("ef") ? sweep.clone() : engine.defaultSweep();
        }
    }

    /** Minimum number of untimed warm-up searches per engine (one full pass when there are more queries). */
    static final int WARMUP_SEARCHES = 2_000;

    private AnnBenchmark() {}

    public static AnnResult run(Dataset data, GroundTruth truth, List<AnnEngine> engines, Config config,
                                PrintStream progress) throws IOException {
        InvalidArgumentException.check(truth.queryCount() == data.queries().length,
                "ground truth covers %d queries, dataset has %d", truth.queryCount(), data.queries().length);
        InvalidArgumentException.check(config.k() <= truth.k(),
                "k = %d exceeds the ground-truth depth %d", config.k(), truth.k());
        List<AnnResult.EngineResult> results = new ArrayList<>();
        for (AnnEngine engine : engines) {
            results.add(runEngine(data, truth, engine, config, progress));
        }
        return new AnnResult(data.name(), data.metric().name().toLowerCase(Locale.ROOT), data.size(),
                data.queries().length, data.dimension(), config.k(), truth.k(), config.seed(), config.threads(),
                results);
    }

    static AnnResult.EngineResult runEngine(Dataset data, GroundTruth truth, AnnEngine engine, Config config,
                                            PrintStream progress) throws IOException {
        // A plain --sweep lists ef values; --sweep KNOB=... targets engines whose knob is KNOB.
        int[] sweep = config.sweepFor(engine);
        int threads = engine instanceof FixedThreadsEngine fixed ? fixed.threads() : config.threads();
        progress.printf(Locale.ROOT, "%s: building on %d thread(s)...%n", engine.name(), threads);
        System.gc();
        long start = System.nanoTime();
        try (AnnEngine.Index index = engine.build(data, threads)) {
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            progress.printf(Locale.ROOT, "%s: built in %.2f s, %s%n", engine.name(), buildSeconds,
                    AnnTable.bytes(index.indexBytes()));
            int k = config.k();
            float[][] queries = data.queries();
            long[][] found = new long[queries.length][k];
            int[] counts = new int[queries.length];
            // Warm-up, untimed: at least one pass over the queries at the middle sweep value, repeated
            // until WARMUP_SEARCHES searches so that small query sets still reach compiled code.
            int warmParam = sweep[sweep.length / 2];
            for (int done = 0; done < Math.max(queries.length, WARMUP_SEARCHES); done++) {
                int q = done % queries.length;
                index.search(queries[q], k, warmParam, found[q]);
            }
            List<AnnResult.Point> points = new ArrayList<>();
            long[] latencies = new long[queries.length];
            for (int param : sweep) {
                long passStart = System.nanoTime();
                for (int q = 0; q < queries.length; q++) {
                    long t0 = System.nanoTime();
                    counts[q] = index.search(queries[q], k, param, found[q]);
                    latencies[q] = System.nanoTime() - t0;
                }
                long passNanos = System.nanoTime() - passStart;
                double recall = 0;
                for (int q = 0; q < queries.length; q++) {
                    recall += Recall.at(found[q], counts[q], truth.ids()[q], k);
                }
                AnnResult.Point point = point(param, recall / queries.length, queries.length, passNanos, latencies);
                points.add(point);
                progress.printf(Locale.ROOT, "%s: %s%s recall@%d %.4f, %.0f QPS, p50 %.0f µs, p99 %.0f µs%n",
                        engine.name(), engine.sweepName().isEmpty() ? "exact" : engine.sweepName() + " ",
                        engine.sweepName().isEmpty() ? "" : Integer.toString(param), k, point.recall(), point.qps(),
                        point.p50Micros(), point.p99Micros());
            }
            Map<String, Object> info = new LinkedHashMap<>(index.info());
            return new AnnResult.EngineResult(engine.name(), engine.params(), info, engine.sweepName(), buildSeconds,
                    index.indexBytes(), points);
        }
    }

    static AnnResult.Point point(int param, double recall, int queries, long passNanos, long[] latencies) {
        long[] sorted = Arrays.copyOf(latencies, queries);
        Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        double qps = queries / (Math.max(passNanos, 1) / 1e9);
        return new AnnResult.Point(param, recall, qps, sum / 1e3 / queries, percentile(sorted, 0.50) / 1e3,
                percentile(sorted, 0.95) / 1e3, percentile(sorted, 0.99) / 1e3);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
