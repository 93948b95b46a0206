package io.engram.server.http;

import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.collection.CollectionStats;
import io.engram.engine.collection.EmbedderKind;
import io.engram.engine.collection.Neighbor;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextFormat;
import io.engram.engine.context.ContextItem;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.knowledge.FusionPreset;
import io.engram.engine.knowledge.FusionScore;
import io.engram.engine.knowledge.FusionWeights;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.query.FilterOp;
import io.engram.engine.query.MetadataCondition;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchMode;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.query.SearchResults;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The wire form of searches, contexts, tensions, neighbours and collections. */
public final class QueryCodec {
    static final Set<String> SEARCH_FIELDS = Set.of("text", "vector", "mode", "k", "filter", "as_of", "known_at",
            "include_superseded", "include_expired", "include_archived", "min_confidence", "ef", "include_records");
    static final Set<String> CONTEXT_FIELDS = Set.of("query", "query_vector", "active_entities", "messages", "as_of",
            "known_at", "preset", "weights", "max_tokens", "max_items", "max_hops", "max_nodes", "format",
            "include_superseded", "include_expired");
    static final int MAX_TEXT = 10_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryCodec() {}

    public static SearchRequest search(JsonFields f, CollectionSpec spec) {
        f.allowOnly(SEARCH_FIELDS);
        int maxDimension = CollectionSpec.MAX_DIMENSION;
        boolean embeds = spec.embedder() != EmbedderKind.NONE;
        String text = f.string("text");
        if (text != null && text.length() > MAX_TEXT) {
            throw ApiException.badRequest("field 'text': expected at most " + MAX_TEXT + " characters, got " + text.length());
        }
        float[] vector = f.vector("vector", maxDimension);
        String modeName = f.string("mode");
        SearchMode mode;
        if (modeName != null) {
            mode = SearchMode.fromWire(modeName);
        } else {
            mode = vector != null && text != null ? SearchMode.HYBRID : vector != null ? SearchMode.VECTOR
                    : embeds ? SearchMode.HYBRID : SearchMode.TEXT;
        }
        if (text == null && vector == null) {
            throw ApiException.badRequest("search: expected 'text' or 'vector', got neither");
        }
        if (mode == SearchMode.TEXT && text == null) {
            throw ApiException.badRequest("search: mode text expects 'text', got only a vector");
        }
        if (mode != SearchMode.TEXT && vector == null && !embeds) {
            throw ApiException.badRequest("search: collection '" + spec.name() + "' has no embedder, so mode "
                    + mode.wireName() + " expects a 'vector' of " + spec.dimension() + " numbers, got only text");
        }
        if (mode == SearchMode.VECTOR && vector == null && text == null) {
            throw ApiException.badRequest("search: mode vector expects 'vector' or 'text', got neither");
        }
        SearchRequest r = switch (mode) {
            case TEXT -> SearchRequest.text(text);
            case VECTOR -> vector != null ? SearchRequest.vector(vector).withText(text)
                    : SearchRequest.text(text).withMode(SearchMode.VECTOR);
            case HYBRID -> SearchRequest.hybrid(text, vector);
        };
        r.withK(f.integer("k", 1, SearchRequest.MAX_K, 10));
        List<JsonNode> filter = f.array("filter", 64);
        for (int i = 0; i < filter.size(); i++) {
            JsonFields c = JsonFields.of(filter.get(i), "filter[" + i + "]");
            c.allowOnly(Set.of("field", "op", "value"));
            String op = c.string("op");
            r.where(new MetadataCondition(c.requireString("field"), op == null ? FilterOp.EQ : FilterOp.fromWire(op),
                    JsonFields.plain(c.raw("value"), c.path("value"))));
        }
        r.asOf(f.instant("as_of"));
        r.knownAt(f.instant("known_at"));
        r.includeSuperseded(f.bool("include_superseded", false));
        r.includeExpired(f.bool("include_expired", false));
        r.includeArchived(f.bool("include_archived", false));
        r.minConfidence(f.number("min_confidence", 0, 1, 0));
        r.withEf(f.integer("ef", 0, 10_000, 0));
        return r;
    }

    public static ContextRequest context(JsonFields f, int maxDimension) {
        f.allowOnly(CONTEXT_FIELDS);
        String query = f.requireString("query");
        ContextRequest r = ContextRequest.forQuery(query);
        float[] vector = f.vector("query_vector", maxDimension);
        if (vector != null) {
            r.withQueryVector(vector);
        }
        f.strings("active_entities", 100, 256).forEach(r::withActiveEntity);
        f.strings("messages", 20, MAX_TEXT).forEach(r::withMessage);
        r.asOf(f.instant("as_of"));
        r.knownAt(f.instant("known_at"));
        String preset = f.string("preset");
        if (preset != null) {
            r.withPreset(preset(preset));
        }
        JsonFields w = f.object("weights");
        if (w != null) {
            w.allowOnly(Set.of("similarity", "confidence", "recency", "graph", "sources", "tension"));
            FusionWeights base = r.weights();
            r.withWeights(new FusionWeights(
                    w.number("similarity", 0, 1, base.similarity()),
                    w.number("confidence", 0, 1, base.confidence()),
                    w.number("recency", 0, 1, base.recency()),
                    w.number("graph", 0, 1, base.graph()),
                    w.number("sources", 0, 1, base.sources()),
                    w.number("tension", 0, 1, base.tension())));
        }
        if (f.has("max_tokens")) {
            r.withMaxTokens(f.integer("max_tokens", 1, 1_000_000, ContextRequest.DEFAULT_MAX_TOKENS));
        }
        if (f.has("max_items")) {
            r.withMaxItems(f.integer("max_items", 1, 1000, ContextRequest.DEFAULT_MAX_ITEMS));
        }
        if (f.has("max_hops")) {
            r.withMaxHops(f.integer("max_hops", 0, 10, ContextRequest.DEFAULT_MAX_HOPS));
        }
        if (f.has("max_nodes")) {
            r.withMaxNodes(f.integer("max_nodes", 1, 100_000, ContextRequest.DEFAULT_MAX_NODES));
        }
        String format = f.string("format");
        if (format != null) {
            r.withFormat(ContextFormat.fromWire(format));
        }
        r.includeSuperseded(f.bool("include_superseded", false));
        r.includeExpired(f.bool("include_expired", false));
        return r;
    }

    static FusionPreset preset(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("DEFAULT")) {
            return FusionPreset.DEFAULT;
        }
        for (FusionPreset p : FusionPreset.values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        throw ApiException.badRequest("field 'preset': expected one of balanced, verification, exploration, "
                + "prefer_recent, prefer_stable, got '" + JsonFields.abbreviate(name) + "'");
    }

    public static ObjectNode results(SearchResults results, boolean includeVectors, Collection collection) {
        return (ObjectNode) Json.tree(g -> writeResults(g, results, true, includeVectors, collection));
    }

    /**
     * Streams a search response: the hot path of the API writes it without building a tree.
     * Without {@code includeRecords} a hit carries its id and scores only.
     */
    public static void writeResults(JsonGenerator g, SearchResults results, boolean includeRecords,
            boolean includeVectors, Collection collection) {
        g.writeStartObject();
        g.writeArrayPropertyStart("hits");
        for (SearchHit h : results.hits()) {
            g.writeStartObject();
            g.writeStringProperty("id", h.record().id());
            if (includeRecords) {
                g.writeName("record");
                RecordCodec.write(g, h.record(), includeVectors ? collection.vector(h.record().id()).orElse(null) : null);
            }
            g.writeNumberProperty("score", h.score());
            g.writeNumberProperty("similarity", h.similarity());
            g.writeNumberProperty("vector_rank", h.vectorRank());
            g.writeNumberProperty("text_rank", h.textRank());
            g.writeArrayPropertyStart("replaces");
            for (String id : h.replaces()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeBooleanProperty("active_tensions", h.activeTensions());
            g.writeArrayPropertyStart("tensions");
            for (Tension t : h.tensions()) {
                writeTension(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberProperty("candidates", results.candidates());
        g.writeNumberProperty("took_micros", results.tookMicros());
        g.writeEndObject();
    }

    public static ObjectNode context(AssembledContext c) {
        ObjectNode o = NODES.objectNode();
        o.put("text", c.text());
        o.put("format", c.format().wireName());
        o.put("tokens", c.tokens());
        o.put("candidates", c.candidates());
        o.put("took_micros", c.tookMicros());
        ArrayNode items = o.putArray("items");
        for (ContextItem item : c.items()) {
            ObjectNode io = items.addObject();
            io.put("citation", item.citation());
            io.set("record", RecordCodec.write(item.record(), null));
            io.set("score", score(item.score()));
            ArrayNode replaces = io.putArray("replaces");
            item.replaces().forEach(replaces::add);
            io.set("tensions", tensions(item.tensions()));
            io.put("tokens", item.tokens());
        }
        o.set("tensions", tensions(c.tensions()));
        return o;
    }

    static ObjectNode score(FusionScore s) {
        ObjectNode o = NODES.objectNode();
        if (s == null) {
            return o;
        }
        o.put("similarity", s.similarity());
        o.put("confidence", s.confidence());
        o.put("recency", s.recency());
        o.put("graph", s.graph());
        o.put("sources", s.sources());
        o.put("tension", s.tension());
        o.put("active_tensions", s.activeTensions());
        o.put("total", s.total());
        o.set("weights", weights(s.weights()));
        return o;
    }

    static ObjectNode weights(FusionWeights w) {
        ObjectNode o = NODES.objectNode();
        if (w != null) {
            o.put("similarity", w.similarity());
            o.put("confidence", w.confidence());
            o.put("recency", w.recency());
            o.put("graph", w.graph());
            o.put("sources", w.sources());
            o.put("tension", w.tension());
        }
        return o;
    }

    public static ArrayNode tensions(List<Tension> tensions) {
        ArrayNode a = NODES.arrayNode();
        for (Tension t : tensions) {
            a.add(tension(t));
        }
        return a;
    }

    public static ObjectNode tension(Tension t) {
        return (ObjectNode) Json.tree(g -> writeTension(g, t));
    }

    static void writeTension(JsonGenerator g, Tension t) {
        g.writeStartObject();
        g.writeStringProperty("id", t.id());
        g.writeStringProperty("record_a", t.recordA());
        g.writeStringProperty("record_b", t.recordB());
        g.writeStringProperty("type", t.type() == null ? null : t.type().wireName());
        g.writeStringProperty("severity", t.severity() == null ? null : t.severity().name().toLowerCase(Locale.ROOT));
        g.writeStringProperty("status", t.status() == null ? null : t.status().wireName());
        g.writeStringProperty("reason", t.reason());
        g.writeStringProperty("resolution", t.resolution());
        RecordCodec.instant(g, "detected_at", t.detectedAt());
        RecordCodec.instant(g, "resolved_at", t.resolvedAt());
        g.writeEndObject();
    }

    public static ArrayNode neighbors(List<Neighbor> neighbors) {
        ArrayNode a = NODES.arrayNode();
        for (Neighbor n : neighbors) {
            ObjectNode o = a.addObject();
            o.put("kind", n.kind());
            o.put("id", n.id());
            o.put("label", n.label());
            o.put("hops", n.hops());
        }
        return a;
    }

    public static ObjectNode collection(CollectionSpec spec, CollectionStats stats) {
        ObjectNode o = NODES.objectNode();
        o.put("name", spec.name());
        o.put("dimension", spec.dimension());
        o.put("metric", spec.metric().name().toLowerCase(Locale.ROOT));
        o.put("index", spec.index().wireName());
        o.put("embedder", spec.embedder().wireName());
        if (stats != null) {
            ObjectNode s = o.putObject("stats");
            s.put("records", stats.records());
            s.put("active", stats.active());
            s.put("superseded", stats.superseded());
            s.put("archived", stats.archived());
            s.put("entities", stats.entities());
            s.put("open_tensions", stats.openTensions());
            s.put("indexed_vectors", stats.indexedVectors());
            s.put("applied_sequence", stats.appliedSequence());
        }
        return o;
    }
}
