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
        int singles = 1000;
        int batches = 8;
        int batchSize = 256;
        int threads = 0;
        // Steady state: the first ~1,000 calls still run partly interpreted (tokenizer, pooling) and
        // put a 5-6 ms tail on p99 that 2,000 warm-up calls remove.
        int warmup = 2000;
        MiniLmModel model = MiniLmModel.QUANTIZED;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                err.println("engram: " + a + " needs a value");
                return 2;
            }
            String v = args.get(++i);
            try {
                switch (a) {
                    case "--singles" -> singles = Math.max(10, Integer.parseInt(v));
                    case "--batches" -> batches = Math.max(1, Integer.parseInt(v));
                    case "--batch" -> batchSize = Math.max(1, Integer.parseInt(v));
                    case "--threads" -> threads = Math.max(0, Integer.parseInt(v));
                    case "--warmup" -> warmup = Math.max(0, Integer.parseInt(v));
                    case "--model" -> model = switch (v) {
                        case "quantized", "int8" -> MiniLmModel.QUANTIZED;
                        case "fp32" -> MiniLmModel.FP32;
                        default -> throw new IllegalArgumentException("--model expects quantized or fp32, got '" + v + "'");
                    };
                    default -> {
                        err.println("engram: unknown option for bench embed: " + a);
                        return 2;
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("engram: " + e.getMessage());
                return 2;
            }
        }
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
