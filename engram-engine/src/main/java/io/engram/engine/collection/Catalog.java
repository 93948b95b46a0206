package io.engram.engine.collection;

import io.engram.core.InvalidArgumentException;
import io.engram.embed.Embedder;
import io.engram.engine.store.Family;
import io.engram.engine.store.KeyValueCursor;
import io.engram.engine.store.Store;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The collections of one store: their specs in META, opened on start (each replaying its records
 * into its derived indexes), created and dropped under one lock. Lookups take no lock.
 */
public final class Catalog implements AutoCloseable {
    private final Store store;
    private final Supplier<Embedder> embedder;
    private final Clock clock;
    private final Path indexRoot;
    private final ConcurrentHashMap<String, Collection> open = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param indexRoot where collections keep their index checkpoints, one directory per collection id
     */
    public Catalog(Store store, Path indexRoot, Supplier<Embedder> embedder, Clock clock) {
        this.store = store;
        this.indexRoot = indexRoot;
        this.embedder = embedder;
        this.clock = clock;
        byte[] prefix = Keys.specPrefix();
        try (KeyValueCursor c = store.cursor(Family.META, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                RecordCodec.StoredSpec s = RecordCodec.decodeSpec(c.key(), c.value());
                open.put(s.spec().name(), new Collection(store, s.id(), s.spec(), embedder, clock, indexRoot.resolve(Integer.toString(s.id()))));
            }
        }
    }

    public Collection create(CollectionSpec spec) {
        InvalidArgumentException.check(spec != null, "expected a collection spec");
        lock.lock();
        try {
            if (open.containsKey(spec.name())) {
                throw new CollectionExistsException(spec.name());
            }
            byte[] counterKey = Keys.nextCollectionId();
            byte[] stored = store.get(Family.META, counterKey);
            int id = stored == null ? 1 : ByteBuffer.wrap(stored).getInt();
            RecordCodec.StoredSpec s = new RecordCodec.StoredSpec(id, spec, clock.instant());
            try (Store.Batch batch = store.batch()) {
                batch.put(Family.META, Keys.spec(spec.name()), RecordCodec.encodeSpec(s));
                batch.put(Family.META, counterKey, ByteBuffer.allocate(4).putInt(id + 1).array());
                batch.commit();
            }
            Collection c = new Collection(store, id, spec, embedder, clock, indexRoot.resolve(Integer.toString(id)));
            open.put(spec.name(), c);
            return c;
        } finally {
            lock.unlock();
        }
    }

    public Collection get(String name) {
        Collection c = name == null ? null : open.get(name);
        if (c == null) {
            throw new UnknownCollectionException(name);
        }
        return c;
    }

    public List<Collection> list() {
        List<Collection> out = new ArrayList<>(open.values());
        out.sort(java.util.Comparator.comparing(Collection::name));
        return out;
    }

    /** Deletes a collection's spec, records, vectors and tensions in one batch. */
    public boolean drop(String name) {
        lock.lock();
        try {
            Collection c = name == null ? null : open.get(name);
            if (c == null) {
                return false;
            }
            byte[] prefix = Keys.prefix(c.collectionId());
            try (Store.Batch batch = store.batch()) {
                batch.delete(Family.META, Keys.spec(name));
                for (Family family : new Family[] {Family.RECORDS, Family.VECTORS, Family.TENSIONS}) {
                    try (KeyValueCursor cursor = store.cursor(family, prefix)) {
                        while (cursor.next() && Keys.hasPrefix(cursor.key(), prefix)) {
                            batch.delete(family, cursor.key());
                        }
                    }
                }
                batch.commit();
            }
            open.remove(name);
            c.markDropped();
            try (Store.Batch batch = store.batch()) { // after the files: a crash between leaves no stale checkpoint
                batch.delete(Family.META, Keys.checkpoint(c.collectionId(), "vectors"));
                batch.delete(Family.META, Keys.counters(c.collectionId()));
                batch.commit();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            open.values().forEach(Collection::close);
            open.clear();
        } finally {
            lock.unlock();
        }
    }
}
