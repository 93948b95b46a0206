package io.engram.bench.graph;

import io.engram.bench.ann.AnnReport;
import io.engram.bench.ann.Json;
import io.engram.graph.Direction;
import io.engram.graph.EdgeCursor;
import io.engram.graph.Graph;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.Isolation;
import io.engram.graph.RetryPolicy;
import io.engram.graph.Transaction;
import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.PageRank;
import io.engram.graph.traverse.Traversal;
import io.engram.graph.traverse.Traversals;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code engram bench graph}: an R-MAT graph (Graph500 parameters) bulk-loaded into engram-graph,
 * then single-thread latencies of 1-hop and 2-hop neighbour reads, BFS, PageRank iterations, a
 * budgeted traversal, commit throughput with and without conflicts, and snapshot-read throughput
 * alone and beside one writer. Latencies are per call, timed with {@code System.nanoTime()}
 * around each call (so they include the timer's ~20 ns).
 */
public final class GraphBenchCommand {
    static final String USAGE = """
            Usage: engram bench graph [--nodes N] [--edges N] [--seed N] [--seconds S] [--json] [--out FILE.json]
              --nodes    R-MAT nodes (default 1000000)
              --edges    R-MAT edges before duplicate merging (default 16000000)
              --seed     generator seed (default 42)
              --seconds  duration of each throughput phase (default 3)
              --json     print the report as JSON instead of a table
              --out      also write the JSON report to FILE
            """;

    private GraphBenchCommand() {}

    record Options(int nodes, int edges, long seed, double seconds, boolean json, Path out) {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("engram: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Map<String, Object> report = measure(o, o.json() ? err : out);
        String json = Json.write(report);
        if (o.json()) {
            out.print(json);
        }
        if (o.out() != null) {
            try {
                Path parent = o.out().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(o.out(), json);
            } catch (IOException e) {
                err.println("engram: cannot write " + o.out() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    static Options parse(List<String> args) {
        int nodes = 1_000_000;
        int edges = 16_000_000;
        long seed = 42;
        double seconds = 3;
        boolean json = false;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--nodes" -> nodes = positive(a, v, 2, 1 << 30);
                case "--edges" -> edges = positive(a, v, 1, 1 << 30);
                case "--seed" -> seed = Long.parseLong(v);
                case "--seconds" -> {
                    seconds = Double.parseDouble(v);
                    if (!(seconds > 0 && seconds <= 3600)) {
                        throw new IllegalArgumentException("--seconds must be in (0, 3600], got " + v);
                    }
                }
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new Options(nodes, edges, seed, seconds, json, out);
    }

    private static int positive(String option, String value, int min, int max) {
        long v;
        try {
            v = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer, got '" + value + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + v);
        }
        return (int) v;
    }

    static Map<String, Object> measure(Options o, PrintStream log) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "graph");
        r.put("generator", "R-MAT a=0.57 b=0.19 c=0.19 d=0.05, permuted ids, seed " + o.seed());
        long t0 = System.nanoTime();
        int[][] rmat = RmatGenerator.generate(o.nodes(), o.edges(), o.seed());
        double generateS = seconds(t0);
        t0 = System.nanoTime();
        Graph graph = Graph.loader(o.nodes()).edges(rmat[0], rmat[1], o.edges(), "edge").build();
        double loadS = seconds(t0);
        rmat = null;
        long edges;
        try (GraphSnapshot s = graph.snapshot()) {
            edges = s.edgeCount();
        }
        r.put("nodes", o.nodes());
        r.put("edgesGenerated", o.edges());
        r.put("edgesAfterMerge", edges);
        r.put("generateSeconds", generateS);
        r.put("bulkLoadSeconds", loadS);
        log.printf("graph: %,d nodes, %,d edges (%,d generated), generated in %.1f s, bulk-loaded in %.1f s%n",
                o.nodes(), edges, o.edges(), generateS, loadS);

        SplittableRandom random = new SplittableRandom(o.seed() + 1);
        r.put("oneHop", oneHop(graph, random, log));
        r.put("twoHop", twoHop(graph, random, log));
        r.put("bfs", bfs(graph, random, log));
        r.put("pageRank", pageRank(graph, log));
        r.put("budgetedTraversal", budgeted(graph, log));
        r.put("commits", commits(graph, o, log));
        r.put("snapshotReads", reads(graph, o, 0, log));
        r.put("snapshotReadsWriter10k", reads(graph, o, 10_000, log));
        r.put("system", AnnReport.system());
        return r;
    }

    private static Map<String, Object> oneHop(Graph graph, SplittableRandom random, PrintStream log) {
        int n = idBound(graph);
        int warm = 300_000;
        int samples = 1_000_000;
        long[] times = new long[samples];
        long sink = 0;
        try (GraphSnapshot s = graph.snapshot()) {
            EdgeCursor c = s.cursor();
            for (int i = 0; i < warm + samples; i++) {
                int node = random.nextInt(n);
                long t = System.nanoTime();
                int size = c.out(node);
                for (int k = 0; k < size; k++) {
                    sink += c.node(k);
                }
                long d = System.nanoTime() - t;
                if (i >= warm) {
                    times[i - warm] = d;
                }
            }
        }
        Map<String, Object> m = percentiles(times);
        m.put("what", "cursor.out(random node) and a sum over its neighbour ids, one snapshot, one thread");
        m.put("checksum", sink);
        log.printf("1-hop neighbour list: p50 %.0f ns, p99 %.0f ns, mean %.0f ns (%,d samples)%n",
                m.get("p50Nanos"), m.get("p99Nanos"), m.get("meanNanos"), samples);
        return m;
    }

    private static Map<String, Object> twoHop(Graph graph, SplittableRandom random, PrintStream log) {
        int samples = 20_000;
        long[] times = new long[samples];
        long sink = 0;
        long reached = 0;
        try (GraphSnapshot s = graph.snapshot()) {
            int n = s.nodeIdBound();
            EdgeCursor first = s.cursor();
            EdgeCursor second = s.cursor();
            for (int i = 0; i < 2 * samples; i++) {
                int node = random.nextInt(n);
                long t = System.nanoTime();
                int size = first.out(node);
                long count = 0;
                for (int k = 0; k < size; k++) {
                    int m = second.out(first.node(k));
                    for (int j = 0; j < m; j++) {
                        sink += second.node(j);
                    }
                    count += m;
                }
                long d = System.nanoTime() - t;
                if (i >= samples) {
                    times[i - samples] = d;
                    reached += count;
                }
            }
        }
        Map<String, Object> m = percentiles(times);
        m.put("what", "every out-neighbour of every out-neighbour of a random node (edges walked, no dedup)");
        m.put("meanEdgesWalked", reached / (double) samples);
        m.put("checksum", sink);
        log.printf("2-hop expansion: p50 %.1f µs, p99 %.1f µs (mean %.0f edges walked)%n",
                (double) m.get("p50Nanos") / 1e3, (double) m.get("p99Nanos") / 1e3, reached / (double) samples);
        return m;
    }

    private static Map<String, Object> bfs(Graph graph, SplittableRandom random, PrintStream log) {
        int runs = 5;
        long[] times = new long[runs];
        long reached = 0;
        try (GraphSnapshot s = graph.snapshot()) {
            int n = s.nodeIdBound();
            Traversals.bfs(s, hub(s), Direction.OUT, Budget.unlimited()); // warm-up
            for (int i = 0; i < runs; i++) {
                int start;
                do {
                    start = random.nextInt(n);
                } while (s.outDegree(start) == 0);
                long t = System.nanoTime();
                Traversal tr = Traversals.bfs(s, start, Direction.OUT, Budget.unlimited());
                times[i] = System.nanoTime() - t;
                reached += tr.size();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "full breadth-first search along out-edges from a random node with out-edges");
        m.put("runs", runs);
        m.put("meanMillis", Arrays.stream(times).average().orElse(0) / 1e6);
        m.put("meanNodesReached", reached / (double) runs);
        log.printf("BFS: %.0f ms mean, %,.0f nodes reached%n", (double) m.get("meanMillis"), reached / (double) runs);
        return m;
    }

    private static Map<String, Object> pageRank(Graph graph, PrintStream log) {
        int iterations = 20;
        PageRank pr;
        long t;
        try (GraphSnapshot s = graph.snapshot()) {
            PageRank.compute(s, PageRank.DAMPING, 2, Budget.unlimited()); // warm-up
            t = System.nanoTime();
            pr = PageRank.compute(s, PageRank.DAMPING, iterations, Budget.unlimited());
        }
        double total = seconds(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "PageRank d=0.85, 20 iterations over out-edges, one thread (setup included)");
        m.put("iterations", pr.iterations());
        m.put("totalSeconds", total);
        m.put("secondsPerIteration", total / pr.iterations());
        log.printf("PageRank: %.3f s per iteration (%d iterations, %.2f s total)%n", total / pr.iterations(),
                pr.iterations(), total);
        return m;
    }

    private static Map<String, Object> budgeted(Graph graph, PrintStream log) {
        int runs = 20;
        long worst = 0;
        int partial = 0;
        long[] times = new long[runs];
        try (GraphSnapshot s = graph.snapshot()) {
            int start = hub(s);
            for (int i = 0; i < 5; i++) { // warm-up: JIT and the per-thread traversal scratch
                Traversals.kHop(s, start, 6, Direction.BOTH, Integer.MAX_VALUE, Budget.ofTime(Duration.ofMillis(5)));
            }
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                Traversal tr = Traversals.kHop(s, start, 6, Direction.BOTH, Integer.MAX_VALUE,
                        Budget.ofTime(Duration.ofMillis(5)));
                times[i] = System.nanoTime() - t;
                worst = Math.max(worst, times[i]);
                partial += tr.partial() ? 1 : 0;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "6-hop expansion (both directions) from the highest-degree node under a 5 ms time budget, after 5 warm-up calls");
        m.put("runs", runs);
        m.put("flaggedPartial", partial);
        m.put("worstMillis", worst / 1e6);
        m.put("meanMillis", Arrays.stream(times).average().orElse(0) / 1e6);
        log.printf("5 ms budgeted 6-hop traversal: worst %.2f ms, mean %.2f ms, %d/%d flagged partial%n",
                worst / 1e6, (double) m.get("meanMillis"), partial, runs);
        return m;
    }

    private static Map<String, Object> commits(Graph graph, Options o, PrintStream log) {
        int n = idBound(graph);
        Map<String, Object> m = new LinkedHashMap<>();
        // One writer, disjoint edges: no conflicts possible.
        SplittableRandom random = new SplittableRandom(o.seed() + 2);
        long deadline = System.nanoTime() + (long) (o.seconds() * 1e9);
        long count = 0;
        long t = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try (Transaction tx = graph.begin()) {
                tx.putEdge(random.nextInt(n), "bench", random.nextInt(n), 1.0);
                tx.commit();
            }
            count++;
        }
        double rate = count / seconds(t);
        m.put("oneThreadNoConflictsPerSecond", rate);
        // Two writers incrementing properties on 4 hot nodes through the retry helper.
        AtomicLong commits = new AtomicLong();
        AtomicLong attempts = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        RetryPolicy policy = new RetryPolicy(1_000, Duration.ofNanos(10_000), Duration.ofMillis(1));
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            long seed = o.seed() + 10 + w;
            writers[w] = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                while (!stop.get()) {
                    int node = rnd.nextInt(4);
                    graph.inTransaction(policy, Isolation.SNAPSHOT, tx -> {
                        attempts.incrementAndGet();
                        Object v = tx.property(node, "counter");
                        tx.setProperty(node, "counter", v == null ? 1L : (Long) v + 1);
                        return null;
                    });
                    commits.incrementAndGet();
                }
            });
        }
        t = System.nanoTime();
        for (Thread w : writers) {
            w.start();
        }
        sleep(o.seconds());
        stop.set(true);
        join(writers);
        double elapsed = seconds(t);
        m.put("twoThreadsHotKeysCommitsPerSecond", commits.get() / elapsed);
        m.put("twoThreadsHotKeysConflictRate", 1 - commits.get() / (double) Math.max(1, attempts.get()));
        log.printf("commits: %,.0f/s one thread without conflicts; %,.0f/s two threads on 4 hot keys (%.1f %% of attempts conflicted)%n",
                rate, commits.get() / elapsed, 100 * (1 - commits.get() / (double) Math.max(1, attempts.get())));
        return m;
    }

    /**
     * Read throughput alone and beside one writer (flat out when {@code writerRate} is 0, else
     * paced to that many commits per second), in alternating windows after a warm-up in which
     * the writer brings the graph to its steady state (versions accumulating and being
     * compacted), so both sides see the same kind of graph.
     */
    private static Map<String, Object> reads(Graph graph, Options o, int writerRate, PrintStream log) {
        AtomicInteger writes = new AtomicInteger();
        readPhase(graph, o, true, writerRate, writes); // warm-up: steady state
        int windows = 3;
        double[] alone = new double[windows];
        double[] beside = new double[windows];
        double[] aloneCpu = new double[windows];
        double[] besideCpu = new double[windows];
        writes.set(0);
        for (int w = 0; w < windows; w++) {
            double[] a = readPhase(graph, o, false, 0, null);
            double[] b = readPhase(graph, o, true, writerRate, writes);
            alone[w] = a[0];
            aloneCpu[w] = a[1];
            beside[w] = b[0];
            besideCpu[w] = b[1];
        }
        double aloneMedian = median(alone);
        double besideMedian = median(beside);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "one reader thread: 1-hop reads of random nodes, a new snapshot every 1,000 reads; "
                + windows + " alternating windows alone / beside one writer committing one edge per transaction "
                + (writerRate == 0 ? "flat out" : "at " + writerRate + " commits/s") + ", after a warm-up window with the writer");
        m.put("writerRateLimit", writerRate);
        m.put("readOnlyPerSecond", aloneMedian);
        m.put("withOneWriterPerSecond", besideMedian);
        m.put("readOnlyWindows", Arrays.stream(alone).boxed().toList());
        m.put("withWriterWindows", Arrays.stream(beside).boxed().toList());
        m.put("writerCommitsPerSecond", writes.get() / (windows * o.seconds()));
        m.put("ratio", besideMedian / aloneMedian);
        // Per second of the reader's own CPU time: separates a slower read from a reader that
        // simply got less processor time (two cores shared by reader, writer, compaction, GC).
        m.put("readOnlyPerReaderCpuSecond", median(aloneCpu));
        m.put("withOneWriterPerReaderCpuSecond", median(besideCpu));
        m.put("cpuNormalizedRatio", median(besideCpu) / median(aloneCpu));
        m.put("compactions", graph.compactions());
        m.put("retainedVersionsAtEnd", graph.retainedVersions());
        log.printf("snapshot reads: %,.0f/s alone, %,.0f/s beside one writer (%,.0f commits/s) = %.0f %% (medians of %d windows; %d compactions so far);"
                        + " per reader-CPU second %.0f %%%n",
                aloneMedian, besideMedian, writes.get() / (windows * o.seconds()), 100 * besideMedian / aloneMedian,
                windows, graph.compactions(), 100 * median(besideCpu) / median(aloneCpu));
        return m;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** {reads per wall second, reads per second of the reader thread's own CPU time}. */
    private static double[] readPhase(Graph graph, Options o, boolean writer, int writerRate, AtomicInteger writes) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread w = null;
        if (writer) {
            w = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(o.seed() + 99);
                int n = o.nodes();
                long begin = System.nanoTime();
                long done = 0;
                while (!stop.get()) {
                    if (writerRate > 0) {
                        long due = begin + done * 1_000_000_000L / writerRate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            continue;
                        }
                    }
                    done++;
                    try (Transaction tx = graph.begin()) {
                        tx.putEdge(rnd.nextInt(n), "written", rnd.nextInt(n), 1.0);
                        tx.commit();
                    }
                    writes.incrementAndGet();
                }
            });
            w.start();
        }
        SplittableRandom random = new SplittableRandom(o.seed() + 3);
        long reads = 0;
        long sink = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + (long) (o.seconds() * 1e9);
        long t = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try (GraphSnapshot s = graph.snapshot()) {
                EdgeCursor c = s.cursor();
                int n = s.nodeIdBound();
                for (int i = 0; i < 1000; i++) {
                    int size = c.out(random.nextInt(n));
                    for (int k = 0; k < size; k++) {
                        sink += c.node(k);
                    }
                }
            }
            reads += 1000;
        }
        double rate = reads / seconds(t);
        double perCpuSecond = reads / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        stop.set(true);
        if (w != null) {
            join(new Thread[] {w});
        }
        if (sink == 42) {
            System.out.print(""); // keeps the reads observable
        }
        return new double[] {rate, perCpuSecond};
    }

    private static int idBound(Graph graph) {
        try (GraphSnapshot s = graph.snapshot()) {
            return s.nodeIdBound();
        }
    }

    private static int hub(GraphSnapshot s) {
        int best = 0;
        int bestDegree = -1;
        EdgeCursor c = s.cursor();
        for (int n = 0; n < s.nodeIdBound(); n++) {
            int d = c.out(n);
            if (d > bestDegree) {
                best = n;
                bestDegree = d;
            }
        }
        return best;
    }

    private static Map<String, Object> percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", sorted.length);
        m.put("p50Nanos", (double) sorted[sorted.length / 2]);
        m.put("p99Nanos", (double) sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]);
        m.put("p999Nanos", (double) sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.999) - 1)]);
        m.put("meanNanos", Arrays.stream(sorted).average().orElse(0));
        return m;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread[] threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
