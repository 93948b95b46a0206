package io.engram.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * Enum constants on the wire (JSON, CLI flags): lower-case names, parsed ignoring case, with an
 * error that lists the accepted names and what came.
 */
public final class WireNames {
    private WireNames() {}

    /** {@code TEMPORAL_CONFLICT} → {@code temporal_conflict}. */
    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} named {@code text} (any case); {@code what} names the field in errors. */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        if (text != null) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equalsIgnoreCase(text)) {
                    return value;
                }
            }
        }
        throw new InvalidArgumentException("expected " + what + " one of "
                + Arrays.stream(type.getEnumConstants()).map(WireNames::of).toList() + ", got "
                + (text == null ? "null" : "'" + text + "'"));
    }
}
