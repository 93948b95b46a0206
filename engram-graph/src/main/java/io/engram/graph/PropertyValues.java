package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.util.HashMap;
import java.util.Map;

/**
 * The values a node or edge property may hold: {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}. Integers are widened to {@code Long} and floats to {@code Double} so a value
 * reads back the same however it was written; anything else is rejected at the boundary.
 */
final class PropertyValues {
    private PropertyValues() {}

    static Object normalize(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("a property name must be non-empty");
        }
        return switch (value) {
            case null -> throw new InvalidArgumentException("property '" + name + "' has a null value; use remove");
            case String s -> s;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Double d -> checkFinite(name, d);
            case Float f -> checkFinite(name, (double) f);
            case Boolean b -> b;
            default -> throw new InvalidArgumentException("property '" + name + "' has a value of type "
                    + value.getClass().getName() + "; expected String, Long, Double or Boolean");
        };
    }

    private static Double checkFinite(String name, double d) {
        if (!Double.isFinite(d)) {
            throw new InvalidArgumentException("property '" + name + "' must be finite, got " + d);
        }
        return d;
    }

    /** An immutable, validated copy. */
    static Map<String, Object> copyOf(Map<String, ?> properties) {
        if (properties == null || properties.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new HashMap<>(properties.size() * 2);
        properties.forEach((k, v) -> out.put(k, normalize(k, v)));
        return Map.copyOf(out);
    }
}
