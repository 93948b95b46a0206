package io.engram.hdc.detect;

import io.engram.hdc.encode.PositionalEncoder;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vector-derived rate-limit rules (hdc-holon §12.5, batch 013): per-field trackers learn what the
 * packet fields looked like during warmup; during an anomaly the fields that drifted, that are now
 * dominated by one value and whose current values have collapsed to few distinct ones form a
 * composite match, rate-limited to the baseline rate decoded back from the rate vectors.
 * Not thread-safe.
 */
public final class RateLimitMitigator {
    static final double DRIFT_THRESHOLD = 0.15;
    static final double MIN_CONCENTRATION = 0.5;
    static final double MAX_ANOMALY_CARDINALITY = 0.3;
    /** The fields watched (the packet's categorical fields; payload size is a magnitude). */
    static final List<String> FIELDS = List.of("protocol", "src_port", "dst_port", "flags", "icmp_type");

    private final int warmup;
    private final VectorManager atoms;
    private final PositionalEncoder rates;
    private final Accumulator rateAccumulator;
    private final Map<String, FieldTracker> trackers = new LinkedHashMap<>();
    private long packets;
    private double decodedBaseline = Double.NaN;

    public RateLimitMitigator(int warmup) {
        this(warmup, new VectorManager(VectorManager.DEFAULT_DIMENSIONS));
    }

    public RateLimitMitigator(int warmup, VectorManager atoms) {
        if (warmup < 1) {
            throw new io.engram.core.InvalidArgumentException("warmup must be at least 1 packet, got " + warmup);
        }
        this.warmup = warmup;
        this.atoms = atoms;
        this.rates = new PositionalEncoder(atoms.dimensions());
        this.rateAccumulator = new Accumulator(atoms.dimensions());
        for (String f : FIELDS) {
            trackers.put(f, new FieldTracker(f, atoms));
        }
    }

    public boolean warmupComplete() {
        return !Double.isNaN(decodedBaseline);
    }

    /** The baseline rate decoded from the warmup's rate vectors (NaN before the warmup ends). */
    public double decodedBaselinePps() {
        return decodedBaseline;
    }

    /** Observes one packet at {@code pps}. */
    public void process(Packet packet, double pps) {
        packets++;
        boolean inWarmup = !warmupComplete();
        if (inWarmup) {
            // ±10 % deterministic jitter gives the rate baseline some width, as the reference does.
            double jittered = pps * (0.9 + 0.2 * Math.abs(Math.sin(packets)));
            rateAccumulator.add(rates.encodeLog(jittered));
        }
        for (FieldTracker t : trackers.values()) {
            String value = packet.field(t.name);
            if (value != null) {
                t.observe(value, inWarmup);
            }
        }
        if (inWarmup && packets >= warmup) {
            trackers.values().forEach(FieldTracker::freeze);
            decodedBaseline = RateDecoder.decode(rateAccumulator.normalize(), rates, -1, 8, 0.1);
        }
    }

    /** During an anomaly: records the values of drifting fields in their anomaly HyperLogLogs. */
    public void trackAnomaly(Packet packet) {
        for (FieldTracker t : trackers.values()) {
            String value = packet.field(t.name);
            if (value != null && t.divergence() > DRIFT_THRESHOLD) {
                t.anomalyHll.add(value);
            }
        }
    }

    /** Per-field divergence from the warmup (0 before it ends). */
    public Map<String, Double> divergences() {
        Map<String, Double> out = new TreeMap<>();
        trackers.forEach((k, t) -> out.put(k, t.divergence()));
        return out;
    }

    /** The rule for the anomaly tracked since the last reset, or null when no field qualifies. */
    public MitigationRule deriveRule() {
        if (!warmupComplete()) {
            return null;
        }
        Map<String, String> match = new TreeMap<>();
        List<String> reasons = new ArrayList<>();
        for (FieldTracker t : trackers.values()) {
            if (t.anomalyHll.count() == 0 || t.divergence() <= DRIFT_THRESHOLD) {
                continue;
            }
            Map.Entry<String, Double> dominant = t.dominant();
            if (dominant == null || dominant.getValue() < MIN_CONCENTRATION) {
                continue;
            }
            double current = t.anomalyHll.cardinalityRatio();
            if (current >= MAX_ANOMALY_CARDINALITY) {
                continue;
            }
            String value = dominant.getKey();
            match.put(t.name, value);
            double base = t.baselineCardinality();
            String change = base > 0.5 ? "was random, now fixed" : base < 0.3 ? "stable" : "changed";
            reasons.add(String.format(Locale.ROOT, "(%s=%s%s, %.0f%% conc, %s)", t.name, value,
                    t.isNovel(value) ? ", novel" : "", 100 * dominant.getValue(), change));
        }
        return match.isEmpty() ? null : new MitigationRule(match, "rate_limit", decodedBaseline, String.join(" + ", reasons));
    }

    /** Clears the anomaly HyperLogLogs before the next anomaly. */
    public void resetAnomalyTracking() {
        trackers.values().forEach(t -> t.anomalyHll.reset());
    }

    /** Golden-section search over log10(rate) for the rate whose encoding best matches a baseline. */
    static final class RateDecoder {
        private RateDecoder() {}

        static double decode(double[] baseline, PositionalEncoder enc, double log10Lo, double log10Hi, double precision) {
            double phi = (1 + Math.sqrt(5)) / 2;
            double lo = log10Lo;
            double hi = log10Hi;
            double d = (hi - lo) / phi;
            double x1 = hi - d;
            double x2 = lo + d;
            double s1 = Similarity.cosine(enc.encodeLog(Math.pow(10, x1)), baseline);
            double s2 = Similarity.cosine(enc.encodeLog(Math.pow(10, x2)), baseline);
            while (hi - lo > precision) {
                if (s1 > s2) {
                    hi = x2;
                    x2 = x1;
                    s2 = s1;
                    d = (hi - lo) / phi;
                    x1 = hi - d;
                    s1 = Similarity.cosine(enc.encodeLog(Math.pow(10, x1)), baseline);
                } else {
                    lo = x1;
                    x1 = x2;
                    s1 = s2;
                    d = (hi - lo) / phi;
                    x2 = lo + d;
                    s2 = Similarity.cosine(enc.encodeLog(Math.pow(10, x2)), baseline);
                }
            }
            return Math.pow(10, (lo + hi) / 2);
        }
    }
}
