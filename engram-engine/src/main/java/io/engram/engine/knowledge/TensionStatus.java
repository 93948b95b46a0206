package io.engram.engine.knowledge;

import io.engram.core.WireNames;

/** Where a tension stands; detected and investigating ones are active (they mark results). */
public enum TensionStatus {
    DETECTED, INVESTIGATING, RESOLVED, ACCEPTED;

    public boolean isActive() {
        return this == DETECTED || this == INVESTIGATING;
    }

    public String wireName() {
        return WireNames.of(this);
    }

    public static TensionStatus fromWire(String text) {
        return WireNames.parse(TensionStatus.class, "tension status", text);
    }
}
