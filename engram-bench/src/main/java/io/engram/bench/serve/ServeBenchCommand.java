package io.engram.bench.serve;

import io.engram.bench.TempDirectory;
import io.engram.bench.ann.AnnReport;
import io.engram.core.Metric;
import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.record.NewRecord;
import io.engram.server.EngramServer;
import io.engram.server.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code engram bench serve}: the server under load (issue #9). Builds a collection (HNSW) from a
 * dataset — by default synthetic clustered 384-d unit vectors, or any bench-ann dataset such as
 * {@code debian-minilm} (MiniLM embeddings of real text) — starts the HTTP server in process, and
 * drives {@code POST /v1/collections/bench/search} with k = 10 vector queries from closed-loop
 * client connections in the same JVM (so client and server share the cores), after a warm-up.
 * Reports requests per second, latency percentiles (HdrHistogram), errors, the recall@10 of the
 * same searches against brute force, and the in-process time of one search for scale. Replies are
 * full (hits with their records) or, with {@code --reply ids}, ids and scores only.
 */
public final class ServeBenchCommand {
    static final String CLUSTERED = "clustered";
    private static final int DIM = 384;
    private static final int RECALL_QUERIES = 200;

    private ServeBenchCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return io.engram.bench.BenchCli.run(new Options(out, err), "engram bench serve", args, out, err);
    }

    @picocli.CommandLine.Command(mixinStandardHelpOptions = true,
            description = "HTTP search load on an HNSW collection: requests/s and latency percentiles.")
    static final class Options implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Option(names = "--records", description = "vectors in the collection (1000..10000000, default ${DEFAULT-VALUE})")
        int records = 100_000;

        @picocli.CommandLine.Option(names = "--seconds", description = "measured seconds (1..3600, default ${DEFAULT-VALUE})")
        int seconds = 60;

        @picocli.CommandLine.Option(names = "--warmup", description = "warm-up seconds (0..600, default ${DEFAULT-VALUE})")
        int warmup = 10;

        @picocli.CommandLine.Option(names = "--connections", description = "closed-loop connections (1..1024, default ${DEFAULT-VALUE})")
        int connections = 8;

        @picocli.CommandLine.Option(names = "--ef", description = "HNSW ef per request (0 = the collection's default, up to 10000)")
        int ef = 0;

        @picocli.CommandLine.Option(names = "--dataset", description = "clustered (synthetic, the default) or a dataset of"
                + " bench ann: debian-minilm[:N], gaussian:NxD, fashion-mnist; at most --records of its vectors are loaded")
        String dataset = CLUSTERED;

        @picocli.CommandLine.Option(names = "--reply", description = "full (hits with their records, the default) or ids"
                + " (include_records false: ids and scores)")
        String reply = "full";

        @picocli.CommandLine.Option(names = "--client", description = "builtin (a minimal Java client in this JVM, the"
                + " default) or wrk (Debian's wrk on one thread; from the PATH or fetched into the cache)")
        String client = "builtin";

        @picocli.CommandLine.Option(names = "--cache", description = "dataset cache (default <engram home>/.cache)")
        java.nio.file.Path cache;

        @picocli.CommandLine.Option(names = "--json", description = "print one JSON line instead of text")
        boolean json;

        private final PrintStream out;
        private final PrintStream err;

        Options(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() throws Exception {
            io.engram.bench.BenchCli.range(spec, "--records", records, 1000, 10_000_000);
            io.engram.bench.BenchCli.range(spec, "--seconds", seconds, 1, 3600);
            io.engram.bench.BenchCli.range(spec, "--warmup", warmup, 0, 600);
            io.engram.bench.BenchCli.range(spec, "--connections", connections, 1, 1024);
            io.engram.bench.BenchCli.range(spec, "--ef", ef, 0, 10_000);
            if (!reply.equals("full") && !reply.equals("ids")) {
                throw io.engram.bench.BenchCli.usage(spec, "--reply must be full or ids, got '" + reply + "'");
            }
            if (!client.equals("builtin") && !client.equals("wrk")) {
                throw io.engram.bench.BenchCli.usage(spec, "--client must be builtin or wrk, got '" + client + "'");
            }
            java.nio.file.Path cacheDir = cache != null ? cache : io.engram.bench.ann.AnnBenchCommand.defaultCache();
            WrkLoad wrk = client.equals("wrk") ? WrkLoad.locate(cacheDir) : null;
            Data data = Data.load(dataset, records, cacheDir);
            return measure(data, seconds, warmup, connections, ef, reply.equals("ids"), wrk, json, out, err);
        }
    }

    private static int measure(Data data, int seconds, int warmup, int connections, int ef, boolean idsOnly,
            WrkLoad wrk, boolean json, PrintStream out, PrintStream err) throws Exception {
        // Resources close in reverse order: the store before its directory is deleted.
        try (TempDirectory dir = TempDirectory.create("engram-bench-serve");
                Engram engram = Engram.open(dir.path(), EngramOptions.defaults().withSyncWrites(false))) {
            long buildStart = System.nanoTime();
            Collection c = engram.createCollection(CollectionSpec.vectors("bench", data.dimension(), data.metric()));
            List<NewRecord> batch = new ArrayList<>(1000);
            for (int n = 0; n < data.base().length; n++) {
                batch.add(NewRecord.vector(data.base()[n]).withId("v" + n));
                if (batch.size() == 1000 || n == data.base().length - 1) {
                    c.addAll(batch);
                    batch.clear();
                }
            }
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            List<byte[]> bodies = new ArrayList<>();
            List<float[]> queries = List.of(data.queries());
            for (float[] v : queries) {
                StringBuilder sb = new StringBuilder("{\"mode\":\"vector\",\"k\":10");
                if (ef > 0) {
                    sb.append(",\"ef\":").append(ef);
                }
                if (idsOnly) {
                    sb.append(",\"include_records\":false");
                }
                sb.append(",\"vector\":[");
                for (int i = 0; i < v.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(v[i]);
                }
                bodies.add(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            }
            double recall = recallAt10(c, data, ef);
            double directMicros = direct(c, queries, ef, Math.max(1, Math.min(warmup, 5)));
            try (EngramServer server = EngramServer.start(engram, ServerOptions.defaults().withPort(0))) {
                Load r = wrk != null ? wrkLoad(wrk, server.port(), bodies, connections, warmup, seconds)
                        : drive(server.port(), bodies, connections, warmup, seconds);
                String cpu = AnnReport.cpuModel();
                int cores = Runtime.getRuntime().availableProcessors();
                String clientName = wrk != null ? "wrk" : "builtin";
                if (json) {
                    out.printf(Locale.ROOT, "{\"benchmark\":\"serve\",\"dataset\":\"%s\",\"records\":%d,\"dimension\":%d,"
                            + "\"reply\":\"%s\",\"client\":\"%s\",\"connections\":%d,\"seconds\":%d,"
                            + "\"ef\":%d,\"cpu\":\"%s\",\"cores\":%d,\"jdk\":\"%s\",\"requests_per_s\":%.0f,"
                            + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%s,\"max_ms\":%.3f,\"errors\":%d,"
                            + "\"recall_at_10\":%.4f,\"in_process_search_us\":%.1f}%n",
                            data.name(), data.base().length, data.dimension(), idsOnly ? "ids" : "full", clientName,
                            connections, seconds, ef, cpu.replace("\"", "'"), cores, Runtime.version(), r.requestsPerSecond(),
                            r.p50Ms(), r.p99Ms(), Double.isNaN(r.p999Ms()) ? "null" : String.format(Locale.ROOT, "%.3f", r.p999Ms()),
                            r.maxMs(), r.errors(), recall, directMicros);
                } else {
                    out.printf(Locale.ROOT, "search over HTTP on %s: %d × %d HNSW (%s, k = 10, ef %s, %s replies), %s, %d cores,"
                            + " JDK %s%n", data.name(), data.base().length, data.dimension(),
                            data.metric().name().toLowerCase(Locale.ROOT), ef == 0 ? "default" : ef,
                            idsOnly ? "ids-only" : "full", cpu, cores, Runtime.version());
                    out.printf(Locale.ROOT, "build %.1f s; %d closed-loop connections (%s), %d s warm-up, %d s measured%n",
                            buildSeconds, connections, wrk != null ? "wrk, one thread" : "in the same JVM", warmup, seconds);
                    out.printf(Locale.ROOT, "  %.0f requests/s, p50 %.3f ms, p99 %.3f ms, p99.9 %s, max %.3f ms, %d errors%n",
                            r.requestsPerSecond(), r.p50Ms(), r.p99Ms(),
                            Double.isNaN(r.p999Ms()) ? "n/a" : String.format(Locale.ROOT, "%.3f ms", r.p999Ms()),
                            r.maxMs(), r.errors());
                    out.printf(Locale.ROOT, "  recall@10 of these searches (in process, against exact): %.4f%n", recall);
                    out.printf(Locale.ROOT, "  for scale: the same searches in process, one thread, no HTTP: %.1f µs each%n",
                            directMicros);
                }
                return r.errors() == 0 ? 0 : 1;
            }
        }
    }

    /**
     * The mean time of one search through {@link Collection#search} on one thread, without HTTP,
     * over {@code seconds} after an equal warm-up: how much of a request the engine itself takes.
     */
    private static double direct(Collection c, List<float[]> queries, int ef, int seconds) {
        long searches = 0;
        long sink = 0;
        for (int phase = 0; phase < 2; phase++) {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            searches = 0;
            long now = start;
            for (int i = 0; now < end; i++) {
                SearchRequest request = SearchRequest.vector(queries.get(i % queries.size())).withK(10);
                if (ef > 0) {
                    request.withEf(ef);
                }
                sink += c.search(request).hits().size();
                searches++;
                if ((i & 63) == 0) {
                    now = System.nanoTime();
                }
            }
            if (phase == 1) {
                if (sink < 0) {
                    throw new AssertionError(); // keeps the searches observable
                }
                return (System.nanoTime() - start) / 1e3 / searches;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * recall@10 of the first queries through {@link Collection#search} (the handler's path) against
     * brute force ({@link io.engram.bench.ann.GroundTruth}, the ANN harness' exact top k).
     */
    private static double recallAt10(Collection c, Data data, int ef) {
        int n = Math.min(RECALL_QUERIES, data.queries().length);
        io.engram.bench.ann.GroundTruth truth = io.engram.bench.ann.GroundTruth.compute(
                new io.engram.bench.ann.Dataset(data.name(), data.metric(), data.base(),
                        java.util.Arrays.copyOf(data.queries(), n)),
                10, Runtime.getRuntime().availableProcessors());
        double sum = 0;
        for (int q = 0; q < n; q++) {
            SearchRequest request = SearchRequest.vector(data.queries()[q]).withK(10);
            if (ef > 0) {
                request.withEf(ef);
            }
            java.util.Set<String> want = new java.util.HashSet<>();
            for (int id : truth.ids()[q]) {
                want.add("v" + id);
            }
            int hits = 0;
            for (var hit : c.search(request).hits()) {
                hits += want.contains(hit.record().id()) ? 1 : 0;
            }
            sum += hits / (double) want.size();
        }
        return sum / n;
    }

    /** The vectors to serve and the queries to send. */
    record Data(String name, Metric metric, float[][] base, float[][] queries) {
        int dimension() {
            return base[0].length;
        }

        /** {@value #CLUSTERED} or a bench-ann dataset, cut to {@code records} vectors and 1,000 queries. */
        static Data load(String dataset, int records, java.nio.file.Path cache) throws IOException {
            if (dataset.equals(CLUSTERED)) {
                return clustered(records);
            }
            io.engram.bench.ann.Dataset d = io.engram.bench.ann.Datasets.load(dataset, cache);
            float[][] base = java.util.Arrays.copyOf(d.train(), Math.min(records, d.train().length));
            float[][] queries = java.util.Arrays.copyOf(d.queries(), Math.min(1000, d.queries().length));
            return new Data(d.name(), d.metric(), base, queries);
        }

        /**
         * 384-d unit vectors around 100 random centres with heavy noise (σ 0.08 per component, so a
         * vector is mostly noise): close to the hardest case for a graph index.
         */
        static Data clustered(int records) {
            SplittableRandom random = new SplittableRandom(20261130);
            float[][] centroids = new float[100][];
            for (int c = 0; c < centroids.length; c++) {
                centroids[c] = unit(random, null, 0);
            }
            float[][] base = new float[records][];
            for (int n = 0; n < records; n++) {
                base[n] = unit(random, centroids[random.nextInt(centroids.length)], 0.08f);
            }
            float[][] queries = new float[1000][];
            for (int q = 0; q < queries.length; q++) {
                queries[q] = unit(random, centroids[random.nextInt(centroids.length)], 0.08f);
            }
            return new Data("clustered-" + records + "x" + DIM, Metric.COSINE, base, queries);
        }
    }

    /** What a load run measured; p99.9 is NaN where the client does not report it (wrk). */
    record Load(double requestsPerSecond, double p50Ms, double p99Ms, double p999Ms, double maxMs, long errors) {}

    /** wrk against the server: a warm-up run (discarded), then the measured one. */
    private static Load wrkLoad(WrkLoad wrk, int port, List<byte[]> bodies, int connections, int warmup, int seconds)
            throws IOException {
        try (TempDirectory dir = TempDirectory.create("engram-bench-wrk")) {
            java.nio.file.Path bodyFile = dir.path().resolve("bodies.ndjson");
            try (var writer = java.nio.file.Files.newOutputStream(bodyFile)) {
                for (byte[] body : bodies) {
                    writer.write(body);
                    writer.write('\n');
                }
            }
            java.nio.file.Path script = dir.path().resolve("search.lua");
            java.nio.file.Files.writeString(script, WrkLoad.script(bodyFile, "/v1/collections/bench/search"));
            String url = "http://127.0.0.1:" + port;
            if (warmup > 0) {
                wrk.run(url, script, connections, warmup);
            }
            WrkLoad.Result r = wrk.run(url, script, connections, seconds);
            return new Load(r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), Double.NaN, r.maxMs(), r.errors());
        }
    }

    private static Load drive(int port, List<byte[]> bodies, int connections, int warmup, int seconds) {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        List<byte[]> requests = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            requests.add(HttpLoadClient.request("127.0.0.1", port, "/v1/collections/bench/search", body));
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            int first = t;
            threads.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                try (HttpLoadClient client = new HttpLoadClient("127.0.0.1", port)) {
                    int i = first;
                    for (long now = System.nanoTime(); now < end; ) {
                        int status = client.send(requests.get(i++ % requests.size()));
                        long after = System.nanoTime();
                        if (now >= measureFrom) {
                            recorder.recordValue(after - now);
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                        }
                        now = after;
                    }
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                    failure.compareAndSet(null, e.toString());
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (failure.get() != null) {
            System.err.println("engram: a load connection failed: " + failure.get());
        }
        Histogram h = recorder.getIntervalHistogram();
        return new Load(h.getTotalCount() / (double) seconds, h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, errors.get());
    }

    private static float[] unit(SplittableRandom random, float[] around, float noise) {
        float[] v = new float[DIM];
        double sum = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = around == null ? (float) random.nextGaussian() : around[i] + noise * (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < DIM; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
