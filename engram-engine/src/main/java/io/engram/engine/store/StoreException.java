package io.engram.engine.store;

import io.engram.core.EngramException;

/** RocksDB refused an operation for a reason other than a caller error or corrupt files (I/O, closed store). */
public class StoreException extends EngramException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
