package io.engram.engine;

import io.engram.core.InvalidArgumentException;
import io.engram.embed.Embedder;
import io.engram.engine.collection.Catalog;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

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
 *
 * <p>Opening loads each collection's index checkpoints and replays the records written after
 * them; closing saves new checkpoints. The embedder is opened on first use (the first text
 * without a vector) and shared by all collections.
 */
public final class Engram implements AutoCloseable {
    static final String STORE = "store";
    static final String INDEXES = "indexes";

    private final Path directory;
    private final Store store;
    private final Catalog catalog;
    private final LazyEmbedder embedder;
    private volatile boolean closed;

    private Engram(Path directory, Store store, Catalog catalog, LazyEmbedder embedder) {
        this.directory = directory;
        this.store = store;
        this.catalog = catalog;
        this.embedder = embedder;
    }

    public static Engram open(Path directory) {
        return open(directory, EngramOptions.defaults());
    }

    /**
     * Opens (creating if needed) the store in {@code directory}: the log of record in
     * {@code directory/store} (RocksDB), index checkpoints in {@code directory/indexes}.
     */
    public static Engram open(Path directory, EngramOptions options) {
        InvalidArgumentException.check(directory != null, "directory must not be null");
        InvalidArgumentException.check(options != null, "options must not be null");
        Path root = directory.toAbsolutePath().normalize();
        Store store = Store.open(root.resolve(STORE), options.syncWrites());
        LazyEmbedder embedder = new LazyEmbedder(options.embedder());
        try {
            return new Engram(root, store, new Catalog(store, root.resolve(INDEXES), embedder, options.clock()),
                    embedder);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path directory() {
        return directory;
    }

    /** Creates a collection; {@code CollectionExistsException} when the name is taken. */
    public Collection createCollection(CollectionSpec spec) {
        checkOpen();
        return catalog.create(spec);
    }

    /** The named collection; {@code UnknownCollectionException} when there is none. */
    public Collection collection(String name) {
        checkOpen();
        return catalog.get(name);
    }

    public List<Collection> collections() {
        checkOpen();
        return catalog.list();
    }

    /** Deletes a collection and everything in it; false when there was none. */
    public boolean dropCollection(String name) {
        checkOpen();
        return catalog.drop(name);
    }

    /** Closes the collections, the embedder and the store (which flushes); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            catalog.close();
        } finally {
            try {
                embedder.close();
            } finally {
                store.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Engram store is closed");
        }
    }

    /** Opens the real embedder once, on first use; a failure to open is retried on the next use. */
    private static final class LazyEmbedder implements Supplier<Embedder> {
        private final Supplier<Embedder> factory;
        private volatile Embedder instance;

        LazyEmbedder(Supplier<Embedder> factory) {
            this.factory = factory;
        }

        @Override
        public Embedder get() {
            Embedder e = instance;
            if (e == null) {
                synchronized (this) {
                    e = instance;
                    if (e == null) {
                        e = factory.get();
                        instance = e;
                    }
                }
            }
            return e;
        }

        synchronized void close() {
            if (instance != null) {
                instance.close();
                instance = null;
            }
        }
    }
}
