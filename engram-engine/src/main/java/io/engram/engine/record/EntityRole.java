package io.engram.engine.record;

/** The part an entity plays in a record. */
public enum EntityRole {
    SUBJECT, OBJECT, CONTEXT, SOURCE;

    public String wireName() {
        return WireEnum.name(this);
    }

    public static EntityRole fromWire(String text) {
        return WireEnum.parse(EntityRole.class, "entity role", text);
    }
}
