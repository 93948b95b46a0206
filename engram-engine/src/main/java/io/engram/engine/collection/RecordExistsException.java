package io.engram.engine.collection;

import io.engram.core.ConflictException;
import java.util.List;

/** A record was added under an id the collection already holds (supersede or delete it instead). */
public final class RecordExistsException extends ConflictException {
    public RecordExistsException(String id, String collection) {
        super(List.of(id));
        this.detail = "a record with id '" + id + "' already exists in collection '" + collection
                + "'; supersede it or delete it first";
    }

    private final String detail;

    @Override
    public String getMessage() {
        return detail;
    }
}
