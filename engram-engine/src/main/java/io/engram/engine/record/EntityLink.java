package io.engram.engine.record;

import io.engram.core.InvalidArgumentException;
import java.util.Locale;

/**
 * An entity a record mentions. Entities are identified by their normalised name (trimmed, lower
 * case), so "Ada Lovelace" and "ada lovelace" are one entity in the collection's graph.
 */
public record EntityLink(String name, EntityType type, EntityRole role) {
    public static final int MAX_NAME_LENGTH = 256;

    public EntityLink {
        InvalidArgumentException.check(name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH,
                "expected an entity name of 1..%d characters, got %s", MAX_NAME_LENGTH,
                name == null ? "null" : name.length() + " characters");
        InvalidArgumentException.check(type != null, "entity type must not be null");
        InvalidArgumentException.check(role != null, "entity role must not be null");
    }

    /** The key that identifies this entity in the collection. */
    public String key() {
        return normalize(name);
    }

    public static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
