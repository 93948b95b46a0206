package io.engram.server.http;

import io.engram.core.DimensionMismatchException;
import io.engram.core.Metric;
import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.collection.CollectionStats;
import io.engram.engine.collection.EmbedderKind;
import io.engram.engine.collection.IndexKind;
import io.engram.engine.collection.UnknownRecordException;
import io.engram.engine.knowledge.ResolveAction;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.query.SearchResults;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.server.ServerOptions;
import io.javalin.http.Context;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The handlers of the {@code /v1} routes: each reads and validates its request at the boundary,
 * calls the engine and writes the response. Failures are thrown and mapped by {@link ErrorMapper}.
 */
public final class ApiHandlers {
    private static final Set<String> SEARCH_VECTOR = Set.of("vector");
    private static final Set<String> CONTEXT_VECTOR = Set.of("query_vector");

    /** NDJSON lines are added in atomic batches of this many records. */
    static final int NDJSON_BATCH = 1000;
    /** Leiden over a whole collection graph is analysis work; a request gets this long, then a partial answer. */
    static final java.time.Duration COMMUNITY_BUDGET = java.time.Duration.ofSeconds(2);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Engram engram;
    private final ServerOptions options;
    private final Metrics metrics;
    private final long startedNanos = System.nanoTime();

    public ApiHandlers(Engram engram, ServerOptions options, Metrics metrics) {
        this.engram = engram;
        this.options = options;
        this.metrics = metrics;
    }

    // ---- service ----

    public void health(Context ctx) {
        ObjectNode o = NODES.objectNode();
        o.put("status", "ok");
        o.put("version", Version.VERSION);
        o.put("uptime_seconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        o.put("auth", options.apiKey() != null);
        json(ctx, 200, o);
    }

    public void metrics(Context ctx) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        try {
            for (Collection c : engram.collections()) {
                CollectionStats s = c.stats();
                counts.put(c.name(), Map.of("active", s.active(), "superseded", s.superseded(), "archived", s.archived(),
                        "total", s.records()));
            }
        } catch (RuntimeException e) {
            // Request metrics stay useful while the store cannot answer; the gauges are left out.
            counts.clear();
        }
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render(counts));
    }

    // ---- collections ----

    static final Set<String> COLLECTION_FIELDS = Set.of("name", "dimension", "metric", "index", "embedder");

    public void createCollection(Context ctx) {
        JsonFields f = JsonFields.of(body(ctx), "").allowOnly(COLLECTION_FIELDS);
        String name = f.requireString("name");
        String embedderName = f.string("embedder");
        EmbedderKind embedder = embedderName == null ? EmbedderKind.MINILM : EmbedderKind.fromWire(embedderName);
        int dimension;
        if (f.has("dimension")) {
            dimension = f.integer("dimension", 1, CollectionSpec.MAX_DIMENSION, 0);
        } else if (embedder == EmbedderKind.MINILM) {
            dimension = 384;
        } else {
            throw ApiException.badRequest("field 'dimension': required with embedder none (records bring their own "
                    + "vectors), expected an integer in 1.." + CollectionSpec.MAX_DIMENSION + ", got nothing");
        }
        Metric metric = metric(f.string("metric"));
        String indexName = f.string("index");
        IndexKind index = indexName == null ? IndexKind.HNSW : IndexKind.fromWire(indexName);
        Collection c = engram.createCollection(new CollectionSpec(name, dimension, metric, index, embedder));
        json(ctx, 201, QueryCodec.collection(c.spec(), c.stats()));
    }

    static Metric metric(String name) {
        if (name == null) {
            return Metric.COSINE;
        }
        Metric m = Metric.parse(name);
        if (m == Metric.HAMMING) {
            throw ApiException.badRequest("field 'metric': expected l2, cosine or inner_product for float vectors, got '"
                    + JsonFields.abbreviate(name) + "'");
        }
        return m;
    }

    public void listCollections(Context ctx) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray("collections");
        for (Collection c : engram.collections()) {
            a.add(QueryCodec.collection(c.spec(), c.stats()));
        }
        json(ctx, 200, o);
    }

    public void getCollection(Context ctx) {
        Collection c = collection(ctx);
        json(ctx, 200, QueryCodec.collection(c.spec(), c.stats()));
    }

    public void dropCollection(Context ctx) {
        String name = ctx.pathParam("name");
        if (!engram.dropCollection(name)) {
            throw new io.engram.engine.collection.UnknownCollectionException(name);
        }
        ObjectNode o = NODES.objectNode();
        o.put("deleted", name);
        json(ctx, 200, o);
    }

    public void rebuild(Context ctx) {
        Collection c = collection(ctx);
        long start = System.nanoTime();
        c.rebuild();
        ObjectNode o = QueryCodec.collection(c.spec(), c.stats());
        o.put("took_micros", (System.nanoTime() - start) / 1000);
        json(ctx, 200, o);
    }

    // ---- records ----

    public void addRecords(Context ctx) {
        Collection c = collection(ctx);
        JsonNode body = body(ctx);
        JsonFields f = JsonFields.of(body, "");
        // Vectors are parsed up to the largest dimension any collection has, then checked against this one's,
        // so that a wrong length is reported as a dimension mismatch.
        int maxDim = CollectionSpec.MAX_DIMENSION;
        if (f.node().has("records")) {
            f.allowOnly(Set.of("records"));
            List<JsonNode> items = f.array("records", ServerOptions.MAX_BATCH);
            if (items.isEmpty()) {
                throw ApiException.badRequest("field 'records': expected 1.." + ServerOptions.MAX_BATCH + " records, got 0");
            }
            List<NewRecord> batch = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                batch.add(checked(RecordCodec.read(JsonFields.of(items.get(i), "records[" + i + "]"), maxDim), c));
            }
            List<KnowledgeRecord> added = c.addAll(batch);
            ObjectNode o = NODES.objectNode();
            o.put("added", added.size());
            ArrayNode ids = o.putArray("ids");
            added.forEach(r -> ids.add(r.id()));
            json(ctx, 201, o);
        } else {
            KnowledgeRecord r = c.add(checked(RecordCodec.read(f, maxDim), c));
            json(ctx, 201, g -> RecordCodec.write(g, r, null));
        }
    }

    public void addNdjson(Context ctx) {
        Collection c = collection(ctx);
        byte[] bytes = Json.bytes(ctx, options.maxBodyBytes());
        // Vectors are parsed up to the largest dimension any collection has, then checked against this one's,
        // so that a wrong length is reported as a dimension mismatch.
        int maxDim = CollectionSpec.MAX_DIMENSION;
        List<NewRecord> records = new ArrayList<>();
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    records.add(checked(RecordCodec.read(JsonFields.of(node, ""), maxDim), c));
                } catch (ApiException | JacksonException | io.engram.core.InvalidArgumentException e) {
                    ErrorMapper.ApiError error = ErrorMapper.map(e);
                    throw new ApiException(400, error.code(), "line " + lineNumber + ": " + error.detail());
                }
            }
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "could not read the NDJSON body: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw ApiException.badRequest("expected at least one NDJSON record line, got " + lineNumber + " blank line(s)");
        }
        int added = 0;
        for (int from = 0; from < records.size(); from += NDJSON_BATCH) {
            added += c.addAll(records.subList(from, Math.min(records.size(), from + NDJSON_BATCH))).size();
        }
        ObjectNode o = NODES.objectNode();
        o.put("lines", lineNumber);
        o.put("added", added);
        json(ctx, 201, o);
    }

    public void getRecord(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        boolean includeVector = booleanQuery(ctx, "include_vector");
        KnowledgeRecord r = c.get(id).orElseThrow(() -> new UnknownRecordException("record", id, c.name()));
        float[] vector = includeVector ? c.vector(id).orElse(null) : null;
        json(ctx, 200, g -> RecordCodec.write(g, r, vector));
    }

    public void deleteRecord(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        if (!c.delete(id)) {
            throw new UnknownRecordException("record", id, c.name());
        }
        ObjectNode o = NODES.objectNode();
        o.put("deleted", id);
        json(ctx, 200, o);
    }

    public void supersede(Context ctx) {
        Collection c = collection(ctx);
        String oldId = ctx.pathParam("id");
        JsonFields f = JsonFields.of(body(ctx), "");
        Set<String> allowed = new HashSet<>(RecordCodec.RECORD_FIELDS);
        allowed.add("reason");
        f.allowOnly(allowed);
        String reason = f.string("reason");
        if (reason != null && reason.length() > QueryCodec.MAX_TEXT) {
            throw ApiException.badRequest("field 'reason': expected at most " + QueryCodec.MAX_TEXT + " characters, got "
                    + reason.length());
        }
        if (c.get(oldId).isEmpty()) {
            throw new UnknownRecordException("record", oldId, c.name());
        }
        NewRecord replacement = checked(RecordCodec.readFields(f, CollectionSpec.MAX_DIMENSION), c);
        KnowledgeRecord r = c.supersede(oldId, replacement, reason);
        json(ctx, 201, g -> RecordCodec.write(g, r, null));
    }

    public void getDocument(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        List<KnowledgeRecord> chunks = c.document(id);
        if (chunks.isEmpty()) {
            throw new UnknownRecordException("document", id, c.name());
        }
        ObjectNode o = NODES.objectNode();
        o.put("document_id", id);
        ArrayNode records = o.putArray("records");
        chunks.forEach(r -> records.add(RecordCodec.write(r, null)));
        json(ctx, 200, o);
    }

    public void deleteDocument(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        int deleted = c.deleteDocument(id);
        if (deleted == 0) {
            throw new UnknownRecordException("document", id, c.name());
        }
        ObjectNode o = NODES.objectNode();
        o.put("document_id", id);
        o.put("deleted", deleted);
        json(ctx, 200, o);
    }

    // ---- queries ----

    public void search(Context ctx) {
        Collection c = collection(ctx);
        JsonFields f = Json.fields(ctx, options.maxBodyBytes(), SEARCH_VECTOR, CollectionSpec.MAX_DIMENSION);
        var request = QueryCodec.search(f, c.spec());
        boolean includeRecords = f.bool("include_records", true);
        if (request.vector() != null) {
            DimensionMismatchException.check(c.spec().dimension(), request.vector().length);
        }
        SearchResults results = c.search(request);
        boolean includeVectors = booleanQuery(ctx, "include_vectors");
        json(ctx, 200, g -> QueryCodec.writeResults(g, results, includeRecords, includeVectors, c));
    }

    public void context(Context ctx) {
        Collection c = collection(ctx);
        var request = QueryCodec.context(Json.fields(ctx, options.maxBodyBytes(), CONTEXT_VECTOR, CollectionSpec.MAX_DIMENSION),
                CollectionSpec.MAX_DIMENSION);
        if (request.queryVector() != null) {
            DimensionMismatchException.check(c.spec().dimension(), request.queryVector().length);
        }
        json(ctx, 200, QueryCodec.context(c.context(request)));
    }

    public void tensions(Context ctx) {
        Collection c = collection(ctx);
        String status = ctx.queryParam("status");
        TensionStatus s = status == null || status.isBlank() ? null : TensionStatus.fromWire(status);
        ObjectNode o = NODES.objectNode();
        o.set("tensions", QueryCodec.tensions(c.tensions(s)));
        json(ctx, 200, o);
    }

    public void resolveTension(Context ctx) {
        Collection c = collection(ctx);
        JsonFields f = JsonFields.of(body(ctx), "").allowOnly(Set.of("action", "note"));
        ResolveAction action = ResolveAction.fromWire(f.requireString("action"));
        String note = f.string("note");
        if (note != null && note.length() > QueryCodec.MAX_TEXT) {
            throw ApiException.badRequest("field 'note': expected at most " + QueryCodec.MAX_TEXT + " characters, got " + note.length());
        }
        Tension resolved = c.resolveTension(ctx.pathParam("id"), action, note);
        json(ctx, 200, g -> QueryCodec.writeTension(g, resolved));
    }

    public void neighbors(Context ctx) {
        Collection c = collection(ctx);
        String id = ctx.pathParam("id");
        int depth = intQuery(ctx, "depth", 1, 10, 1);
        int limit = intQuery(ctx, "limit", 1, 10_000, 100);
        if (c.get(id).isEmpty()) {
            throw new UnknownRecordException("record", id, c.name());
        }
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.set("neighbors", QueryCodec.neighbors(c.neighbors(id, depth, limit)));
        json(ctx, 200, o);
    }

    /** {@code ?max_hops=} (1..10, default 4): the shortest path from one record to another in the graph. */
    public void path(Context ctx) {
        Collection c = collection(ctx);
        int maxHops = intQuery(ctx, "max_hops", 1, 10, 4);
        List<io.engram.engine.collection.Neighbor> steps = c.path(ctx.pathParam("id"), ctx.pathParam("to"), maxHops);
        ObjectNode o = NODES.objectNode();
        o.put("from", ctx.pathParam("id"));
        o.put("to", ctx.pathParam("to"));
        o.put("found", !steps.isEmpty());
        o.set("steps", QueryCodec.neighbors(steps));
        json(ctx, 200, o);
    }

    /** {@code ?limit=&members=}: Leiden communities of the collection's graph, computed within 2 s. */
    public void communities(Context ctx) {
        Collection c = collection(ctx);
        int limit = intQuery(ctx, "limit", 1, 1000, 20);
        int members = intQuery(ctx, "members", 0, 1000, 10);
        io.engram.engine.collection.Communities found = c.communities(limit, members, COMMUNITY_BUDGET);
        ObjectNode o = NODES.objectNode();
        o.put("total", found.total());
        o.put("modularity", found.modularity());
        o.put("partial", found.partial());
        ArrayNode list = o.putArray("communities");
        for (io.engram.engine.collection.Communities.Community community : found.communities()) {
            ObjectNode co = list.addObject();
            co.put("id", community.id());
            co.put("size", community.size());
            co.set("members", QueryCodec.neighbors(community.members()));
        }
        json(ctx, 200, o);
    }

    // ---- helpers ----

    private Collection collection(Context ctx) {
        return engram.collection(ctx.pathParam("name"));
    }

    private JsonNode body(Context ctx) {
        return Json.body(ctx, options.maxBodyBytes());
    }

    /** Checks what the server can know before the engine does: the vector's dimension. */
    private static NewRecord checked(NewRecord r, Collection c) {
        if (r.vector() != null) {
            DimensionMismatchException.check(c.spec().dimension(), r.vector().length);
        } else if (c.spec().embedder() == EmbedderKind.NONE) {
            throw ApiException.badRequest("collection '" + c.name() + "' has no embedder: expected a 'vector' of "
                    + c.spec().dimension() + " numbers with each record, got content only");
        }
        return r;
    }

    static int intQuery(Context ctx, String name, int min, int max, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw ApiException.badRequest("query parameter '" + name + "': expected an integer in " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "': expected an integer in " + min + ".." + max
                    + ", got '" + JsonFields.abbreviate(v) + "'");
        }
    }

    static boolean booleanQuery(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty() || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badRequest("query parameter '" + name + "': expected true or false, got '" + JsonFields.abbreviate(v) + "'");
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
    }

    /** A reply streamed by {@code writer}, without a tree in between. */
    static void json(Context ctx, int status, Consumer<JsonGenerator> writer) {
        ctx.status(status).contentType("application/json").result(Json.write(writer));
    }
}
