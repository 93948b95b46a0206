package io.engram.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.query.SearchResults;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of the module README, kept compiling and true — with the real MiniLM embedder. */
class ReadmeExampleTest {
    @TempDir
    Path temp;

    @Test
    void moduleReadmeExample() {
        Path dataDir = temp.resolve("engram-data");
        // --- README example starts
        try (Engram engram = Engram.open(dataDir)) {              // MiniLM is opened on the first text
            Collection notes = engram.createCollection(CollectionSpec.text("notes"));
            notes.add(NewRecord.text("Ada Lovelace wrote the first published computer program.")
                    .withSource(Source.of(SourceType.DOCUMENT, "Sketch of the Analytical Engine", "isbn:0-262")));
            notes.add(NewRecord.text("Grace Hopper built A-0, the first compiler."));
            notes.add(NewRecord.text("The Analytical Engine was never finished."));

            AssembledContext context = notes.context(ContextRequest.forQuery("Who wrote the first program?")
                    .withMaxTokens(500));
            System.out.println(context.text());                      // Markdown, [N] citations, sources
            SearchResults hits = notes.search(SearchRequest.hybrid("first compiler", null).withK(2));
        // --- README example ends
            assertThat(context.items().getFirst().record().content()).contains("Ada Lovelace");
            assertThat(context.text()).contains("[1]").contains("Sketch of the Analytical Engine");
            assertThat(context.tokens()).isLessThanOrEqualTo(500);
            assertThat(hits.hits().getFirst().record().content()).contains("Grace Hopper");
        }
    }
}
