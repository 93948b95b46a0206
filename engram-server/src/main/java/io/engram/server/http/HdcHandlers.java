package io.engram.server.http;

import io.engram.hdc.detect.StreamDetector;
import io.engram.hdc.detect.StreamDetector.StreamVerdict;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import io.engram.server.ServerOptions;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hypervector routes: encode JSON into a ternary hypervector, compare two JSON values, and
 * named anomaly streams (the zero-hardcode detector of engram-hdc) that take events and answer
 * verdicts with field=value explanations.
 */
public final class HdcHandlers {
    public static final int MIN_DIMENSION = 64;
    public static final int MAX_DIMENSION = 16_384;
    /** Distinct (dimension, seed) encoders kept; each holds bounded atom and position caches. */
    static final int MAX_ENCODERS = 8;
    /**
     * Bytes of atom planes (d/4 bytes per atom) that each of an encoder's three atom stores may
     * hold: the atom cache, the position cache, and the index of fields by path and value, which
     * mostly shares the atom cache's vectors but may keep as many again alive. Each encoder's
     * positional encoder also keeps recent $log/$linear encodings, 8 MiB at most
     * (PositionalEncoder.KEPT_BYTES).
     */
    static final long CACHE_BYTES = 32L << 20;
    public static final int MAX_EVENTS_PER_REQUEST = 10_000;
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record EncoderKey(int dimension, long seed) {}

    private final ServerOptions options;
    private final AnomalyStreams streams = new AnomalyStreams();
    private final ConcurrentHashMap<EncoderKey, StructureEncoder> encoders = new ConcurrentHashMap<>();

    public HdcHandlers(ServerOptions options) {
        this.options = options;
    }

    // ---- hypervectors ----

    /** {@code {json, dimension?, seed?, include_vector?}} → {@code {dimension, seed, nnz, density, vector?}}. */
    public void encode(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, options.maxBodyBytes()), "").allowOnly(
                Set.of("json", "dimension", "seed", "include_vector"));
        StructureEncoder encoder = encoder(f);
        HyperVector v = encoder.encodeJson(jsonText(f, "json"));
        ObjectNode o = NODES.objectNode();
        o.put("dimension", v.dimensions());
        o.put("seed", encoder.atoms().globalSeed());
        o.put("nnz", v.nnz());
        o.put("density", v.density());
        if (f.has("include_vector") && f.raw("include_vector").asBoolean()) {
            // One signed byte per dimension (-1, 0, 1), base64: 4096 dimensions cost 5.5 KB, not 20 KB of numbers.
            o.put("vector_int8_base64", Base64.getEncoder().encodeToString(v.toArray()));
        }
        ApiHandlers.json(ctx, 200, o);
    }

    /** {@code {a, b, dimension?, seed?}} → {@code {cosine}} of the two JSON values' hypervectors. */
    public void similarity(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, options.maxBodyBytes()), "").allowOnly(
                Set.of("a", "b", "dimension", "seed"));
        StructureEncoder encoder = encoder(f);
        double cosine = Similarity.cosine(encoder.encodeJson(jsonText(f, "a")), encoder.encodeJson(jsonText(f, "b")));
        ObjectNode o = NODES.objectNode();
        o.put("cosine", cosine);
        o.put("dimension", encoder.atoms().dimensions());
        ApiHandlers.json(ctx, 200, o);
    }

    private StructureEncoder encoder(JsonFields f) {
        int dimension = f.integer("dimension", MIN_DIMENSION, MAX_DIMENSION, VectorManager.DEFAULT_DIMENSIONS);
        long seed = f.has("seed") ? (long) JsonFields.doubleValue(f.raw("seed"), f.path("seed"), 0, 1L << 53) : 0L;
        EncoderKey key = new EncoderKey(dimension, seed);
        StructureEncoder e = encoders.get(key);
        if (e != null) {
            return e;
        }
        synchronized (encoders) {
            if (encoders.size() >= MAX_ENCODERS && !encoders.containsKey(key)) {
                throw new ApiException(400, "invalid_argument", "expected one of the " + MAX_ENCODERS
                        + " (dimension, seed) pairs already in use " + encoders.keySet() + ", got (" + dimension + ", "
                        + seed + "); the server keeps at most " + MAX_ENCODERS + " encoders");
            }
            return encoders.computeIfAbsent(key, k -> new StructureEncoder(new VectorManager(k.dimension(), k.seed(),
                    (int) Math.max(1024, CACHE_BYTES / (k.dimension() / 4)))));
        }
    }

    private static String jsonText(JsonFields f, String name) {
        if (!f.has(name) || f.raw(name).isNull()) {
            throw ApiException.badRequest("expected field '" + f.path(name) + "' with a JSON value to encode, got none");
        }
        return Json.MAPPER.writeValueAsString(f.raw(name));
    }

    // ---- anomaly streams ----

    /** {@code {name, warmup?}} → 201 with the stream. */
    public void createStream(Context ctx) {
        JsonFields f = JsonFields.of(Json.body(ctx, options.maxBodyBytes()), "").allowOnly(Set.of("name", "warmup"));
        String name = f.requireString("name");
        if (!STREAM_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("expected a stream name of 1-64 letters, digits, '.', '-' or '_' starting with a"
                    + " letter or digit, got '" + JsonFields.abbreviate(name) + "'");
        }
        int warmup = f.integer("warmup", 3, 1_000_000, 500);
        ApiHandlers.json(ctx, 201, describe(streams.create(name, warmup)));
    }

    public void listStreams(Context ctx) {
        ArrayNode list = NODES.arrayNode();
        streams.list().forEach(s -> list.add(describe(s)));
        ObjectNode o = NODES.objectNode();
        o.set("streams", list);
        ApiHandlers.json(ctx, 200, o);
    }

    public void getStream(Context ctx) {
        ApiHandlers.json(ctx, 200, describe(streams.get(ctx.pathParam("stream"))));
    }

    public void deleteStream(Context ctx) {
        String name = ctx.pathParam("stream");
        if (!streams.delete(name)) {
            throw new ApiException(404, "unknown_stream", "no anomaly stream named '" + name + "'");
        }
        ctx.status(204);
    }

    /**
     * Events: one JSON object, a JSON array of objects, or NDJSON (one object per line). Every event
     * is checked before any is judged, so a bad one leaves the stream untouched; the 400 names it.
     */
    public void postEvents(Context ctx) {
        AnomalyStreams.Stream stream = streams.get(ctx.pathParam("stream"));
        byte[] body = Json.bytes(ctx, options.maxBodyBytes());
        List<StreamDetector.Event> events = stream.prepare(parseEvents(body));
        ArrayNode verdicts = NODES.arrayNode();
        for (StreamVerdict v : stream.process(events)) {
            verdicts.add(verdict(v));
        }
        ObjectNode o = NODES.objectNode();
        o.put("stream", stream.name);
        o.put("events", stream.events());
        o.set("verdicts", verdicts);
        ApiHandlers.json(ctx, 200, o);
    }

    public void verdicts(Context ctx) {
        AnomalyStreams.Stream stream = streams.get(ctx.pathParam("stream"));
        int limit = ApiHandlers.intQuery(ctx, "limit", 1, AnomalyStreams.KEPT_VERDICTS, 100);
        ArrayNode verdicts = NODES.arrayNode();
        stream.recent(limit).forEach(v -> verdicts.add(verdict(v)));
        ObjectNode o = NODES.objectNode();
        o.put("stream", stream.name);
        o.set("verdicts", verdicts);
        ApiHandlers.json(ctx, 200, o);
    }

    private static List<AnomalyStreams.EventText> parseEvents(byte[] body) {
        List<AnomalyStreams.EventText> events = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.strip().startsWith("[")) {
            JsonNode array = Json.MAPPER.readTree(text);
            for (int i = 0; i < array.size(); i++) {
                events.add(event(array.get(i), "events[" + i + "]", null));
                checkCount(events.size());
            }
        } else {
            int line = 0;
            for (String l : (Iterable<String>) text.lines()::iterator) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                try {
                    events.add(event(Json.MAPPER.readTree(l), "line " + line, l));
                } catch (JacksonException e) {
                    throw ApiException.badRequest("line " + line + ": malformed JSON: " + e.getOriginalMessage());
                }
                checkCount(events.size());
            }
        }
        if (events.isEmpty()) {
            throw ApiException.badRequest("expected at least one event (a JSON object, an array of them, or NDJSON), got none");
        }
        return events;
    }

    /**
     * The event's JSON text as the stream detector reads it: the NDJSON line itself, or the array
     * element written back (number literals keep their integer or float form). A number that
     * overflows a double is refused here: written back, it would be the string "Infinity".
     */
    private static AnomalyStreams.EventText event(JsonNode node, String where, String source) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(where + ": expected a JSON object event, got " + JsonFields.describe(node));
        }
        requireFinite(node, where);
        return new AnomalyStreams.EventText(where, source != null ? source : node.toString());
    }

    private static void requireFinite(JsonNode node, String where) {
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw ApiException.badRequest(where + ": expected finite numbers, got one beyond the double range");
            }
        } else if (node.isContainer()) {
            for (JsonNode child : node) {
                requireFinite(child, where);
            }
        }
    }

    private static void checkCount(int n) {
        if (n > MAX_EVENTS_PER_REQUEST) {
            throw new ApiException(413, "too_many_events", "expected at most " + MAX_EVENTS_PER_REQUEST
                    + " events per request, got more");
        }
    }

    private static ObjectNode describe(AnomalyStreams.Stream s) {
        ObjectNode o = NODES.objectNode();
        o.put("name", s.name);
        o.put("warmup", s.warmup);
        o.put("events", s.events());
        o.put("anomalies", s.anomalies());
        o.put("warmup_complete", s.warmupComplete());
        return o;
    }

    private static ObjectNode verdict(StreamVerdict v) {
        ObjectNode o = NODES.objectNode();
        o.put("event", v.event());
        o.put("warmup", v.warmup());
        o.put("anomalous", v.anomalous());
        o.put("raw", v.raw());
        if (Double.isNaN(v.z())) {
            o.putNull("z");
        } else {
            o.put("z", v.z());
        }
        ArrayNode explanation = o.putArray("explanation");
        v.unusualFields().forEach(explanation::add);
        return o;
    }
}
