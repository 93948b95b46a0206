package io.engram.server.cli;

import io.engram.embed.HashingEmbedder;
import io.engram.engine.EngramOptions;
import java.util.Locale;

/**
 * Which embedder the commands open the store with. MiniLM (in process) unless the system property
 * {@code engram.embedder} says {@code hashing}: a deterministic hash embedder that needs no model,
 * for tests and offline smoke runs. Its vectors carry no meaning next to MiniLM's, so a store
 * written with it is a throw-away store.
 */
final class EmbedderSwitch {
    static final String PROPERTY = "engram.embedder";

    private EmbedderSwitch() {}

    static EngramOptions options() {
        String choice = System.getProperty(PROPERTY, "minilm").strip().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "", "minilm" -> EngramOptions.defaults();
            case "hashing" -> EngramOptions.defaults().withEmbedder(HashingEmbedder::new);
            default -> throw new CommandFailure("-D" + PROPERTY + ": expected minilm or hashing, got '" + choice + "'");
        };
    }
}
