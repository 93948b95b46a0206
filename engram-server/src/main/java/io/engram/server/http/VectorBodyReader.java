package io.engram.server.http;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fast path of {@link Json#fields}: reads a request object whose vector fields are parsed
 * straight from the UTF-8 bytes into float[] — no token, node or char copy per number, which is
 * what dominates parsing a 384-number query — while every other field's value is handed to
 * Jackson as its own slice. The object's structure ({@code { "key" : value , ... }}) is checked
 * here byte by byte; anything this reader does not handle plainly (escapes in keys, a duplicate
 * key, a vector that is empty, too long, or not all finite numbers in strict JSON syntax, a value
 * Jackson rejects, trailing bytes) returns null, and the tree path decides and names the error.
 */
final class VectorBodyReader {
    /** Jackson's limits, which the tree path enforces: the fast path declines what exceeds them. */
    private static final tools.jackson.core.StreamReadConstraints LIMITS =
            Json.MAPPER.tokenStreamFactory().streamReadConstraints();

    private final byte[] b;
    private int i;

    private VectorBodyReader(byte[] bytes) {
        this.b = bytes;
    }

    /** The fields of the object in {@code bytes}, or null where the tree path must decide. */
    static JsonFields read(byte[] bytes, Set<String> vectorFields, int maxVectorLength) {
        try {
            return new VectorBodyReader(bytes).object(vectorFields, maxVectorLength);
        } catch (JacksonException e) {
            return null;
        }
    }

    private JsonFields object(Set<String> vectorFields, int maxVectorLength) {
        skipWhitespace();
        if (!take('{')) {
            return null;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        Map<String, float[]> vectors = new HashMap<>(4);
        skipWhitespace();
        if (!take('}')) {
            do {
                skipWhitespace();
                String name = key();
                if (name == null || node.has(name) || vectors.containsKey(name)) {
                    return null;
                }
                skipWhitespace();
                if (!take(':')) {
                    return null;
                }
                skipWhitespace();
                if (vectorFields.contains(name) && i < b.length && b[i] == '[') {
                    i++;
                    float[] vector = floats(maxVectorLength);
                    if (vector == null) {
                        return null;
                    }
                    vectors.put(name, vector);
                } else {
                    int start = i;
                    if (!skipValue()) {
                        return null;
                    }
                    node.set(name, Json.MAPPER.readTree(b, start, i - start));
                }
                skipWhitespace();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
        }
        skipWhitespace();
        return i == b.length ? JsonFields.withVectors(node, vectors) : null;
    }

    /** A plain key: printable ASCII without escapes (every field of the API is one); null otherwise. */
    private String key() {
        if (!take('"')) {
            return null;
        }
        int start = i;
        for (; i < b.length; i++) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                if (i - start > LIMITS.getMaxNameLength()) {
                    return null;
                }
                String name = new String(b, start, i - start, java.nio.charset.StandardCharsets.US_ASCII);
                i++;
                return name;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) {
                return null;
            }
        }
        return null;
    }

    /** The numbers after '[' up to ']', or null unless 1..max finite numbers in strict JSON syntax. */
    private float[] floats(int max) {
        float[] out = new float[Math.min(max, 512)];
        int n = 0;
        skipWhitespace();
        if (take(']')) {
            return null;
        }
        do {
            skipWhitespace();
            int start = i;
            if (n == max || !number() || i - start > LIMITS.getMaxNumberLength()) {
                return null;
            }
            float f = DecimalFloats.parse(b, start, i - start);
            if (!Float.isFinite(f)) {
                return null;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(max, 2 * n));
            }
            out[n++] = f;
            skipWhitespace();
        } while (take(','));
        if (!take(']')) {
            return null;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Consumes a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        take('-');
        if (take('0')) {
            // a single leading zero
        } else if (!digits()) {
            return false;
        }
        if (take('.') && !digits()) {
            return false;
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (!take('+')) {
                take('-');
            }
            return digits();
        }
        return true;
    }

    private boolean digits() {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > start;
    }

    /**
     * Moves past one value: a string (escapes skipped), an object or array (brackets counted,
     * strings inside skipped) or a scalar (up to a delimiter). Jackson validates the slice after.
     */
    private boolean skipValue() {
        if (i >= b.length) {
            return false;
        }
        int c = b[i];
        if (c == '"') {
            return skipString();
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            // The enclosing object is one level: a slice may nest one level less than the whole body.
            int maxDepth = LIMITS.getMaxNestingDepth() - 1;
            while (i < b.length) {
                c = b[i];
                if (c == '"') {
                    if (!skipString()) {
                        return false;
                    }
                    continue;
                }
                if (c == '{' || c == '[') {
                    if (++depth > maxDepth) {
                        return false;
                    }
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    i++;
                    return true;
                }
                i++;
            }
            return false;
        }
        int start = i;
        while (i < b.length && c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            c = ++i < b.length ? b[i] : 0;
        }
        return i > start;
    }

    private boolean skipString() {
        i++; // the opening quote
        for (; i < b.length; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                i++;
                return true;
            }
        }
        return false;
    }

    private void skipWhitespace() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }

    private boolean take(char c) {
        if (i < b.length && b[i] == c) {
            i++;
            return true;
        }
        return false;
    }
}
