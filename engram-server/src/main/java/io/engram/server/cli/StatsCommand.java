package io.engram.server.cli;

import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.collection.CollectionStats;
import io.engram.server.http.Json;
import io.engram.server.http.QueryCodec;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code engram stats}: the store's collections, each with its spec and counts. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "List the collections of the store with their spec (dimension, metric, index, embedder) and counts.")
public final class StatsCommand implements Callable<Integer> {
    @Mixin
    StoreOption store;

    @Option(names = "--json", description = "print {\"store\": DIR, \"collections\": [...]} with the HTTP API's collection objects")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Engram engram = store.open(false)) {
            List<Collection> collections = engram.collections().stream().sorted(Comparator.comparing(Collection::name)).toList();
            if (json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("store", engram.directory().toString());
                ArrayNode list = o.putArray("collections");
                collections.forEach(c -> list.add(QueryCodec.collection(c.spec(), c.stats())));
                out.println(Json.MAPPER.writeValueAsString(o));
            } else {
                out.println("store " + engram.directory() + ": " + collections.size() + " collection" + (collections.size() == 1 ? "" : "s"));
                for (Collection c : collections) {
                    CollectionSpec s = c.spec();
                    CollectionStats st = c.stats();
                    out.printf(Locale.ROOT, "%s  (%d d, %s, %s, embedder %s)%n", s.name(), s.dimension(),
                            s.metric().name().toLowerCase(Locale.ROOT), s.index().wireName(), s.embedder().wireName());
                    out.printf(Locale.ROOT, "  records %d: active %d, superseded %d, archived %d; entities %d; open tensions %d; "
                            + "indexed vectors %d%n", st.records(), st.active(), st.superseded(), st.archived(), st.entities(),
                            st.openTensions(), st.indexedVectors());
                }
            }
            out.flush();
            return 0;
        }
    }
}
