package io.engram.engine.knowledge;

import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResolveAction fromWire(String text) {
        for (ResolveAction a : values()) {
            if (a.wireName().equalsIgnoreCase(text)) {
                return a;
            }
        }
        throw new io.engram.core.InvalidArgumentException(
                "expected action supersede_a, supersede_b, keep_both or archive_both, got '" + text + "'");
    }
}
