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
 * <p>Opening replays every collection's records into its in-memory indexes. The embedder is
 * opened on first use (the first text without a vector) and shared by all collections.
 */
public final class Engram implements AutoCloseable {
    private final Store store;
    private final Catalog catalog;
    private final LazyEmbedder embedder;
    private volatile boolean closed;

    private Engram(Store store, Catalog catalog, LazyEmbedder embedder) {
        this.store = store;
        this.catalog = catalog;
        this.embedder = embedder;
    }

    public static Engram open(Path directory) {
        return open(directory, EngramOptions.defaults());
    }

    public static Engram open(Path directory, EngramOptions options) {
        InvalidArgumentException.check(options != null, "options must not be null");
        Store store = Store.open(directory, options.syncWrites());
        LazyEmbedder embedder = new LazyEmbedder(options.embedder());
        try {
            return new Engram(store, new Catalog(store, embedder, options.clock()), embedder);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path directory() {
        return store.directory();
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
