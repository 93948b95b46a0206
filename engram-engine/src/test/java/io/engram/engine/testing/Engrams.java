package io.engram.engine.testing;

import io.engram.engine.Engram;
import io.engram.embed.HashingEmbedder;
import io.engram.engine.EngramOptions;
import java.nio.file.Path;
import java.time.Clock;

/** Opens test stores with the hashing embedder and unsynced writes (tests need no power-loss safety). */
public final class Engrams {
    private Engrams() {}

    public static Engram open(Path dir, Clock clock) {
        return Engram.open(dir, EngramOptions.defaults().withEmbedder(HashingEmbedder::new).withSyncWrites(false)
                .withClock(clock));
    }
}
