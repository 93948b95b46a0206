package io.engram.engine.record;

import io.engram.core.InvalidArgumentException;

/**
 * Where a record came from. Two sources are independent when their (type, reference) differ;
 * the fusion score's corroboration term counts independent sources.
 *
 * @param reference   a URL, file path, conversation id... (may be null)
 * @param reliability in [0, 1]; the type's default when constructed through {@link #of}
 */
public record Source(SourceType type, String title, String reference, double reliability) {
    public Source {
        InvalidArgumentException.check(type != null, "source type must not be null");
        InvalidArgumentException.check(reliability >= 0 && reliability <= 1,
                "expected a source reliability in [0, 1], got %s", reliability);
    }

    public static Source of(SourceType type, String title, String reference) {
        return new Source(type, title, reference, type.defaultReliability());
    }

    /** The identity used to count independent sources. */
    public String key() {
        return type.wireName() + ":" + (reference != null ? reference : title != null ? title : "");
    }
}
