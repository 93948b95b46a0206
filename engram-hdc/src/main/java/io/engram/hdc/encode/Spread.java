package io.engram.hdc.encode;

import java.util.List;

/**
 * A list whose elements are separate fields in striped encoding (each element is its own leaf at
 * {@code path.[i]}); elsewhere it encodes exactly like a list.
 */
public record Spread(List<?> items) {
    public Spread {
        // Copied (nulls allowed, like any list field) so a later change to the caller's list cannot alter it.
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }
}
