package io.engram.hdc.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain Java values (LinkedHashMap, ArrayList, String, Long or BigInteger, Double,
 * Boolean, null) with jackson-core's streaming parser, for callers that need the fields of a
 * document and not only its encoding (explanations, metadata). Encoding itself never builds this.
 */
public final class JsonValues {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonValues() {}

    /** The value of one JSON document; invalid JSON is an {@link InvalidArgumentException}. */
    public static Object parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InvalidArgumentException("JSON document is empty; expected a value");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                throw new InvalidArgumentException("expected the end of the JSON document at "
                        + p.currentLocation().offsetDescription());
            }
            return v;
        } catch (IOException e) {
            throw new InvalidArgumentException("invalid JSON: " + e.getMessage());
        }
    }

    /** The value starting at token {@code t} of {@code p}. */
    public static Object read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, read(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, next));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new InvalidArgumentException("unexpected JSON token " + t + " at "
                    + p.currentLocation().offsetDescription());
        };
    }

    /** Writes null, strings, booleans, numbers, maps (keys as text) and lists; anything else is an {@link InvalidArgumentException}. */
    public static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Number n -> g.writeNumber(n.toString());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            default -> throw new InvalidArgumentException("metadata values must be JSON-like (null, string, boolean, "
                    + "number, map, list), got " + v.getClass().getName());
        }
    }

    /** {@link #write} into a string: compact JSON text of a value {@link #parse} could have made. */
    public static String toJson(Object v) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, v);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
