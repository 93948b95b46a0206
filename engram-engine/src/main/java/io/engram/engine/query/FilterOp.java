package io.engram.engine.query;

import io.engram.core.InvalidArgumentException;
import java.util.Locale;

/** Comparison operators of a metadata filter. */
public enum FilterOp {
    EQ, NE, GT, GTE, LT, LTE, IN, CONTAINS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FilterOp fromWire(String text) {
        for (FilterOp op : values()) {
            if (op.wireName().equalsIgnoreCase(text)) {
                return op;
            }
        }
        throw new InvalidArgumentException(
                "expected filter op eq, ne, gt, gte, lt, lte, in or contains, got '" + text + "'");
    }
}
