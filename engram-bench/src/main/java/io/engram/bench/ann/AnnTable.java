package io.engram.bench.ann;

import java.util.Locale;

/** The readable summary printed after a run: every point, then QPS at recall ≥ 0.90/0.95/0.99. */
public final class AnnTable {

    private AnnTable() {}

    public static String format(AnnResult result) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s (%s, %d × %d d, %d queries), k = %d, build threads %d, one query thread%n%n",
                result.dataset(), result.metric(), result.trainSize(), result.dimension(), result.querySize(),
                result.k(), result.buildThreads()));
        int width = "QPS at recall".length() + 1;
        java.util.TreeSet<String> knobs = new java.util.TreeSet<>();
        for (AnnResult.EngineResult e : result.engines()) {
            width = Math.max(width, e.engine().length());
            if (!e.sweepName().isEmpty()) {
                knobs.add(e.sweepName());
            }
        }
        String name = "%-" + width + "s";
        // the knob column is named after the sweep when every engine sweeps the same one (ef, rerank, probes)
        String knob = knobs.size() == 1 ? knobs.first() : "param";
        String header = String.format(Locale.ROOT, name + " %9s %10s %6s %9s %10s %9s %9s %9s%n", "engine", "build s",
                "index", knob, "recall@" + result.k(), "QPS", "p50 µs", "p95 µs", "p99 µs");
        b.append(header).append("-".repeat(header.length() - 1)).append(System.lineSeparator());
        for (AnnResult.EngineResult e : result.engines()) {
            boolean first = true;
            for (AnnResult.Point p : e.points()) {
                b.append(String.format(Locale.ROOT, name + " %9s %10s %6s %9.4f %10.0f %9.1f %9.1f %9.1f%n",
                        first ? e.engine() : "", first ? String.format(Locale.ROOT, "%.2f", e.buildSeconds()) : "",
                        first ? bytes(e.indexBytes()) : "", e.sweepName().isEmpty() ? "—" : Integer.toString(p.param()),
                        p.recall(), p.qps(), p.p50Micros(), p.p95Micros(), p.p99Micros()));
                first = false;
            }
        }
        b.append(System.lineSeparator());
        b.append(String.format(Locale.ROOT, name + " %14s %14s %14s%n", "QPS at recall", "≥ 0.90", "≥ 0.95", "≥ 0.99"));
        for (AnnResult.EngineResult e : result.engines()) {
            b.append(String.format(Locale.ROOT, name, e.engine()));
            for (double t : AnnResult.RECALL_THRESHOLDS) {
                double qps = e.qpsAtRecall(t);
                b.append(String.format(Locale.ROOT, " %14s", Double.isNaN(qps) ? "—" : String.format(Locale.ROOT, "%.0f", qps)));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kb) : String.format(Locale.ROOT, "%.1f MiB", kb / 1024);
    }
}
