package io.engram.bench.context;

import io.engram.bench.TempDirectory;
import io.engram.bench.ann.AnnReport;
import io.engram.bench.embed.EmbedBenchCommand;
import io.engram.core.ManualClock;
import io.engram.core.Metric;
import io.engram.embed.MiniLmEmbedder;
import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.collection.EmbedderKind;
import io.engram.engine.collection.IndexKind;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.knowledge.Confidence;
import io.engram.engine.record.EntityLink;
import io.engram.engine.record.EntityRole;
import io.engram.engine.record.EntityType;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * {@code engram bench context}: the spec's check 8. Builds a collection of synthetic records
 * (fixed seed): 384-d vectors around 200 topic centroids, texts of 12–30 words from a 5,000-word
 * vocabulary, three entity links per record over 10,000 entities (≈ 300,000 record–entity edges),
 * 2,000 sources, confidences and ages spread over a year, and a sprinkling of supersessions. Then
 * one client thread runs context assembly with precomputed query embeddings (default preset and
 * budgets), warm-up first, latencies into an HdrHistogram. Separately it measures MiniLM on the
 * texts of {@code bench embed}: a short question's embedding latency (1,000 calls) and batch
 * embedding throughput (8 batches of 256 sentences).
 */
public final class ContextBenchCommand {
    private static final int DIM = 384;
    private static final int TOPICS = 200;
    private static final int VOCABULARY = 5000;
    private static final int ENTITIES = 10_000;
    private static final int SOURCES = 2_000;
    private static final int BATCH = 1000;

    private ContextBenchCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return io.engram.bench.BenchCli.run(new Options(out), "engram bench context", args, out, err);
    }

    @picocli.CommandLine.Command(mixinStandardHelpOptions = true,
            description = "Context assembly p50/p99 on synthetic records, plus MiniLM latency and throughput.")
    static final class Options implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Option(names = "--records", description = "records to build (100..10000000, default ${DEFAULT-VALUE})")
        int records = 100_000;

        @picocli.CommandLine.Option(names = "--queries", description = "timed context calls (100..10000000, default ${DEFAULT-VALUE})")
        int queries = 1000;

        @picocli.CommandLine.Option(names = "--no-embed", description = "skip the MiniLM measurements")
        boolean noEmbed;

        @picocli.CommandLine.Option(names = "--json", description = "print one JSON line instead of text")
        boolean json;

        private final PrintStream out;

        Options(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            io.engram.bench.BenchCli.range(spec, "--records", records, 100, 10_000_000);
            io.engram.bench.BenchCli.range(spec, "--queries", queries, 100, 10_000_000);
            try (TempDirectory dir = TempDirectory.create("engram-bench-context")) {
                return measure(records, queries, !noEmbed, json, dir.path(), out);
            }
        }
    }

    private static int measure(int records, int queries, boolean embed, boolean json, Path dir, PrintStream out) {
        SplittableRandom random = new SplittableRandom(20261129);
        Synthetic data = new Synthetic(random);
        // Set as batches are added, so that records get a year of ages.
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        EngramOptions options = EngramOptions.defaults().withClock(clock);
        long buildStart = System.nanoTime();
        List<float[]> queryVectors = new ArrayList<>();
        List<String> queryTexts = new ArrayList<>();
        try (Engram engram = Engram.open(dir, options)) {
            Collection c = engram.createCollection(new CollectionSpec("bench", DIM, Metric.COSINE, IndexKind.HNSW,
                    EmbedderKind.NONE));
            List<NewRecord> batch = new ArrayList<>(BATCH);
            List<Integer> toCorrect = new ArrayList<>();
            for (int n = 0; n < records; n++) {
                batch.add(data.record(n));
                if (n % 997 == 500) { // about 0.1 %: a record superseded by a corrected one
                    toCorrect.add(n);
                }
                if (batch.size() == BATCH || n == records - 1) {
                    clock.set(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(5L * n)));
                    c.addAll(batch);
                    batch.clear();
                    for (int old : toCorrect) {
                        c.supersede(data.idOf(old), data.record(records + old).withId("fix-" + old), "corrected");
                    }
                    toCorrect.clear();
                }
            }
        }
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

        long openStart = System.nanoTime();
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long tokens = 0;
        long items = 0;
        double openSeconds;
        try (Engram engram = Engram.open(dir, options)) {
            openSeconds = (System.nanoTime() - openStart) / 1e9;
            clock.set(Instant.parse("2027-01-01T00:00:00Z"));
            Collection c = engram.collection("bench");
            for (int q = 0; q < queries; q++) {
                int n = random.nextInt(records);
                queryVectors.add(data.queryVector(n));
                queryTexts.add(data.queryText(n));
            }
            for (int round = 0; round < 2; round++) { // warm-up round, then the measured one
                for (int q = 0; q < queries; q++) {
                    ContextRequest request = ContextRequest.forQuery(queryTexts.get(q))
                            .withQueryVector(queryVectors.get(q));
                    long t = System.nanoTime();
                    AssembledContext ctx = c.context(request);
                    long ns = System.nanoTime() - t;
                    if (round == 1) {
                        latency.recordValue(ns);
                        tokens += ctx.tokens();
                        items += ctx.items().size();
                    }
                }
            }
        }
        double embedP50 = Double.NaN, embedP99 = Double.NaN, textsPerSecond = Double.NaN;
        if (embed) {
            // English-like texts: the synthetic records' made-up words would split into many
            // word pieces each and measure a different workload than questions and notes.
            List<String> questions = EmbedBenchCommand.texts(random, 512, 3, 10);
            List<String> texts = EmbedBenchCommand.texts(random, 256, 8, 30);
            try (MiniLmEmbedder e = MiniLmEmbedder.open()) {
                for (int i = 0; i < 2000; i++) { // as bench embed: past JIT warm-up, which fattens p99
                    e.embed(questions.get(i % questions.size()));
                }
                Histogram h = new Histogram(3_600_000_000L, 3);
                for (int i = 0; i < 1000; i++) {
                    long t = System.nanoTime();
                    e.embed(questions.get(i % questions.size()));
                    h.recordValue(System.nanoTime() - t);
                }
                embedP50 = h.getValueAtPercentile(50) / 1e6;
                embedP99 = h.getValueAtPercentile(99) / 1e6;
                e.embedAll(texts);
                long t = System.nanoTime();
                for (int b = 0; b < 8; b++) {
                    e.embedAll(texts);
                }
                textsPerSecond = 8 * 256 / ((System.nanoTime() - t) / 1e9);
            }
        }
        double p50 = latency.getValueAtPercentile(50) / 1e6;
        double p99 = latency.getValueAtPercentile(99) / 1e6;
        double max = latency.getMaxValue() / 1e6;
        String cpu = AnnReport.cpuModel();
        int cores = Runtime.getRuntime().availableProcessors();
        if (json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"context\",\"records\":%d,\"queries\":%d,\"cpu\":\"%s\",\"cores\":%d,"
                    + "\"jdk\":\"%s\",\"build_s\":%.1f,\"open_s\":%.1f,\"context_p50_ms\":%.3f,\"context_p99_ms\":%.3f,"
                    + "\"context_max_ms\":%.3f,\"mean_items\":%.1f,\"mean_tokens\":%.0f,\"embed_query_p50_ms\":%.3f,"
                    + "\"embed_query_p99_ms\":%.3f,\"embed_texts_per_s\":%.1f}%n",
                    records, queries, cpu.replace("\"", "'"), cores, Runtime.version(), buildSeconds, openSeconds,
                    p50, p99, max, (double) items / queries, (double) tokens / queries, embedP50, embedP99,
                    textsPerSecond);
        } else {
            out.printf(Locale.ROOT, "context assembly on %d records (%d entities, ~%d record-entity edges), %s, %d cores, JDK %s%n",
                    records, ENTITIES, 3L * records, cpu, cores, Runtime.version());
            out.printf(Locale.ROOT, "build %.1f s (%.0f records/s, synced batches of %d), reopen %.1f s (checkpoints loaded, graph and table rebuilt)%n",
                    buildSeconds, records / buildSeconds, BATCH, openSeconds);
            out.printf(Locale.ROOT, "context, 1 thread, %d queries after %d warm-up, precomputed embeddings, default preset and budgets:%n",
                    queries, queries);
            out.printf(Locale.ROOT, "  p50 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f items and %.0f tokens per context%n",
                    p50, p99, max, (double) items / queries, (double) tokens / queries);
            if (embed) {
                out.printf(Locale.ROOT, "MiniLM int8: query embedding p50 %.2f ms, p99 %.2f ms; embedAll %.0f texts/s%n",
                        embedP50, embedP99, textsPerSecond);
            }
        }
        return 0;
    }

    /** Deterministic synthetic records; record n is a pure function of n and the seed's tables. */
    private static final class Synthetic {
        final float[][] centroids = new float[TOPICS][DIM];
        final String[] words = new String[VOCABULARY];
        final long seed;

        Synthetic(SplittableRandom random) {
            for (float[] c : centroids) {
                for (int i = 0; i < DIM; i++) {
                    c[i] = (float) random.nextGaussian();
                }
                normalize(c);
            }
            String[] syllables = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "vu", "sha", "gro", "bel", "tin"};
            for (int w = 0; w < VOCABULARY; w++) {
                words[w] = syllables[w % 14] + syllables[(w / 14) % 14] + syllables[(w / 196) % 14] + (w / 2744);
            }
            seed = random.nextLong();
        }

        String idOf(int n) {
            return "r" + n;
        }

        private SplittableRandom rng(int n) {
            return new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
        }

        float[] vector(int n) {
            SplittableRandom r = rng(n);
            float[] c = centroids[r.nextInt(TOPICS)];
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                v[i] = c[i] + 0.06f * (float) r.nextGaussian();
            }
            return normalize(v);
        }

        String text(int n) {
            SplittableRandom r = rng(n + 7_000_000);
            int topic = r.nextInt(TOPICS);
            int count = 12 + r.nextInt(19);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) {
                // Zipf-like: half the words from the topic's own 50, the rest from everywhere.
                int w = r.nextBoolean() ? (topic * 25 + r.nextInt(50)) % VOCABULARY : (int) (VOCABULARY * Math.pow(r.nextDouble(), 2));
                sb.append(i == 0 ? "" : " ").append(words[w]);
            }
            return sb.toString();
        }

        NewRecord record(int n) {
            SplittableRandom r = rng(n + 13_000_000);
            NewRecord rec = NewRecord.vector(vector(n)).withContent(text(n)).withId(idOf(n))
                    .withConfidence(Confidence.of(0.3 + 0.7 * r.nextDouble(), 0.3 + 0.7 * r.nextDouble(),
                            0.5 + 0.5 * r.nextDouble(), 0.5 + 0.5 * r.nextDouble(), r.nextDouble(),
                            0.5 + 0.5 * r.nextDouble()))
                    .withSource(Source.of(SourceType.values()[r.nextInt(SourceType.values().length)],
                            "source " + r.nextInt(SOURCES), null));
            for (int e = 0; e < 3; e++) {
                int entity = (int) (ENTITIES * Math.pow(r.nextDouble(), 1.5));
                rec.withEntity(new EntityLink("entity " + entity, EntityType.CONCEPT,
                        EntityRole.values()[e % 3]));
            }
            return rec;
        }

        float[] queryVector(int n) {
            SplittableRandom r = rng(n + 21_000_000);
            float[] v = vector(n);
            for (int i = 0; i < DIM; i++) {
                v[i] += 0.03f * (float) r.nextGaussian();
            }
            return normalize(v);
        }

        String queryText(int n) {
            String[] w = text(n).split(" ");
            return String.join(" ", w[0], w[2], w[4], w[6]);
        }

        private static float[] normalize(float[] v) {
            double s = 0;
            for (float x : v) {
                s += x * x;
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
            return v;
        }
    }
}
