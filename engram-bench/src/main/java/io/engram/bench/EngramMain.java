package io.engram.bench;

import io.engram.bench.ann.AnnBenchCommand;
import io.engram.bench.graph.GraphBenchCommand;
import io.engram.bench.hdc.HdcCommand;
import io.engram.bench.kernel.KernelBenchCommand;
import io.engram.core.EngramException;
import io.engram.core.kernel.KernelInfo;
import io.engram.core.kernel.Kernels;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point behind {@code ./engram}. It holds the benchmark and tool commands and hands the
 * server commands ({@code serve}, {@code mcp}) and the store commands ({@code import}, {@code search},
 * {@code context}, {@code stats}) to engram-server's picocli {@code EngramCommand}.
 */
public final class EngramMain {

    static final String HELP = """
            Engram — an embeddable memory engine for the JVM.

            Usage: engram <command> [options]

            Commands:
              serve [opts]            the server: HTTP/JSON API under /v1, OpenAPI at /v1/openapi.json, metrics at
                                        /v1/metrics, web console at /; store in ./engram-data, MiniLM built in
                                        --data DIR  --host HOST (127.0.0.1)  --port N (8420)  --api-key KEY
                                        --max-body SIZE (16MB); MCP over streamable HTTP at /mcp; 'engram serve --help'
              mcp [--data DIR]        MCP over stdin/stdout for assistants that start engram as a subprocess
              import [opts] FILE      load records into a collection of the store (not while serve runs on it)
                                        --collection NAME (required)  --data DIR  --create  --batch N (1000)
                                        --format jsonl|ndjson|csv|fvecs (default: from the extension); FILE - is stdin
              search [opts] QUERY...  search a collection: rank, score, id, content (--json: the HTTP API's answer)
                                        --collection NAME  --data DIR  --k N (10)  --mode vector|text|hybrid  --json
              context [opts] QUERY... the assembled context for a query, ready for a prompt
                                        --collection NAME  --data DIR  --max-tokens N (8000)  --preset P
                                        --format markdown|plain|json
              stats [--data DIR] [--json]
                                      the store's collections with their spec and counts
              kernels [--json]        print the active kernel implementation, vector species and CPU features
              bench kernels [opts]    JMH: scalar vs Vector API kernels at 128/384/784/1536 dimensions
                                        --quick        short warm-up and measurement (a smoke run)
                                        --json FILE    also write JMH's JSON results to FILE
                                        --filter REGEX only benchmarks whose name matches
              bench ann [opts]        recall–QPS curves of ANN engines (ann-benchmarks style), e.g.
                                        bench ann --dataset fashion-mnist --engines engram-hnsw,lucene-hnsw,jvector
                                                  --k 10 --out results/fashion-mnist.json
                                        --dataset fashion-mnist | debian-minilm[:N] | gaussian:NxD[:seed]  (required)
                                        --engines LIST  --k N  --threads N  --queries N  --sweep 10,20,40
                                        --ef-construction N  --m N  --metric l2|cosine|ip  --out FILE.json
                                        --cache DIR (datasets and ground truth; default .cache/ in the repo)
              bench graph [opts]      engram-graph on an R-MAT graph (Graph500 parameters): 1-/2-hop latency, BFS,
                                        PageRank, a 5 ms budgeted traversal, commit and snapshot-read throughput
                                        --nodes N (1000000)  --edges N (16000000)  --seed N  --seconds S  --json  --out FILE
              bench indexes [opts]    the reference micro benchmark: every Engram index on 10k × 384 unit vectors,
                                        1,000 queries, k 10, seed 42, one build thread (bench ann options may follow,
                                        e.g. --out results/indexes.json)
              bench hdc [--quick] [--json FILE]
                                      JMH: hypervector operations at d = 4096, then the full detect demo's packets/s
              bench embed [opts]      MiniLM: single-text latency p50/p99 and embedAll throughput (texts/s)
              bench context [opts]    context assembly p50/p99 on 100k synthetic records (--records N, --json)
              bench serve [opts]      HTTP search load on 100k × 384 HNSW: requests/s, p50/p99 (--connections N, --seconds N)
              bench rabitq [opts]     the RaBitQ reference's table (clustered data, 200 queries, k 100, one thread) plus
                                        Engram's IVF-RaBitQ: --n N --dim D [--fast] [--variants a,b] [--json] [--out FILE]
                                        --model quantized|fp32  --threads N  --singles N  --batch N  --batches N  --json
              detect demo [--json]    the zero-hardcode anomaly detector on the reference traffic (48,750 packets)
              detect demo --events    that traffic as NDJSON events (packet fields and "rate":{"$log":pps})
              detect stream [--warmup N] [FILE]
                                      one verdict per NDJSON event (stdin or FILE); baseline from the first N (500)
              help                    this text

            'engram <command> --help' shows a command's options. Exit codes: 0 ok, 1 failure, 2 usage error.
            Environment: ENGRAM_JAVA_OPTS adds JVM options; -Dengram.kernels=scalar forces the scalar kernels.
            """;

    private EngramMain() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args), System.out, System.err);
        } catch (EngramException e) {
            System.err.println("engram: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    /** Runs one command; returns the process exit code (0 ok, 1 failure, 2 usage error). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            out.print(HELP);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "help", "--help", "-h" -> {
                out.print(HELP);
                yield 0;
            }
            case "kernels" -> kernels(rest, out, err);
            case "bench" -> bench(rest, out, err);
            case "detect" -> HdcCommand.detect(rest, System.in, out, err);
            case "serve", "mcp", "import", "search", "context", "stats" -> io.engram.server.cli.EngramCommand.execute(
                    args.toArray(String[]::new), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
            default -> usage(err, "unknown command '" + args.getFirst() + "'");
        };
    }

    private static int kernels(List<String> args, PrintStream out, PrintStream err) {
        boolean json = args.contains("--json");
        if (args.stream().anyMatch(a -> !a.equals("--json"))) {
            return usage(err, "kernels accepts only --json, got " + args);
        }
        KernelInfo info = Kernels.info();
        out.println(json ? toJson(info) : info.describe());
        return 0;
    }

    private static int bench(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            return usage(err, "bench needs a suite: kernels, ann, indexes, graph, hdc, embed, context, serve or rabitq");
        }
        return switch (args.getFirst()) {
            case "kernels" -> KernelBenchCommand.run(args.subList(1, args.size()), out, err);
            case "ann" -> AnnBenchCommand.run(args.subList(1, args.size()), out, err);
            case "indexes" -> AnnBenchCommand.run(referenceWorkload(args.subList(1, args.size())), out, err);
            case "graph" -> GraphBenchCommand.run(args.subList(1, args.size()), out, err);
            case "hdc" -> HdcCommand.bench(args.subList(1, args.size()), out, err);
            case "embed" -> io.engram.bench.embed.EmbedBenchCommand.run(args.subList(1, args.size()), out, err);
            case "context" -> io.engram.bench.context.ContextBenchCommand.run(args.subList(1, args.size()), out, err);
            case "serve" -> io.engram.bench.serve.ServeBenchCommand.run(args.subList(1, args.size()), out, err);
            case "rabitq" -> io.engram.bench.rabitq.RabitqBenchCommand.run(args.subList(1, args.size()), out, err);
            default -> usage(err, "unknown bench suite '" + args.getFirst() + "', expected one of [kernels, ann, indexes, graph, hdc, embed, context, serve, rabitq]");
        };
    }

    /**
     * The vector-database reference's micro benchmark (10k × 384 unit vectors, 1,000 queries, k 10,
     * HNSW M 16 / ef_construction 200, LSH 10 × 10, KD-tree built once after the adds, one build
     * thread as the reference's loops), with seed 42 and recall against exact results added; the
     * ef sweep holds the reference's ef 50 and the hnswlib baseline's 10 … 500. Options given
     * after {@code bench indexes} come later and win.
     */
    static List<String> referenceWorkload(List<String> extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--dataset", "gaussian:10000x384:42", "--metric", "cosine",
                "--engines", "exact,engram-flat,engram-kdtree,engram-lsh,engram-hnsw", "--k", "10", "--threads", "1",
                "--ef-construction", "200", "--m", "16", "--sweep", "10,50,100,200,500"));
        args.addAll(extra);
        return args;
    }

    static int usage(PrintStream err, String problem) {
        err.println("engram: " + problem + " (run 'engram help')");
        return 2;
    }

    static String toJson(KernelInfo info) {
        return "{\"implementation\":" + quote(info.implementation())
                + ",\"reason\":" + quote(info.reason())
                + ",\"bitImplementation\":" + quote(info.bitImplementation())
                + ",\"floatSpecies\":" + quote(info.floatSpecies())
                + ",\"vectorBits\":" + info.vectorBits()
                + ",\"floatLanes\":" + info.floatLanes()
                + ",\"fma\":" + info.fma()
                + ",\"integerSimd\":" + info.integerSimd()
                + ",\"cpuFlags\":" + quoteAll(info.cpuFlags())
                + ",\"jitFlags\":" + quoteAll(info.jitVectorFlags())
                + ",\"java\":" + quote(Runtime.version().toString()) + "}";
    }

    private static String quoteAll(List<String> values) {
        return Arrays.toString(values.stream().map(EngramMain::quote).toArray()).replace(", ", ",");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
