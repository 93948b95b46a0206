package io.engram.engine.record;

/** Kinds of entity a record can mention. */
public enum EntityType {
    PERSON, ORGANIZATION, TOOL, CONCEPT, PROJECT, LOCATION, SERVICE;

    public String wireName() {
        return WireEnum.name(this);
    }

    public static EntityType fromWire(String text) {
        return WireEnum.parse(EntityType.class, "entity type", text);
    }
}
