package io.engram.engine;

import io.engram.embed.Embedder;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * How an {@link Engram} opens: where its embedder comes from (opened lazily, on the first text that
 * needs it), whether writes are synced (true: an acknowledged write survives power loss), and the
 * clock that stamps records.
 */
public record EngramOptions(Supplier<Embedder> embedder, boolean syncWrites, Clock clock) {
    public static EngramOptions defaults() {
        return new EngramOptions(io.engram.embed.MiniLmEmbedder::open, true, Clock.systemUTC());
    }

    public EngramOptions withEmbedder(Supplier<Embedder> newEmbedder) {
        return new EngramOptions(newEmbedder, syncWrites, clock);
    }

    public EngramOptions withSyncWrites(boolean value) {
        return new EngramOptions(embedder, value, clock);
    }

    public EngramOptions withClock(Clock newClock) {
        return new EngramOptions(embedder, syncWrites, newClock);
    }
}
