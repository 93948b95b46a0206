package io.engram.engine.store;

/**
 * The store's directory is held by another open store: another process, or this one without
 * having closed it. RocksDB allows one writer per directory (its {@code LOCK} file).
 */
public class StoreLockedException extends StoreException {
    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
