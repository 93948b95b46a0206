package io.engram.engine.record;

import io.engram.core.WireNames;

/** Where a record stands in its life. */
public enum RecordStatus {
    ACTIVE, SUPERSEDED, DISPUTED, ARCHIVED;

    public String wireName() {
        return WireNames.of(this);
    }

    public static RecordStatus fromWire(String text) {
        return WireNames.parse(RecordStatus.class, "status", text);
    }
}
