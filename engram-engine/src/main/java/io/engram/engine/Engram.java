package io.engram.engine;

import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * An Engram store: one directory, many collections. Open, use, close:
 *
 * <pre>{@code
 * try (Engram engram = Engram.open(Path.of("engram-data"))) {
 *     Collection notes = engram.createCollection(CollectionSpec.text("notes"));
 *     notes.add(NewRecord.text("Ada Lovelace wrote the first program."));
 *     System.out.println(notes.context(ContextRequest.forQuery("who wrote the first program?")).text());
 * }
 * }</pre>
 */
public final class Engram implements AutoCloseable {
    private static final String TODO = "API skeleton: the implementation lands in the next commit";

    public static Engram open(Path directory) { return open(directory, EngramOptions.defaults()); }
    public static Engram open(Path directory, EngramOptions options) { throw new UnsupportedOperationException(TODO); }

    public Path directory() { throw new UnsupportedOperationException(TODO); }
    /** Creates a collection; {@code CollectionExistsException} when the name is taken. */
    public Collection createCollection(CollectionSpec spec) { throw new UnsupportedOperationException(TODO); }
    /** The named collection; {@code UnknownCollectionException} when there is none. */
    public Collection collection(String name) { throw new UnsupportedOperationException(TODO); }
    public List<Collection> collections() { throw new UnsupportedOperationException(TODO); }
    /** Deletes a collection and everything in it; false when there was none. */
    public boolean dropCollection(String name) { throw new UnsupportedOperationException(TODO); }
    /** Flushes and closes the store; idempotent. */
    @Override
    public void close() { throw new UnsupportedOperationException(TODO); }
}
