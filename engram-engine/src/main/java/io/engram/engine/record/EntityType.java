package io.engram.engine.record;

import io.engram.core.WireNames;

/** Kinds of entity a record can mention. */
public enum EntityType {
    PERSON, ORGANIZATION, TOOL, CONCEPT, PROJECT, LOCATION, SERVICE;

    public String wireName() {
        return WireNames.of(this);
    }

    public static EntityType fromWire(String text) {
        return WireNames.parse(EntityType.class, "entity type", text);
    }
}
