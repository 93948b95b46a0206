package io.engram.engine.knowledge;

import io.engram.core.WireNames;

/** How a tension between records A and B is resolved. */
public enum ResolveAction {
    /** A is superseded by B. */
    SUPERSEDE_A,
    /** B is superseded by A. */
    SUPERSEDE_B,
    /** Both stand; the tension is accepted. */
    KEEP_BOTH,
    /** Both are archived. */
    ARCHIVE_BOTH;

    public String wireName() {
        return WireNames.of(this);
    }

    public static ResolveAction fromWire(String text) {
        return WireNames.parse(ResolveAction.class, "action", text);
    }
}
