package io.engram.hdc.encode;

/**
 * A Java object that encodes like a JSON object without going through JSON text (hdc-holon §8.1):
 * it hands its fields to a visitor, so encoding allocates no intermediate map.
 *
 * <p>A field value may be {@code null}, a {@link String}, a {@link Boolean}, an integral number
 * ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}), a {@code Float}
 * or {@code Double}, a {@link ScalarValue} (log, linear or time scale), a {@link java.util.Map}
 * with string keys, a {@link java.util.List} (array), a {@link java.util.Set}, a {@link Spread},
 * or another {@code Walkable}. Anything else is rejected when encoded.
 */
public interface Walkable {

    /** Calls {@code visitor.field} once per field; the order does not matter (bundles commute). */
    void walk(FieldVisitor visitor);

    /** Receives the fields of a {@link Walkable}. */
    @FunctionalInterface
    interface FieldVisitor {
        void field(String key, Object value);
    }
}
