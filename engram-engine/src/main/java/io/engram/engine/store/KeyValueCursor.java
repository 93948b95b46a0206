package io.engram.engine.store;

import org.rocksdb.RocksIterator;

/**
 * Forward iteration over one family in key order (unsigned bytewise), over the state of the
 * store when the cursor was opened. Not thread-safe; close it (closing the store closes it too).
 */
public final class KeyValueCursor implements AutoCloseable {
    private final Store store;
    private final RocksIterator iterator;
    private boolean started;
    private boolean closed;

    KeyValueCursor(Store store, RocksIterator iterator, byte[] from) {
        this.store = store;
        this.iterator = iterator;
        if (from == null) {
            iterator.seekToFirst();
        } else {
            iterator.seek(from);
        }
    }

    /** Moves to the next entry (the first on the first call); false when there is none. */
    public boolean next() {
        store.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("cursor is closed");
            }
            if (started) {
                iterator.next();
            }
            started = true;
            if (iterator.isValid()) {
                return true;
            }
            store.check(iterator);
            return false;
        } finally {
            store.readLock().unlock();
        }
    }

    /** The current entry's key (a fresh copy). */
    public byte[] key() {
        store.readLock().lock();
        try {
            requirePositioned();
            return iterator.key();
        } finally {
            store.readLock().unlock();
        }
    }

    /** The current entry's value (a fresh copy). */
    public byte[] value() {
        store.readLock().lock();
        try {
            requirePositioned();
            return iterator.value();
        } finally {
            store.readLock().unlock();
        }
    }

    private void requirePositioned() {
        if (closed || !started || !iterator.isValid()) {
            throw new StoreException("cursor is not on an entry: call next() and check that it returned true");
        }
    }

    @Override
    public void close() {
        store.closeCursor(this);
    }

    /** Called by the store, under its write lock or from {@link #close}. */
    void release() {
        if (!closed) {
            closed = true;
            iterator.close();
        }
    }
}
