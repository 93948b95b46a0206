package io.engram.engine.knowledge;

import java.util.Locale;

/** Where a tension stands; detected and investigating ones are active (they mark results). */
public enum TensionStatus {
    DETECTED, INVESTIGATING, RESOLVED, ACCEPTED;

    public boolean isActive() {
        return this == DETECTED || this == INVESTIGATING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TensionStatus fromWire(String text) {
        for (TensionStatus s : values()) {
            if (s.wireName().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new io.engram.core.InvalidArgumentException(
                "expected tension status detected, investigating, resolved or accepted, got '" + text + "'");
    }
}
