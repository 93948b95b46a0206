package io.engram.server.cli;

import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.context.AssembledContext;
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

/** {@code engram context}: the context the engine assembles for a query, as text to paste into a prompt. */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = "Assemble the context for a query from a collection (fusion of similarity, confidence, recency, "
                + "graph, sources; within a token budget) and print it.")
public final class ContextCommand implements Callable<Integer> {
    static final Set<String> PRESETS = Set.of("balanced", "verification", "exploration", "prefer_recent", "prefer_stable", "default");
    static final Set<String> FORMATS = Set.of("markdown", "plain", "json");

    @Mixin
    StoreOption store;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "collection to draw from")
    String collection;

    @Option(names = "--max-tokens", paramLabel = "N", description = "token budget, 1..1000000 (default: 8000)")
    Integer maxTokens;

    @Option(names = "--preset", paramLabel = "P",
            description = "fusion weights: balanced, verification, exploration, prefer_recent or prefer_stable (default: balanced)")
    String preset;

    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown, plain or json (default: ${DEFAULT-VALUE})")
    String format = "markdown";

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "the query (words are joined by spaces)")
    List<String> query;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (maxTokens != null && (maxTokens < 1 || maxTokens > 1_000_000)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-tokens: expected 1..1000000, got " + maxTokens);
        }
        String presetName = preset == null ? null : preset.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (presetName != null && !PRESETS.contains(presetName)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preset: expected balanced, verification, "
                    + "exploration, prefer_recent or prefer_stable, got '" + preset + "'");
        }
        String formatName = format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(formatName)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format: expected markdown, plain or json, got '" + format + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Engram engram = store.open(false)) {
            Collection c = store.collection(engram, collection, "");
            ObjectNode request = Json.MAPPER.createObjectNode();
            request.put("query", String.join(" ", query));
            request.put("format", formatName);
            if (maxTokens != null) {
                request.put("max_tokens", maxTokens);
            }
            if (presetName != null) {
                request.put("preset", presetName);
            }
            AssembledContext context = c.context(QueryCodec.context(JsonFields.of(request, ""), CollectionSpec.MAX_DIMENSION));
            out.println(context.text().isEmpty() ? "(no context: nothing in '" + c.name() + "' matched)" : context.text());
            out.flush();
            return 0;
        }
    }
}
