package io.engram.engine.context;

import io.engram.core.WireNames;

/** How an assembled context is rendered. */
public enum ContextFormat {
    MARKDOWN, PLAIN, JSON;

    public String wireName() {
        return WireNames.of(this);
    }

    public static ContextFormat fromWire(String text) {
        return WireNames.parse(ContextFormat.class, "format", text);
    }
}
