package io.engram.engine.collection;

import io.engram.core.EngramException;

/** A record (or tension) id was named that the collection does not hold. */
public final class UnknownRecordException extends EngramException {
    public UnknownRecordException(String what, String id, String collection) {
        super("no " + what + " with id '" + id + "' in collection '" + collection + "'");
    }
}
