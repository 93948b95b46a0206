package io.engram.hdc.detect;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.encode.PositionalEncoder;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.encode.Walkable;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.BaselineScorer;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The zero-hardcode anomaly detector of hdc-holon §12.2. It knows nothing about the events it
 * sees: each event (a {@link Walkable} or a map) is encoded with path-qualified atoms, its rate
 * with the positional log encoder (scale 1000), and both are compared by cosine with baselines
 * learnt during warmup. Every threshold is a z-score against statistics of that warmup.
 *
 * <ol>
 *   <li>Warmup (events 1..warmup): accumulate rate and event vectors; from event 101 on, sample
 *       each vector's cosine with the running accumulator (its sums: a cosine does not see their
 *       scale); at the last warmup event freeze the baselines (the accumulators, scored by
 *       {@link BaselineScorer}) and the samples' mean and std.
 *   <li>Detection: raw = rate_z < −2.5, or pattern_z < −2.0 with rate_z < −0.5 confirming (a
 *       pattern change alone is the residue of a past attack, not an alarm).
 *   <li>Smoothing by {@link AnomalyWindow}: 15 slots, fast recovery, hysteresis 0.5 / 0.2.
 * </ol>
 *
 * <p>Not thread-safe: one detector per stream.
 */
public final class ZeroHardcodeDetector {
    /** Reference dimension. */
    public static final int DIMENSIONS = 4096;
    /** Warmup events before similarities are sampled (the accumulator needs some mass first). */
    static final int SAMPLE_AFTER = 100;
    static final double RATE_Z = -2.5;
    static final double PATTERN_Z = -2.0;
    static final double RATE_CONFIRMS_Z = -0.5;
    static final String NORMAL_TEXT = "Traffic matches learned baseline";

    private final int warmup;
    private final StructureEncoder encoder;
    private final PositionalEncoder rates;
    private final Accumulator rateAccumulator;
    private final Accumulator patternAccumulator;
    private final FrozenBaseline rateBaseline = new FrozenBaseline();
    private final FrozenBaseline patternBaseline = new FrozenBaseline();
    private BaselineScorer rateScorer;
    private BaselineScorer patternScorer;

    private final AnomalyWindow window = new AnomalyWindow();
    private long events;

    // Rates repeat (a phase has one nominal rate), and a positional encoding costs d sin/pow calls.
    private double lastRate = Double.NaN;
    private HyperVector lastRateVector;
    // Against the frozen baseline, the same rate vector always scores the same.
    private HyperVector scoredRateVector;
    private double scoredRateSim;

    /** A detector that learns from the first {@code warmup} events, at d = 4096, atom seed 0. */
    public ZeroHardcodeDetector(int warmup) {
        this(warmup, new StructureEncoder(new VectorManager(DIMENSIONS)));
    }

    public ZeroHardcodeDetector(int warmup, StructureEncoder encoder) {
        if (warmup < 1) {
            throw new InvalidArgumentException("warmup must be at least 1 event, got " + warmup);
        }
        this.warmup = warmup;
        this.encoder = encoder;
        int d = encoder.atoms().dimensions();
        this.rates = new PositionalEncoder(d);
        this.rateAccumulator = new Accumulator(d);
        this.patternAccumulator = new Accumulator(d);
    }

    /** The reference rule: min(first phase packets − 10, 400). */
    public static int referenceWarmup(int firstPhasePackets) {
        return Math.min(firstPhasePackets - 10, 400);
    }

    /** Whether the baselines are frozen (the warmup is over). */
    public boolean warmupComplete() {
        return rateScorer != null;
    }

    public FrozenBaseline rateBaseline() {
        return rateBaseline;
    }

    public FrozenBaseline patternBaseline() {
        return patternBaseline;
    }

    /** Judges one event arriving at {@code rate} events per second. */
    public Verdict process(Object event, double rate) {
        HyperVector pattern = encoder.encodeWalkable(event);
        HyperVector rateVector = rateVector(rate);
        events++;
        if (events <= warmup) {
            learn(pattern, rateVector);
            return new Verdict(events, true, false, false, Double.NaN, Double.NaN, "");
        }
        return detect(event, pattern, rateVector, rate);
    }

    private HyperVector rateVector(double rate) {
        if (Double.compare(rate, lastRate) != 0) {
            lastRateVector = rates.encodeLog(rate, PositionalEncoder.DEFAULT_SCALE);
            lastRate = rate;
        }
        return lastRateVector;
    }

    private void learn(HyperVector pattern, HyperVector rateVector) {
        rateAccumulator.add(rateVector);
        patternAccumulator.add(pattern);
        if (events > SAMPLE_AFTER) {
            rateBaseline.observe(rateAccumulator.cosine(rateVector));
            patternBaseline.observe(patternAccumulator.cosine(pattern));
        }
        if (events == warmup) {
            // The baselines are the normalized sums; a cosine does not see the scale, and the raw
            // sums are integers, which the scorer counts exactly and fast.
            rateScorer = new BaselineScorer(rateAccumulator.sums());
            patternScorer = new BaselineScorer(patternAccumulator.sums());
            rateBaseline.freeze();
            patternBaseline.freeze();
        }
    }

    private Verdict detect(Object event, HyperVector pattern, HyperVector rateVector, double rate) {
        if (rateVector != scoredRateVector) {
            scoredRateSim = rateScorer.cosine(rateVector);
            scoredRateVector = rateVector;
        }
        double rateZ = rateBaseline.zScore(scoredRateSim);
        double patternZ = patternBaseline.zScore(patternScorer.cosine(pattern));
        boolean rateAnomalous = rateZ < RATE_Z;
        boolean patternAnomalous = patternZ < PATTERN_Z;
        boolean raw = rateAnomalous || (patternAnomalous && rateZ < RATE_CONFIRMS_Z);

        boolean anomalous = window.push(raw);
        if (!rateAnomalous && !patternAnomalous) {
            return new Verdict(events, false, anomalous, raw, rateZ, patternZ, NORMAL_TEXT);
        }
        // The event's fields are read now (a caller may reuse the event); their text waits until
        // someone asks for the explanation, which most callers never do.
        Object[] fields = patternAnomalous ? fieldSnapshot(event) : null;
        return new Verdict(events, false, anomalous, raw, rateZ, patternZ,
                () -> explain(fields == null ? null : fieldText(fields), rate, rateZ, patternZ, rateAnomalous,
                        patternAnomalous));
    }

    /** Window sum after the last event (for tests of the recovery sequence). */
    int windowSum() {
        return window.sum();
    }

    private static String explain(String fields, double rate, double rateZ, double patternZ, boolean rateAnomalous,
            boolean patternAnomalous) {
        if (!rateAnomalous && !patternAnomalous) {
            return NORMAL_TEXT;
        }
        StringJoiner parts = new StringJoiner("; ");
        if (rateAnomalous) {
            parts.add(String.format(Locale.ROOT, "Rate (%.0f pps) is %.1f std below baseline", rate, Math.abs(rateZ)));
        }
        if (patternAnomalous) {
            parts.add(String.format(Locale.ROOT, "Pattern [%s] is %.1f std below baseline", fields,
                    Math.abs(patternZ)));
        }
        return parts.toString();
    }

    /** "field=value, …" from the event itself: the explanation names data, never a meaning. */
    static String fields(Object event) {
        return fieldText(fieldSnapshot(event));
    }

    private static final Object NO_KEY = new Object();

    /**
     * The event's keys and values, alternating (an event that is neither a walk nor a map is one
     * value). Immutable scalars are kept as they are; anything else (a nested list or map, a
     * caller's own object) is written out now, since the caller may change it afterwards.
     */
    private static Object[] fieldSnapshot(Object event) {
        java.util.ArrayList<Object> out = new java.util.ArrayList<>(16);
        java.util.function.BiConsumer<Object, Object> keep = (k, v) -> {
            out.add(k);
            out.add(immutable(v) ? v : String.valueOf(v));
        };
        if (event instanceof Walkable w) {
            w.walk(keep::accept);
        } else if (event instanceof Map<?, ?> m) {
            m.forEach(keep);
        } else {
            keep.accept(NO_KEY, event);
        }
        return out.toArray();
    }

    private static boolean immutable(Object v) {
        return v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof Double || v instanceof Float || v instanceof Boolean
                || v instanceof Character || v.getClass() == java.math.BigInteger.class
                || v.getClass() == java.math.BigDecimal.class; // not final: a subclass could change
    }

    private static String fieldText(Object[] fields) {
        StringJoiner out = new StringJoiner(", ");
        for (int i = 0; i < fields.length; i += 2) {
            out.add(fields[i] == NO_KEY ? String.valueOf(fields[i + 1]) : fields[i] + "=" + fields[i + 1]);
        }
        return out.toString();
    }
}
