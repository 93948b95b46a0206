package io.engram.engine.record;

/** Where a record stands in its life. */
public enum RecordStatus {
    ACTIVE, SUPERSEDED, DISPUTED, ARCHIVED;

    public String wireName() {
        return WireEnum.name(this);
    }

    public static RecordStatus fromWire(String text) {
        return WireEnum.parse(RecordStatus.class, "status", text);
    }
}
