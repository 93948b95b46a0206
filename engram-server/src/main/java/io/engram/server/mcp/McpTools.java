package io.engram.server.mcp;

import io.engram.core.DimensionMismatchException;
import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.collection.EmbedderKind;
import io.engram.engine.collection.UnknownCollectionException;
import io.engram.engine.collection.UnknownRecordException;
import io.engram.engine.knowledge.ConfidenceExplanation;
import io.engram.engine.knowledge.ResolveAction;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.NewRecord;
import io.engram.server.http.ApiException;
import io.engram.server.http.ErrorMapper;
import io.engram.server.http.Json;
import io.engram.server.http.JsonFields;
import io.engram.server.http.QueryCodec;
import io.engram.server.http.RecordCodec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP tools over one store, shared by the stdio and the streamable HTTP transports. Each tool
 * takes an optional {@code collection} (default {@value #DEFAULT_COLLECTION}, created as a MiniLM
 * text collection on the first {@code record_create}) and answers JSON text in the HTTP API's wire
 * format; a failure is a tool error whose text is the API's error body.
 */
public final class McpTools {
    public static final String DEFAULT_COLLECTION = "memory";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COLLECTION_PROPERTY =
            "\"collection\":{\"type\":\"string\",\"description\":\"collection name (default memory)\"}";
    private static final String RECORD_PROPERTIES = COLLECTION_PROPERTY + ","
            + "\"content\":{\"type\":\"string\",\"description\":\"the text of the belief\"},"
            + "\"id\":{\"type\":\"string\"},"
            + "\"vector\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}},"
            + "\"metadata\":{\"type\":\"object\"},"
            + "\"confidence\":{\"type\":\"object\",\"description\":\"{overall} or any of source_reliability, method_quality, "
            + "internal_consistency, temporal_freshness, corroboration, domain_applicability (each 0..1)\"},"
            + "\"domain_path\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"valid_from\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"valid_until\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"sources\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"type\":{\"type\":\"string\"},"
            + "\"title\":{\"type\":\"string\"},\"reference\":{\"type\":\"string\"},\"reliability\":{\"type\":\"number\"}}}},"
            + "\"entities\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"type\":{\"type\":\"string\"},\"role\":{\"type\":\"string\"}}}},"
            + "\"fact\":{\"type\":\"object\",\"properties\":{\"subject\":{\"type\":\"string\"},\"predicate\":{\"type\":\"string\"},"
            + "\"object\":{\"type\":\"string\"}}}";

    private final Engram engram;

    public McpTools(Engram engram) {
        this.engram = engram;
    }

    /** Every tool, with its input schema and handler. */
    public List<SyncToolSpecification> specifications(McpJsonMapper mapper) {
        List<SyncToolSpecification> specs = new ArrayList<>();
        specs.add(tool(mapper, "stats", "Collections of the store with their spec and counts (records by status, entities, "
                + "open tensions).", "", List.of(), (name, f) -> stats()));
        specs.add(tool(mapper, "record_create", "Store a belief: content (embedded automatically) with optional confidence, "
                + "validity, sources, entities and a structured fact (subject, predicate, object). A fact contradicting an "
                + "existing one opens a tension.", RECORD_PROPERTIES, List.of("content"), this::recordCreate));
        specs.add(tool(mapper, "record_get", "One record by id.", COLLECTION_PROPERTY
                + ",\"id\":{\"type\":\"string\"},\"include_vector\":{\"type\":\"boolean\"}", List.of("id"), this::recordGet));
        specs.add(tool(mapper, "record_supersede", "Replace a record by a new version; the old one stays, marked superseded.",
                RECORD_PROPERTIES + ",\"reason\":{\"type\":\"string\"}", List.of("id"), this::recordSupersede));
        specs.add(tool(mapper, "knowledge_search", "Search records by text and/or vector: mode vector, text (BM25) or hybrid "
                + "(default); metadata filter [{field, op, value}]; as_of (valid time) and known_at (transaction time).",
                COLLECTION_PROPERTY + ",\"text\":{\"type\":\"string\"},\"vector\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}},"
                        + "\"mode\":{\"type\":\"string\",\"enum\":[\"vector\",\"text\",\"hybrid\"]},"
                        + "\"k\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000},\"filter\":{\"type\":\"array\"},"
                        + "\"as_of\":{\"type\":\"string\"},\"known_at\":{\"type\":\"string\"},"
                        + "\"include_superseded\":{\"type\":\"boolean\"},\"include_expired\":{\"type\":\"boolean\"},"
                        + "\"include_archived\":{\"type\":\"boolean\"},\"min_confidence\":{\"type\":\"number\"},"
                        + "\"ef\":{\"type\":\"integer\"}", List.of(), this::search));
        specs.add(tool(mapper, "context_for_query", "Assemble the context an assistant needs for a query: the best records by "
                + "similarity, confidence, recency, graph proximity and source support, within a token budget, with [N] "
                + "citations and the tensions among them. Answers the rendered text, then the items with score breakdowns.",
                COLLECTION_PROPERTY + ",\"query\":{\"type\":\"string\"},\"active_entities\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                        + "\"messages\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"as_of\":{\"type\":\"string\"},"
                        + "\"known_at\":{\"type\":\"string\"},\"preset\":{\"type\":\"string\",\"enum\":[\"balanced\",\"verification\","
                        + "\"exploration\",\"prefer_recent\",\"prefer_stable\"]},\"weights\":{\"type\":\"object\"},"
                        + "\"max_tokens\":{\"type\":\"integer\"},\"max_items\":{\"type\":\"integer\"},\"max_hops\":{\"type\":\"integer\"},"
                        + "\"max_nodes\":{\"type\":\"integer\"},\"format\":{\"type\":\"string\",\"enum\":[\"markdown\",\"plain\",\"json\"]}",
                List.of("query"), this::context));
        specs.add(tool(mapper, "tension_list", "Contradictions between records, all or by status (detected, investigating, "
                + "resolved, accepted).", COLLECTION_PROPERTY + ",\"status\":{\"type\":\"string\"}", List.of(), this::tensions));
        specs.add(tool(mapper, "tension_resolve", "Resolve a tension: supersede_a, supersede_b, keep_both or archive_both.",
                COLLECTION_PROPERTY + ",\"id\":{\"type\":\"string\"},\"action\":{\"type\":\"string\",\"enum\":[\"supersede_a\","
                        + "\"supersede_b\",\"keep_both\",\"archive_both\"]},\"note\":{\"type\":\"string\"}",
                List.of("id", "action"), this::resolve));
        specs.add(tool(mapper, "confidence_explain", "How a record's overall confidence comes about: each dimension's value, "
                + "weight and whether it was defaulted.", COLLECTION_PROPERTY + ",\"id\":{\"type\":\"string\"}", List.of("id"),
                this::explain));
        specs.add(tool(mapper, "neighbors", "Records and entities within depth hops of a record in the collection's graph.",
                COLLECTION_PROPERTY + ",\"id\":{\"type\":\"string\"},\"depth\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},"
                        + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10000}", List.of("id"), this::neighbors));
        // The names issue #9 gives these tools, beside the spec's: same handlers, same schemas.
        alias(specs, mapper, "remember", "record_create");
        alias(specs, mapper, "recall", "context_for_query");
        alias(specs, mapper, "search", "knowledge_search");
        alias(specs, mapper, "supersede", "record_supersede");
        alias(specs, mapper, "tensions_list", "tension_list");
        alias(specs, mapper, "graph_neighbors", "neighbors");
        return specs;
    }

    private void alias(List<SyncToolSpecification> specs, McpJsonMapper mapper, String alias, String of) {
        SyncToolSpecification original = specs.stream().filter(s -> s.tool().name().equals(of)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no tool " + of + " to alias as " + alias));
        McpSchema.Tool tool = McpSchema.Tool.builder(alias, mapper, Json.MAPPER.writeValueAsString(original.tool().inputSchema()))
                .description(original.tool().description() + " (Same as " + of + ".)").build();
        specs.add(new SyncToolSpecification(tool, original.callHandler()));
    }

    private SyncToolSpecification tool(McpJsonMapper mapper, String name, String description, String properties,
            List<String> required, BiFunction<String, JsonFields, JsonNode> body) {
        String schema = "{\"type\":\"object\",\"properties\":{" + properties + "}"
                + (required.isEmpty() ? "" : ",\"required\":" + Json.MAPPER.writeValueAsString(required)) + "}";
        McpSchema.Tool tool = McpSchema.Tool.builder(name, mapper, schema).description(description).build();
        return new SyncToolSpecification(tool, (exchange, request) -> call(name, request.arguments(), body));
    }

    /** Runs one tool call; every failure becomes a tool error carrying the API's error body. */
    CallToolResult call(String tool, Map<String, Object> arguments, BiFunction<String, JsonFields, JsonNode> body) {
        try {
            JsonNode args = Json.MAPPER.valueToTree(arguments == null ? Map.of() : arguments);
            JsonFields f = JsonFields.of(args, "");
            String collection = f.string("collection");
            ((ObjectNode) f.node()).remove("collection");
            String name = collection == null || collection.isBlank() ? DEFAULT_COLLECTION : collection;
            JsonNode result = body.apply(name, f);
            List<McpSchema.Content> content = new ArrayList<>();
            if (result.has("text") && result.has("items")) {
                content.add(TextContent.builder(result.path("text").asString()).build());
            }
            content.add(TextContent.builder(Json.MAPPER.writeValueAsString(result)).build());
            return CallToolResult.builder().content(content).isError(false).build();
        } catch (RuntimeException e) {
            ErrorMapper.ApiError error = ErrorMapper.map(e);
            if (error.internal()) {
                System.err.println("engram: internal error in MCP tool " + tool + ": " + e);
                e.printStackTrace(System.err);
            }
            ObjectNode o = ErrorMapper.body(error.code(), error.detail(), error.type());
            return CallToolResult.builder().addTextContent(o.toString()).isError(true).build();
        }
    }

    private JsonNode stats() {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray("collections");
        for (Collection c : engram.collections()) {
            a.add(QueryCodec.collection(c.spec(), c.stats()));
        }
        return o;
    }

    private JsonNode recordCreate(String name, JsonFields f) {
        Collection c;
        try {
            c = engram.collection(name);
        } catch (UnknownCollectionException e) {
            if (!name.equals(DEFAULT_COLLECTION)) {
                throw e;
            }
            c = engram.createCollection(CollectionSpec.text(DEFAULT_COLLECTION));
        }
        return RecordCodec.write(c.add(checked(RecordCodec.read(f, CollectionSpec.MAX_DIMENSION), c)), null);
    }

    private JsonNode recordGet(String name, JsonFields f) {
        Collection c = engram.collection(name);
        f.allowOnly(Set.of("id", "include_vector"));
        String id = f.requireString("id");
        KnowledgeRecord r = c.get(id).orElseThrow(() -> new UnknownRecordException("record", id, c.name()));
        return RecordCodec.write(r, f.bool("include_vector", false) ? c.vector(id).orElse(null) : null);
    }

    private JsonNode recordSupersede(String name, JsonFields f) {
        Collection c = engram.collection(name);
        Set<String> allowed = new HashSet<>(RecordCodec.RECORD_FIELDS);
        allowed.add("reason");
        f.allowOnly(allowed);
        String oldId = f.requireString("id");
        String reason = f.string("reason");
        if (c.get(oldId).isEmpty()) {
            throw new UnknownRecordException("record", oldId, c.name());
        }
        ((ObjectNode) f.node()).remove(List.of("id", "reason"));
        NewRecord replacement = checked(RecordCodec.readFields(f, CollectionSpec.MAX_DIMENSION), c);
        return RecordCodec.write(c.supersede(oldId, replacement, reason), null);
    }

    private JsonNode search(String name, JsonFields f) {
        Collection c = engram.collection(name);
        var request = QueryCodec.search(f, c.spec());
        if (request.vector() != null) {
            DimensionMismatchException.check(c.spec().dimension(), request.vector().length);
        }
        return QueryCodec.results(c.search(request), false, c);
    }

    private JsonNode context(String name, JsonFields f) {
        Collection c = engram.collection(name);
        var request = QueryCodec.context(f, CollectionSpec.MAX_DIMENSION);
        if (request.queryVector() != null) {
            DimensionMismatchException.check(c.spec().dimension(), request.queryVector().length);
        }
        return QueryCodec.context(c.context(request));
    }

    private JsonNode tensions(String name, JsonFields f) {
        Collection c = engram.collection(name);
        f.allowOnly(Set.of("status"));
        String status = f.string("status");
        ObjectNode o = NODES.objectNode();
        o.set("tensions", QueryCodec.tensions(c.tensions(status == null || status.isBlank() ? null : TensionStatus.fromWire(status))));
        return o;
    }

    private JsonNode resolve(String name, JsonFields f) {
        Collection c = engram.collection(name);
        f.allowOnly(Set.of("id", "action", "note"));
        return QueryCodec.tension(c.resolveTension(f.requireString("id"), ResolveAction.fromWire(f.requireString("action")),
                f.string("note")));
    }

    private JsonNode explain(String name, JsonFields f) {
        Collection c = engram.collection(name);
        f.allowOnly(Set.of("id"));
        String id = f.requireString("id");
        KnowledgeRecord r = c.get(id).orElseThrow(() -> new UnknownRecordException("record", id, c.name()));
        ConfidenceExplanation x = r.confidence().explain();
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.put("overall", x.overall());
        o.put("overall_only", x.overallOnly());
        ArrayNode terms = o.putArray("terms");
        for (ConfidenceExplanation.Term t : x.terms()) {
            ObjectNode to = terms.addObject();
            to.put("dimension", t.dimension().wireName());
            to.put("value", t.value());
            to.put("weight", t.weight());
            to.put("defaulted", t.defaulted());
        }
        return o;
    }

    private JsonNode neighbors(String name, JsonFields f) {
        Collection c = engram.collection(name);
        f.allowOnly(Set.of("id", "depth", "limit"));
        String id = f.requireString("id");
        int depth = f.integer("depth", 1, 10, 1);
        int limit = f.integer("limit", 1, 10_000, 100);
        if (c.get(id).isEmpty()) {
            throw new UnknownRecordException("record", id, c.name());
        }
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.set("neighbors", QueryCodec.neighbors(c.neighbors(id, depth, limit)));
        return o;
    }

    private static NewRecord checked(NewRecord r, Collection c) {
        if (r.vector() != null) {
            DimensionMismatchException.check(c.spec().dimension(), r.vector().length);
        } else if (c.spec().embedder() == EmbedderKind.NONE) {
            throw ApiException.badRequest("collection '" + c.name() + "' has no embedder: expected a 'vector' of "
                    + c.spec().dimension() + " numbers, got content only");
        }
        return r;
    }
}
