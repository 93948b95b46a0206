package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;

/**
 * A (subject, predicate, object) statement extracted from a record. Subject and object are compared
 * exactly (entity resolution maps aliases to canonical ids before facts reach here); predicates are
 * compared after {@link TensionRule#normalizePredicate}.
 */
public record StructuredFact(String subject, String predicate, String object) {
    public StructuredFact {
        requireText("subject", subject);
        requireText("predicate", predicate);
        requireText("object", object);
    }

    private static void requireText(String part, String value) {
        InvalidArgumentException.check(value != null && !value.isBlank(),
                "fact %s: expected non-blank text, got %s", part, value == null ? "null" : "\"" + value + "\"");
    }
}
