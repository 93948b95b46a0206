package io.engram.engine.collection;

import io.engram.engine.query.FilterOp;
import io.engram.engine.query.MetadataCondition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates a filter (conditions combined with AND) against a record's metadata; see {@link MetadataCondition}. */
final class MetadataMatcher {
    private MetadataMatcher() {}

    static boolean matches(List<MetadataCondition> filter, Map<String, Object> metadata) {
        for (int i = 0, n = filter.size(); i < n; i++) {
            if (!matches(filter.get(i), metadata)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(MetadataCondition c, Map<String, Object> metadata) {
        Object actual = lookup(metadata, c.field());
        if (actual == null) {
            return c.op() == FilterOp.NE;
        }
        Object expected = c.value();
        return switch (c.op()) {
            case EQ -> equal(actual, expected);
            case NE -> !equal(actual, expected);
            case GT -> compare(actual, expected) > 0;
            case GTE -> compare(actual, expected) >= 0;
            case LT -> { int r = compare(actual, expected); yield r != Integer.MIN_VALUE && r < 0; }
            case LTE -> { int r = compare(actual, expected); yield r != Integer.MIN_VALUE && r <= 0; }
            case IN -> ((List<?>) expected).stream().anyMatch(e -> equal(actual, e));
            case CONTAINS -> contains(actual, expected);
        };
    }

    private static Object lookup(Map<String, Object> metadata, String field) {
        Object direct = metadata.get(field);
        if (direct != null || field.indexOf('.') < 0) {
            return direct;
        }
        Object current = metadata;
        for (String part : field.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Order of two numbers or two strings; Integer.MIN_VALUE when they are not comparable. */
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        return Integer.MIN_VALUE;
    }

    private static boolean contains(Object actual, Object expected) {
        if (actual instanceof String s) {
            return expected instanceof String e && s.contains(e);
        }
        if (actual instanceof List<?> list) {
            return list.stream().anyMatch(e -> equal(e, expected));
        }
        return false;
    }
}
