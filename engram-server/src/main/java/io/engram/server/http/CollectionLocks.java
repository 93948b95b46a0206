package io.engram.server.http;

import io.javalin.http.Handler;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a collection's rebuild and drop apart from every other request on it. The engine's
 * {@code Collection.rebuild()} closes the derived indexes that a concurrent search may still be
 * reading (Lucene then throws AlreadyClosedException), so the server serialises them itself:
 * ordinary requests share a lock, rebuild and drop take it alone. Locks are striped by name, so
 * their number stays fixed whatever names clients send.
 */
public final class CollectionLocks {
    private static final int STRIPES = 64;

    private final ReentrantReadWriteLock[] locks = new ReentrantReadWriteLock[STRIPES];

    public CollectionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantReadWriteLock();
        }
    }

    /** {@code handler} under the shared lock of the collection named by the path parameter {@code name}. */
    public Handler shared(Handler handler) {
        return ctx -> run(locks[stripe(ctx.pathParam("name"))].readLock(), handler, ctx);
    }

    /** {@code handler} under the exclusive lock of the collection named by the path parameter {@code name}. */
    public Handler exclusive(Handler handler) {
        return ctx -> run(locks[stripe(ctx.pathParam("name"))].writeLock(), handler, ctx);
    }

    /** {@code action} under the shared lock of collection {@code name}. */
    public <T> T shared(String name, java.util.function.Supplier<T> action) {
        Lock lock = locks[stripe(name)].readLock();
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static void run(Lock lock, Handler handler, io.javalin.http.Context ctx) throws Exception {
        lock.lock();
        try {
            handler.handle(ctx);
        } finally {
            lock.unlock();
        }
    }

    private static int stripe(String name) {
        return Math.floorMod(name.hashCode(), STRIPES);
    }
}
