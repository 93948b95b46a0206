package io.engram.server.http;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Typed, strict access to the fields of one JSON object of a request. Every failure is a 400 that
 * names the field by its path ({@code records[3].vector[7]}), what was expected and what came.
 * Absent and {@code null} fields read as absent.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String where;
    /** Vector fields read straight into floats by {@link Json#fields}; they are not in {@link #node}. */
    private final Map<String, float[]> vectors;

    private JsonFields(JsonNode node, String where, Map<String, float[]> vectors) {
        this.node = node;
        this.where = where;
        this.vectors = vectors;
    }

    /** A top-level object whose vector fields were parsed apart (finite, non-empty, within their cap). */
    static JsonFields withVectors(JsonNode node, Map<String, float[]> vectors) {
        return new JsonFields(node, "", vectors);
    }

    /** The object at {@code where}; 400 unless it is an object. */
    public static JsonFields of(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("expected a JSON object" + at(where) + ", got " + describe(node));
        }
        return new JsonFields(node, where, Map.of());
    }

    /**
     * The object as a tree. Where vector fields were read apart ({@link Json#fields}) this is a
     * copy with them put back as arrays of numbers, so changes to it do not reach these fields.
     */
    public JsonNode node() {
        if (vectors.isEmpty() || !(node instanceof tools.jackson.databind.node.ObjectNode o)) {
            return node;
        }
        tools.jackson.databind.node.ObjectNode copy = o.deepCopy();
        vectors.keySet().forEach(name -> copy.set(name, raw(name)));
        return copy;
    }

    public String where() {
        return where;
    }

    /** The path of a child field, for messages and nested readers. */
    public String path(String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    /** 400 when the object has a field outside {@code allowed}. */
    public JsonFields allowOnly(Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + path(name) + "'; expected one of " + new TreeSet<>(allowed));
            }
        }
        for (String name : vectors.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + path(name) + "'; expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    public boolean has(String name) {
        return vectors.containsKey(name) || node.hasNonNull(name);
    }

    public JsonNode raw(String name) {
        float[] vector = vectors.get(name);
        if (vector != null) {
            tools.jackson.databind.node.ArrayNode array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode(vector.length);
            for (float f : vector) {
                array.add(f);
            }
            return array;
        }
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public String string(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            throw wrongType(name, "a string", v);
        }
        return v.stringValue();
    }

    public String requireString(String name) {
        String s = string(name);
        if (s == null) {
            throw ApiException.badRequest("missing field '" + path(name) + "': expected a string");
        }
        return s;
    }

    /** An integer in [min, max], or {@code fallback} when absent. */
    public int integer(String name, int min, int max, int fallback) {
        JsonNode v = raw(name);
        if (v == null) {
            return fallback;
        }
        return intValue(v, path(name), min, max);
    }

    public static int intValue(JsonNode v, String path, int min, int max) {
        if (!v.isIntegralNumber() && !(v.isNumber() && isWhole(v.doubleValue()))) {
            throw ApiException.badRequest("field '" + path + "': expected an integer in " + min + ".." + max + ", got " + describe(v));
        }
        BigInteger big = v.isIntegralNumber() ? v.bigIntegerValue() : BigInteger.valueOf((long) v.doubleValue());
        if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ApiException.badRequest("field '" + path + "': expected an integer in " + min + ".." + max + ", got " + abbreviate(v.toString()));
        }
        return big.intValue();
    }

    private static boolean isWhole(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15;
    }

    /** A finite number in [min, max], or {@code fallback} when absent. */
    public double number(String name, double min, double max, double fallback) {
        JsonNode v = raw(name);
        if (v == null) {
            return fallback;
        }
        return doubleValue(v, path(name), min, max);
    }

    public static double doubleValue(JsonNode v, String path, double min, double max) {
        if (!v.isNumber()) {
            throw ApiException.badRequest("field '" + path + "': expected a number in [" + min + ", " + max + "], got " + describe(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw ApiException.badRequest("field '" + path + "': expected a finite number in [" + min + ", " + max + "], got "
                    + abbreviate(v.toString()));
        }
        return d;
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "true or false", v);
        }
        return v.booleanValue();
    }

    /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}), or null when absent. */
    public Instant instant(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("field '" + path(name) + "': expected an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '"
                    + abbreviate(s) + "'");
        }
    }

    /** A vector of finite floats with 1..maxLength elements, or null when absent. */
    public float[] vector(String name, int maxLength) {
        float[] parsed = vectors.get(name);
        if (parsed != null) {
            if (parsed.length > maxLength) {
                throw ApiException.badRequest("field '" + path(name) + "': expected 1.." + maxLength + " numbers, got "
                        + parsed.length);
            }
            return parsed;
        }
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of numbers", v);
        }
        int n = v.size();
        if (n < 1 || n > maxLength) {
            throw ApiException.badRequest("field '" + path(name) + "': expected 1.." + maxLength + " numbers, got " + n);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber()) {
                throw ApiException.badRequest("field '" + path(name) + "[" + i + "]': expected a number, got " + describe(e));
            }
            float f = (float) e.doubleValue();
            if (!Float.isFinite(f)) {
                throw ApiException.badRequest("field '" + path(name) + "[" + i + "]': expected a finite number in float range, got "
                        + abbreviate(e.toString()));
            }
            out[i] = f;
        }
        return out;
    }

    /** The nested object, or null when absent. */
    public JsonFields object(String name) {
        JsonNode v = raw(name);
        return v == null ? null : of(v, path(name));
    }

    /** The elements of an array of at most {@code maxLength}, or an empty list when absent. */
    public List<JsonNode> array(String name, int maxLength) {
        JsonNode v = raw(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array", v);
        }
        if (v.size() > maxLength) {
            throw ApiException.badRequest("field '" + path(name) + "': expected at most " + maxLength + " elements, got " + v.size());
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    /** An array of strings (each at most {@code maxChars}), or an empty list when absent. */
    public List<String> strings(String name, int maxLength, int maxChars) {
        List<JsonNode> items = array(name, maxLength);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode e = items.get(i);
            if (!e.isString()) {
                throw ApiException.badRequest("field '" + path(name) + "[" + i + "]': expected a string, got " + describe(e));
            }
            if (e.stringValue().length() > maxChars) {
                throw ApiException.badRequest("field '" + path(name) + "[" + i + "]': expected at most " + maxChars
                        + " characters, got " + e.stringValue().length());
            }
            out.add(e.stringValue());
        }
        return out;
    }

    /** A JSON object as plain Java values (maps, lists, strings, longs, doubles, booleans, null). */
    public Map<String, Object> plainObject(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object", v);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(v, path(name));
        return map;
    }

    /** Converts any JSON value to plain Java values, rejecting numbers a double or long cannot hold. */
    public static Object plain(JsonNode v, String path) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.forEachEntry((k, child) -> map.put(k, plain(child, path + "." + k)));
            return map;
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            int i = 0;
            for (JsonNode e : v) {
                list.add(plain(e, path + "[" + i++ + "]"));
            }
            return list;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw ApiException.badRequest("field '" + path + "': expected an integer within 64 bits, got " + abbreviate(v.toString()));
            }
            return v.longValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                throw ApiException.badRequest("field '" + path + "': expected a finite number, got " + abbreviate(v.toString()));
            }
            return d;
        }
        throw ApiException.badRequest("field '" + path + "': unsupported JSON value " + describe(v));
    }

    private ApiException wrongType(String name, String expected, JsonNode got) {
        return ApiException.badRequest("field '" + path(name) + "': expected " + expected + ", got " + describe(got));
    }

    private static String at(String where) {
        return where == null || where.isEmpty() ? "" : " at '" + where + "'";
    }

    /** The JSON type of a value and a short excerpt, for error messages. */
    public static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        String type = switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        return v.isContainer() ? type : type + " " + abbreviate(v.toString());
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
