package io.engram.hdc.detect;

import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.VectorManager;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference zero-hardcode demo (hdc-holon §12): 48,750 simulated packets over seven phases,
 * detected by {@link ZeroHardcodeDetector} with nothing but learnt baselines. {@link #run()}
 * returns the per-phase table; {@link #main} prints it with the packets per second it ran at.
 */
public final class DetectDemo {

    /** One row of the result table. */
    public record PhaseResult(String name, boolean attack, int packets, int detected, String status) {
        public double detectionRate() {
            return packets == 0 ? 0.0 : (double) detected / packets;
        }
    }

    /** The whole run. */
    public record Report(List<PhaseResult> phases, int warmup, long nanos, FrozenBaseline rateBaseline,
            FrozenBaseline patternBaseline) {
        public long totalPackets() {
            return phases.stream().mapToLong(PhaseResult::packets).sum();
        }

        /** Detected attack-phase packets over all attack-phase packets. */
        public double recall() {
            long detected = phases.stream().filter(PhaseResult::attack).mapToLong(PhaseResult::detected).sum();
            long total = phases.stream().filter(PhaseResult::attack).mapToLong(PhaseResult::packets).sum();
            return total == 0 ? 0.0 : (double) detected / total;
        }

        /** Flagged calm-phase packets over all calm-phase packets, the warmup phase excluded. */
        public double falsePositiveRate() {
            long flagged = 0;
            long total = 0;
            for (int i = 1; i < phases.size(); i++) {
                PhaseResult p = phases.get(i);
                if (!p.attack()) {
                    flagged += p.detected();
                    total += p.packets();
                }
            }
            return total == 0 ? 0.0 : (double) flagged / total;
        }

        public double packetsPerSecond() {
            return nanos == 0 ? 0.0 : totalPackets() * 1e9 / nanos;
        }
    }

    private DetectDemo() {}

    /** Runs the reference timeline with the reference generator (seed 42), atoms made as they come. */
    public static Report run() {
        return run(TrafficPhase.REFERENCE_TIMELINE, TrafficPhase.REFERENCE_SCALE, new TrafficGenerator());
    }

    /**
     * {@link #run()} with the atoms of {@code encoder} (d = 4096), which may already hold some: a
     * detector in a long-running process meets values its encoder has seen before. The detector
     * itself is always new.
     */
    public static Report run(StructureEncoder encoder) {
        return run(TrafficPhase.REFERENCE_TIMELINE, TrafficPhase.REFERENCE_SCALE, new TrafficGenerator(), encoder);
    }

    public static Report run(List<TrafficPhase> timeline, double scale, TrafficGenerator generator) {
        return run(timeline, scale, generator, new StructureEncoder(new VectorManager(ZeroHardcodeDetector.DIMENSIONS)));
    }

    private static Report run(List<TrafficPhase> timeline, double scale, TrafficGenerator generator,
            StructureEncoder encoder) {
        int warmup = ZeroHardcodeDetector.referenceWarmup(timeline.getFirst().packets(scale));
        ZeroHardcodeDetector detector = new ZeroHardcodeDetector(warmup, encoder);
        List<PhaseResult> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < timeline.size(); p++) {
            TrafficPhase phase = timeline.get(p);
            int packets = phase.packets(scale);
            int detected = 0;
            for (int i = 0; i < packets; i++) {
                Packet packet = generator.next(phase);
                Verdict v = detector.process(packet, phase.packetsPerSecond());
                if (detector.warmupComplete() && v.anomalous()) {
                    detected++;
                }
            }
            rows.add(new PhaseResult(phase.name(), phase.isAttack(), packets, detected, status(p, phase, packets, detected)));
        }
        long nanos = System.nanoTime() - start;
        return new Report(List.copyOf(rows), warmup, nanos, detector.rateBaseline(), detector.patternBaseline());
    }

    /**
     * The reference traffic as NDJSON events, one packet a line, in the demo's order: the packet's
     * JSON with its phase's rate as a scalar field, {@code "rate":{"$log":pps}}. What
     * {@code engram detect stream} reads, so the generic detector can be tried on the demo's data.
     */
    public static void writeEvents(PrintStream out) {
        TrafficGenerator generator = new TrafficGenerator();
        StringBuilder line = new StringBuilder(160);
        for (TrafficPhase phase : TrafficPhase.REFERENCE_TIMELINE) {
            String rate = ",\"rate\":{\"$log\":" + phase.packetsPerSecond() + "}}";
            for (int i = 0, n = phase.packets(TrafficPhase.REFERENCE_SCALE); i < n; i++) {
                String packet = generator.next(phase).toJson();
                line.setLength(0);
                line.append(packet, 0, packet.length() - 1).append(rate);
                out.println(line);
            }
        }
    }

    private static String status(int index, TrafficPhase phase, int packets, int detected) {
        double rate = (double) detected / packets;
        if (index == 0) {
            return "LEARNING";
        }
        if (phase.isAttack()) {
            return rate > 0.5 ? "DETECTED" : "MISSED";
        }
        return rate < 0.05 ? "CLEAN" : "FP";
    }

    /** The table as text. */
    public static void print(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "%-12s %8s %9s %7s  %s%n", "phase", "packets", "detected", "rate", "status");
        for (PhaseResult p : r.phases()) {
            out.printf(Locale.ROOT, "%-12s %8d %9d %6.1f%%  %s%n", p.name(), p.packets(), p.detected(),
                    100 * p.detectionRate(), p.status());
        }
        out.printf(Locale.ROOT, "recall %.2f %%, false-positive rate %.2f %%, warmup %d packets%n",
                100 * r.recall(), 100 * r.falsePositiveRate(), r.warmup());
        out.printf(Locale.ROOT, "%d packets in %.3f s = %.0f packets/s (one thread, d = %d)%n", r.totalPackets(),
                r.nanos() / 1e9, r.packetsPerSecond(), ZeroHardcodeDetector.DIMENSIONS);
    }

    /** The table as one JSON object. */
    public static String toJson(Report r) {
        StringBuilder sb = new StringBuilder("{\"phases\":[");
        for (int i = 0; i < r.phases().size(); i++) {
            PhaseResult p = r.phases().get(i);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"%s\",\"attack\":%b,\"packets\":%d,\"detected\":%d,\"status\":\"%s\"}",
                    p.name(), p.attack(), p.packets(), p.detected(), p.status()));
        }
        return sb.append(String.format(Locale.ROOT,
                "],\"recall\":%.6f,\"falsePositiveRate\":%.6f,\"warmup\":%d,\"packets\":%d,\"seconds\":%.6f,\"packetsPerSecond\":%.1f}",
                r.recall(), r.falsePositiveRate(), r.warmup(), r.totalPackets(), r.nanos() / 1e9, r.packetsPerSecond()))
                .toString();
    }

    public static void main(String[] args) {
        Report r = run();
        if (List.of(args).contains("--json")) {
            System.out.println(toJson(r));
        } else {
            print(r, System.out);
        }
    }
}
