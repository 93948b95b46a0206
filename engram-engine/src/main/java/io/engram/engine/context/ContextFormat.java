package io.engram.engine.context;

import io.engram.core.InvalidArgumentException;
import java.util.Locale;

/** How an assembled context is rendered. */
public enum ContextFormat {
    MARKDOWN, PLAIN, JSON;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContextFormat fromWire(String text) {
        for (ContextFormat f : values()) {
            if (f.wireName().equalsIgnoreCase(text)) {
                return f;
            }
        }
        throw new InvalidArgumentException("expected format markdown, plain or json, got '" + text + "'");
    }
}
