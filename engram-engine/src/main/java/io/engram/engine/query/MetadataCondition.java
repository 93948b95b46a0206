package io.engram.engine.query;

import io.engram.core.InvalidArgumentException;
import java.util.List;

/**
 * One condition on a record's metadata: {@code field op value}. A filter is a list of them,
 * combined with AND, and is checked inside the vector search (a rejected record is never counted
 * towards k) rather than applied to an over-fetched result.
 *
 * <p>Semantics: eq/ne compare numbers numerically and everything else by equality; gt/gte/lt/lte
 * need a number or a string on both sides (strings compare lexically, which orders ISO dates);
 * {@code in} takes a list and matches when the field equals one element; {@code contains} matches a
 * string field containing the value as a substring, or a list field holding it. A record without
 * the field matches only {@code ne}.
 *
 * @param field a top-level metadata key, or a dotted path into nested objects ("author.name")
 */
public record MetadataCondition(String field, FilterOp op, Object value) {
    public MetadataCondition {
        InvalidArgumentException.check(field != null && !field.isEmpty() && field.length() <= 256,
                "expected a filter field of 1..256 characters, got %s", field == null ? "null" : "'" + field + "'");
        InvalidArgumentException.check(op != null, "filter op must not be null");
        if (op == FilterOp.IN) {
            InvalidArgumentException.check(value instanceof List<?>,
                    "filter on '%s': op in expects a list value, got %s", field, describe(value));
        } else if (op == FilterOp.GT || op == FilterOp.GTE || op == FilterOp.LT || op == FilterOp.LTE) {
            InvalidArgumentException.check(value instanceof Number || value instanceof String,
                    "filter on '%s': op %s expects a number or a string, got %s", field, op.wireName(), describe(value));
        }
        if (value instanceof Double d) {
            InvalidArgumentException.check(Double.isFinite(d), "filter on '%s': expected a finite number, got %s", field, d);
        }
    }

    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
