package io.engram.bench.embed;

import io.engram.embed.MiniLmEmbedder;
import io.engram.embed.MiniLmModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code engram bench embed}: MiniLM on this machine — single-text latency (p50/p99 over short
 * query-like texts, one call at a time) and batch throughput ({@code embedAll} over batches of
 * sentence-length texts). Texts are synthetic from a fixed seed so that runs compare.
 */
public final class EmbedBenchCommand {
    private static final String[] WORDS = ("the a memory engine stores knowledge about cats dogs"
            + " markets vectors graphs and queries returns results quickly under budget with"
            + " confidence sources entities facts documents time users search context").split(" ");

    private EmbedBenchCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return io.engram.bench.BenchCli.run(new Options(out), "engram bench embed", args, out, err);
    }

    @picocli.CommandLine.Command(mixinStandardHelpOptions = true,
            description = "MiniLM embeddings: single-text latency p50/p99 and embedAll throughput (texts/s).")
    static final class Options implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Option(names = "--singles", description = "timed single-text calls (10..10000000, default ${DEFAULT-VALUE})")
        int singles = 1000;

        @picocli.CommandLine.Option(names = "--batches", description = "timed embedAll batches (1..100000, default ${DEFAULT-VALUE})")
        int batches = 8;

        @picocli.CommandLine.Option(names = "--batch", description = "sentences per batch (1..100000, default ${DEFAULT-VALUE})")
        int batchSize = 256;

        @picocli.CommandLine.Option(names = "--threads", description = "ONNX Runtime intra-op threads (0 = its default)")
        int threads = 0;

        // Steady state: the first ~1,000 calls still run partly interpreted (tokenizer, pooling) and
        // put a 5-6 ms tail on p99 that 2,000 warm-up calls remove.
        @picocli.CommandLine.Option(names = "--warmup", description = "untimed calls first (default ${DEFAULT-VALUE})")
        int warmup = 2000;

        @picocli.CommandLine.Option(names = "--model", description = "quantized (int8, default) or fp32")
        String model = "quantized";

        @picocli.CommandLine.Option(names = "--json", description = "print one JSON line instead of text")
        boolean json;

        private final PrintStream out;

        Options(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            io.engram.bench.BenchCli.range(spec, "--singles", singles, 10, 10_000_000);
            io.engram.bench.BenchCli.range(spec, "--batches", batches, 1, 100_000);
            io.engram.bench.BenchCli.range(spec, "--batch", batchSize, 1, 100_000);
            io.engram.bench.BenchCli.range(spec, "--threads", threads, 0, 1024);
            io.engram.bench.BenchCli.range(spec, "--warmup", warmup, 0, 10_000_000);
            MiniLmModel m = switch (model) {
                case "quantized", "int8" -> MiniLmModel.QUANTIZED;
                case "fp32" -> MiniLmModel.FP32;
                default -> throw io.engram.bench.BenchCli.usage(spec, "--model expects quantized or fp32, got '" + model + "'");
            };
            return measure(singles, batches, batchSize, threads, warmup, m, json, out);
        }
    }

    private static int measure(int singles, int batches, int batchSize, int threads, int warmup, MiniLmModel model,
                               boolean json, PrintStream out) {
        SplittableRandom random = new SplittableRandom(42);
        List<String> queries = texts(random, 512, 3, 10);
        List<String> sentences = texts(random, batchSize, 8, 30);
        try (MiniLmEmbedder embedder = MiniLmEmbedder.open(model, threads, MiniLmEmbedder.DEFAULT_BATCH_SIZE)) {
            for (int i = 0; i < warmup; i++) { // warm-up: JIT and ONNX Runtime's first-run allocations
                embedder.embed(queries.get(i % queries.size()));
            }
            long[] ns = new long[singles];
            for (int i = 0; i < singles; i++) {
                long t = System.nanoTime();
                embedder.embed(queries.get(i % queries.size()));
                ns[i] = System.nanoTime() - t;
            }
            Arrays.sort(ns);
            double p50 = ns[singles / 2] / 1e6;
            double p99 = ns[(int) Math.min(singles - 1, Math.ceil(singles * 0.99) - 1)] / 1e6;
            embedder.embedAll(sentences);
            long t = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                embedder.embedAll(sentences);
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            double textsPerSecond = (double) batches * batchSize / seconds;
            int cores = Runtime.getRuntime().availableProcessors();
            if (json) {
                out.printf(Locale.ROOT, "{\"benchmark\":\"embed\",\"model\":\"%s\",\"cores\":%d,\"single_p50_ms\":%.3f,"
                        + "\"single_p99_ms\":%.3f,\"singles\":%d,\"batch_size\":%d,\"batches\":%d,\"texts_per_s\":%.1f}%n",
                        model, cores, p50, p99, singles, batchSize, batches, textsPerSecond);
            } else {
                out.printf(Locale.ROOT, "MiniLM %s on %d cores (ONNX Runtime intra-op threads: %s)%n", model, cores,
                        threads == 0 ? "default" : threads);
                out.printf(Locale.ROOT, "single text (3-10 words), %d calls: p50 %.2f ms, p99 %.2f ms%n", singles, p50, p99);
                out.printf(Locale.ROOT, "embedAll, %d batches of %d texts (8-30 words): %.0f texts/s%n", batches, batchSize,
                        textsPerSecond);
            }
        }
        return 0;
    }

    /** Synthetic English-like texts of {@code minWords..maxWords} words from a fixed vocabulary. */
    public static List<String> texts(SplittableRandom random, int count, int minWords, int maxWords) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = minWords + random.nextInt(maxWords - minWords + 1);
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < n; w++) {
                b.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            texts.add(b.append('.').toString());
        }
        return texts;
    }
}
