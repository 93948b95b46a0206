package io.engram.engine.record;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;

/** Lower-case wire names for the record model's enums, parsed with an error naming the choices. */
final class WireEnum {
    private WireEnum() {}

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        if (text != null) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equalsIgnoreCase(text)) {
                    return value;
                }
            }
        }
        throw new InvalidArgumentException("expected " + what + " one of "
                + Arrays.stream(type.getEnumConstants()).map(WireEnum::name).toList() + ", got "
                + (text == null ? "null" : "'" + text + "'"));
    }
}
