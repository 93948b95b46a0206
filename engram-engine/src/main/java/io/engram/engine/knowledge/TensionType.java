package io.engram.engine.knowledge;

import java.util.Locale;

/** What kind of disagreement a tension between two records is. */
public enum TensionType {
    CONTRADICTION,
    TEMPORAL_CONFLICT,
    SCOPE_CONFLICT,
    PARTIAL_OVERLAP;

    /** The snake_case name used on the wire, e.g. {@code temporal_conflict}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
