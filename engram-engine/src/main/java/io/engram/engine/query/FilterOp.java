package io.engram.engine.query;

import io.engram.core.WireNames;

/** Comparison operators of a metadata filter. */
public enum FilterOp {
    EQ, NE, GT, GTE, LT, LTE, IN, CONTAINS;

    public String wireName() {
        return WireNames.of(this);
    }

    public static FilterOp fromWire(String text) {
        return WireNames.parse(FilterOp.class, "filter op", text);
    }
}
