package io.engram.engine.record;

import io.engram.core.WireNames;

/** The part an entity plays in a record. */
public enum EntityRole {
    SUBJECT, OBJECT, CONTEXT, SOURCE;

    public String wireName() {
        return WireNames.of(this);
    }

    public static EntityRole fromWire(String text) {
        return WireNames.parse(EntityRole.class, "entity role", text);
    }
}
