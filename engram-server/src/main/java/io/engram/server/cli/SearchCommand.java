package io.engram.server.cli;

import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.query.SearchResults;
import io.engram.server.http.Json;
import io.engram.server.http.JsonFields;
import io.engram.server.http.QueryCodec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code engram search}: one search of a collection, printed as a ranked list or as the HTTP API's JSON. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search a collection of the store: hybrid (vector + BM25) by default.")
public final class SearchCommand implements Callable<Integer> {
    static final int CONTENT_CHARS = 100;

    @Mixin
    StoreOption store;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "collection to search")
    String collection;

    @Option(names = "--k", paramLabel = "N", description = "hits to return, 1.." + SearchRequest.MAX_K + " (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "vector, text or hybrid (default: hybrid, text on a collection without an embedder)")
    String mode;

    @Option(names = "--json", description = "print the JSON the HTTP API answers (POST /v1/collections/{name}/search)")
    boolean json;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "the query text (words are joined by spaces)")
    List<String> query;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (k < 1 || k > SearchRequest.MAX_K) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--k: expected 1.." + SearchRequest.MAX_K + ", got " + k);
        }
        if (mode != null && !Set.of("vector", "text", "hybrid").contains(mode.toLowerCase(Locale.ROOT))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode: expected vector, text or hybrid, got '" + mode + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Engram engram = store.open(false)) {
            Collection c = store.collection(engram, collection, "");
            ObjectNode request = Json.MAPPER.createObjectNode();
            request.put("text", String.join(" ", query));
            request.put("k", k);
            if (mode != null) {
                request.put("mode", mode.toLowerCase(Locale.ROOT));
            }
            SearchResults results = c.search(QueryCodec.search(JsonFields.of(request, ""), c.spec()));
            if (json) {
                out.println(new String(Json.write(g -> QueryCodec.writeResults(g, results, true, false, c)),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else if (results.hits().isEmpty()) {
                out.println("no hits");
            } else {
                int rank = 1;
                for (SearchHit hit : results.hits()) {
                    out.printf(Locale.ROOT, "%3d  %.4f  %s  %s%n", rank++, hit.score(), hit.record().id(),
                            excerpt(hit.record().content()));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** The first {@value #CONTENT_CHARS} characters on one line; vector-only records show {@code (vector)}. */
    static String excerpt(String content) {
        if (content == null) {
            return "(vector)";
        }
        String line = content.replaceAll("\\s+", " ").strip();
        return line.length() <= CONTENT_CHARS ? line : line.substring(0, CONTENT_CHARS) + "…";
    }
}
