package io.engram.hdc.detect;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.encode.JsonValues;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.encode.StructureEncoder.FieldTerm;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.BaselineScorer;
import io.engram.hdc.kernel.BundleBuilder;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A domain-free streaming detector for any JSON events: it learns a baseline from the first
 * {@code warmup} events and then judges each event by how far its similarity to that baseline
 * falls below the warmup's own similarities (a z-score), smoothed by {@link AnomalyWindow}.
 *
 * <p>Each top-level field's contribution (its role–filler binding) is scored against the
 * baseline the same way, with per-field statistics learnt during warmup. A field that falls
 * {@value #FIELD_ALARM_Z} standard deviations below its own warmup is an anomaly on its own,
 * even when the event as a whole still looks ordinary: a field that never changed during warmup
 * and now does (a rate, a status) moves one term of the bundle only. The explanation names the
 * fields that fall furthest below theirs as field=value. Nothing in this depends on what the
 * fields mean. Not thread-safe: one detector per stream.
 */
public final class StreamDetector {
    /** z below which an event is raw-anomalous, and below which a field is named. */
    public static final double EVENT_Z = -2.5;
    static final double FIELD_Z = -2.0;
    /** z below which one field makes its event raw-anomalous: stricter than {@link #EVENT_Z}, as an event has several fields. */
    static final double FIELD_ALARM_Z = -4.0;
    static final int MAX_FIELDS_NAMED = 3;
    /**
     * Distinct top-level fields whose statistics warmup learns; events with ever-new keys would
     * otherwise grow memory without bound. Later fields are named as untracked.
     */
    static final int MAX_TRACKED_FIELDS = 1024;

    /** One verdict; z is NaN during warmup. */
    public record StreamVerdict(long event, boolean warmup, boolean anomalous, boolean raw, double z,
            List<String> unusualFields) {
        /** One JSON line. */
        public String toJson() {
            StringBuilder sb = new StringBuilder("{\"event\":").append(event).append(",\"warmup\":").append(warmup)
                    .append(",\"anomalous\":").append(anomalous).append(",\"raw\":").append(raw).append(",\"z\":")
                    .append(Double.isNaN(z) ? "null" : String.format(Locale.ROOT, "%.3f", z)).append(",\"explanation\":[");
            for (int i = 0; i < unusualFields.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quote(unusualFields.get(i)));
            }
            return sb.append("]}").toString();
        }
    }

    private final int warmup;
    private final int sampleAfter;
    private final StructureEncoder encoder;
    private final Accumulator accumulator;
    private final FrozenBaseline eventBaseline = new FrozenBaseline();
    private final Map<String, FrozenBaseline> fieldBaselines = new HashMap<>();
    private final AnomalyWindow window = new AnomalyWindow();
    private boolean fieldsCapped;
    private BaselineScorer baseline;
    private long events;

    /** d = 4096, atom seed 0. */
    public StreamDetector(int warmup) {
        this(warmup, new StructureEncoder(new VectorManager(VectorManager.DEFAULT_DIMENSIONS)));
    }

    public StreamDetector(int warmup, StructureEncoder encoder) {
        if (warmup < 3) {
            throw new InvalidArgumentException("stream warmup must be at least 3 events, got " + warmup);
        }
        this.warmup = warmup;
        // The first third only builds mass; similarities against a near-empty baseline say nothing.
        this.sampleAfter = warmup / 3;
        this.encoder = encoder;
        this.accumulator = new Accumulator(encoder.atoms().dimensions());
    }

    /** Fields whose warmup statistics are kept (at most {@value #MAX_TRACKED_FIELDS}). */
    int trackedFields() {
        return fieldBaselines.size();
    }

    public boolean warmupComplete() {
        return baseline != null;
    }

    /**
     * An event parsed and encoded, ready for {@link #judge}. Making one checks the input and
     * changes nothing in the detector, so a caller can prepare a whole batch first and judge it
     * only if every event is valid.
     */
    public static final class Event {
        private final HyperVector vector;
        private final Supplier<Map<String, Object>> fields;
        /** Each top-level field's term of {@link #vector}, in the event's order. */
        private final List<FieldTerm> terms;

        private Event(HyperVector vector, Supplier<Map<String, Object>> fields, List<FieldTerm> terms) {
            this.vector = vector;
            this.fields = fields;
            this.terms = terms;
        }

        /** The event's encoding. */
        HyperVector vector() {
            return vector;
        }
    }

    /**
     * One NDJSON line (a JSON object) as an event, encoded by the JSON rules: number literals keep
     * their integer or float form ({@code 1} and {@code 1.0} are different values) and
     * {@code $log}/{@code $linear} objects are scalars. Bad input (not JSON, not an object of
     * fields) is an {@link InvalidArgumentException}. Thread-safe (it only reads the shared
     * encoder). The line is parsed into values only if an explanation needs them.
     */
    public Event prepareJson(String line) {
        // One pass gives every field's role and filler; their bundle is the event's encoding.
        List<FieldTerm> terms = encoder.jsonFieldTerms(line);
        HyperVector v;
        if (terms.isEmpty()) {
            v = encoder.encodeJson(line); // {}: the atom "{}"
        } else {
            BundleBuilder sums = new BundleBuilder(encoder.atoms().dimensions());
            for (FieldTerm t : terms) {
                sums.addBound(t.role(), t.filler());
            }
            v = sums.build();
        }
        @SuppressWarnings("unchecked")
        Supplier<Map<String, Object>> fields = () -> (Map<String, Object>) JsonValues.parse(line);
        return new Event(v, fields, terms);
    }

    /** An event given as a map of Java values, encoded as {@link StructureEncoder#encodeWalkable} does. Thread-safe. */
    public Event prepare(Map<String, Object> fields) {
        HyperVector v = encoder.encodeWalkable(fields); // first: it checks the keys (strings) and values
        List<FieldTerm> terms = new ArrayList<>(fields.size());
        fields.forEach((key, value) -> terms.add(encoder.fieldTerm(key, value)));
        return new Event(v, () -> fields, terms);
    }

    /** Judges one NDJSON line: {@code judge(prepareJson(line))}. */
    public StreamVerdict processJson(String line) {
        return judge(prepareJson(line));
    }

    /** Judges one event given as a map of fields: {@code judge(prepare(event))}. */
    public StreamVerdict process(Map<String, Object> event) {
        return judge(prepare(event));
    }

    /** The verdict on a prepared event, which counts as the next one of the stream. */
    public StreamVerdict judge(Event e) {
        HyperVector v = e.vector;
        events++;
        if (events <= warmup) {
            accumulator.add(v);
            if (events > sampleAfter) {
                // Against the running sums: the cosine with their normalization, without making it.
                eventBaseline.observe(accumulator.cosine(v));
                for (FieldTerm t : e.terms) {
                    FrozenBaseline fb = fieldBaselines.get(t.key());
                    if (fb == null) {
                        if (fieldBaselines.size() >= MAX_TRACKED_FIELDS) {
                            fieldsCapped = true;
                            continue;
                        }
                        fb = new FrozenBaseline();
                        fieldBaselines.put(t.key(), fb);
                    }
                    fb.observe(accumulator.cosine(t.bound()));
                }
            }
            if (events == warmup) {
                // The frozen baseline is the normalized sums; integer sums are scored exactly and fast.
                baseline = new BaselineScorer(accumulator.sums());
                eventBaseline.freeze();
                fieldBaselines.values().forEach(FrozenBaseline::freeze);
            }
            return new StreamVerdict(events, true, false, false, Double.NaN, List.of());
        }
        double z = eventBaseline.zScore(baseline.cosine(v));
        // Each field's z, in the terms' order; NaN for a field warmup did not track.
        double[] fieldZ = new double[e.terms.size()];
        boolean fieldAlarm = false;
        int i = 0;
        for (FieldTerm t : e.terms) {
            FrozenBaseline fb = fieldBaselines.get(t.key());
            // The pair is scored as it stands, without making the bound vector.
            double fz = fb == null ? Double.NaN : fb.zScore(baseline.cosine(t.role(), t.filler()));
            fieldZ[i++] = fz;
            fieldAlarm |= fz < FIELD_ALARM_Z;
        }
        boolean raw = z < EVENT_Z || fieldAlarm;
        boolean anomalous = window.push(raw);
        List<String> fields = raw || anomalous ? unusualFields(e.fields.get(), e.terms, fieldZ) : List.of();
        return new StreamVerdict(events, false, anomalous, raw, z, fields);
    }

    /**
     * "field=value (z …)" for the fields furthest below their warmup similarity, or not seen in
     * warmup ("new field"; "untracked field" once warmup met more than {@value #MAX_TRACKED_FIELDS}
     * distinct fields and stopped learning new ones).
     */
    private List<String> unusualFields(Map<String, Object> values, List<FieldTerm> terms, double[] fieldZ) {
        record Scored(String text, double z) {}
        List<Scored> scored = new ArrayList<>();
        int i = 0;
        for (FieldTerm t : terms) {
            String key = t.key();
            double fz = fieldZ[i++];
            Object value = display(values.get(key));
            if (Double.isNaN(fz)) {
                scored.add(new Scored(key + "=" + value + (fieldsCapped ? " (untracked field)" : " (new field)"),
                        Double.NEGATIVE_INFINITY));
            } else if (fz < FIELD_Z) {
                scored.add(new Scored(String.format(Locale.ROOT, "%s=%s (z %.1f)", key, value, fz), fz));
            }
        }
        scored.sort((a, b) -> Double.compare(a.z(), b.z()));
        List<String> out = new ArrayList<>();
        for (int k = 0; k < Math.min(MAX_FIELDS_NAMED, scored.size()); k++) {
            out.add(scored.get(k).text());
        }
        return out;
    }

    /** A field's value as an explanation shows it: text and numbers as they are, objects and arrays as JSON. */
    private static Object display(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JsonValues.toJson(value);
            } catch (InvalidArgumentException e) {
                return value; // a Java map holding other objects: as Java prints it
            }
        }
        return value;
    }

    /** The line a stream writes for an input line it could not judge: {"line":N,"error":"…"}. */
    public static String errorJson(long line, String message) {
        return "{\"line\":" + line + ",\"error\":" + quote(message) + "}";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
