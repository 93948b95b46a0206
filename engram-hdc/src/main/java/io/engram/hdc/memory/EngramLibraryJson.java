package io.engram.hdc.memory;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.io.AtomicFiles;
import io.engram.hdc.encode.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON persistence of an {@link EngramLibrary} with the Rust field set (hdc-holon §10.3), written
 * and read with jackson-core's streaming API. Doubles are written in shortest round-trip form, so
 * a saved and reloaded library gives bit-identical residuals.
 *
 * <pre>{"dim":D,"engrams":[{"name":…,"kind":"single"|"striped","subspaces":[{snapshot}…],
 *   "eigenvalue_signature":[…],"surprise_profile":{…}|null,"metadata":{…}}]}</pre>
 */
final class EngramLibraryJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EngramLibraryJson() {}

    static void save(EngramLibrary library, Path file) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("dim", library.dim());
            g.writeArrayFieldStart("engrams");
            for (Engram e : library.engrams()) {
                writeEngram(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        AtomicFiles.write(file, out.toByteArray());
    }

    static EngramLibrary load(Path file) throws IOException {
        Object root;
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CorruptFileException("engram library " + file + " is empty");
            }
            root = JsonValues.read(p, t);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CorruptFileException("engram library " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            Map<?, ?> obj = map(root, "library");
            EngramLibrary lib = new EngramLibrary(intField(obj, "dim"));
            for (Object o : list(obj.get("engrams"), "engrams")) {
                lib.restore(readEngram(map(o, "engram")));
            }
            return lib;
        } catch (InvalidArgumentException | ClassCastException e) {
            throw new CorruptFileException("engram library " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    private static void writeEngram(JsonGenerator g, Engram e) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", e.name());
        g.writeStringField("kind", e.kind() == Engram.Kind.SINGLE ? "single" : "striped");
        g.writeArrayFieldStart("subspaces");
        for (SubspaceSnapshot s : e.snapshots()) {
            writeSnapshot(g, s);
        }
        g.writeEndArray();
        g.writeFieldName("eigenvalue_signature");
        writeDoubles(g, e.eigenvalueSignature());
        g.writeFieldName("surprise_profile");
        JsonValues.write(g, e.surpriseProfile());
        g.writeFieldName("metadata");
        JsonValues.write(g, e.metadata());
        g.writeEndObject();
    }

    private static void writeSnapshot(JsonGenerator g, SubspaceSnapshot s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("dim", s.dim());
        g.writeNumberField("k", s.k());
        g.writeNumberField("amnesia", s.amnesia());
        g.writeNumberField("ema_alpha", s.emaAlpha());
        g.writeNumberField("sigma_mult", s.sigmaMult());
        g.writeNumberField("reorth_interval", s.reorthInterval());
        g.writeNumberField("n", s.n());
        g.writeFieldName("mean");
        writeDoubles(g, s.mean());
        g.writeNumberField("rows", s.rows());
        g.writeFieldName("components");
        writeDoubles(g, s.components());
        g.writeNumberField("res_ema", s.resEma());
        g.writeNumberField("res_var_ema", s.resVarEma());
        g.writeBooleanField("reflexive", s.reflexive());
        g.writeNumberField("min_components", s.minComponents());
        g.writeNumberField("max_components", s.maxComponents());
        g.writeNumberField("grow_threshold", s.growThreshold());
        g.writeNumberField("shrink_threshold", s.shrinkThreshold());
        g.writeEndObject();
    }

    private static Engram readEngram(Map<?, ?> o) {
        String kind = string(o.get("kind"), "kind");
        Engram.Kind k = switch (kind) {
            case "single" -> Engram.Kind.SINGLE;
            case "striped" -> Engram.Kind.STRIPED;
            default -> throw new InvalidArgumentException("engram kind must be single or striped, got " + kind);
        };
        List<SubspaceSnapshot> snaps = new ArrayList<>();
        for (Object s : list(o.get("subspaces"), "subspaces")) {
            snaps.add(readSnapshot(map(s, "subspace")));
        }
        Map<String, Double> surprise = null;
        if (o.get("surprise_profile") != null) {
            surprise = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map(o.get("surprise_profile"), "surprise_profile").entrySet()) {
                surprise.put((String) e.getKey(), number(e.getValue(), "surprise value").doubleValue());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = o.get("metadata") == null ? Map.of() : (Map<String, Object>) map(o.get("metadata"), "metadata");
        return new Engram(string(o.get("name"), "name"), k, snaps, surprise, metadata);
    }

    private static SubspaceSnapshot readSnapshot(Map<?, ?> o) {
        return new SubspaceSnapshot(intField(o, "dim"), intField(o, "k"), doubleField(o, "amnesia"),
                doubleField(o, "ema_alpha"), doubleField(o, "sigma_mult"), intField(o, "reorth_interval"),
                wholeNumber(o.get("n"), "n"), doubles(o.get("mean"), "mean"), intField(o, "rows"),
                doubles(o.get("components"), "components"), doubleField(o, "res_ema"), doubleField(o, "res_var_ema"),
                Boolean.TRUE.equals(o.get("reflexive")), intField(o, "min_components"), intField(o, "max_components"),
                doubleField(o, "grow_threshold"), doubleField(o, "shrink_threshold"));
    }

    private static void writeDoubles(JsonGenerator g, double[] values) throws IOException {
        g.writeArray(values, 0, values.length);
    }

    private static Map<?, ?> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new InvalidArgumentException(what + " must be an object, got " + describe(o));
        }
        return m;
    }

    private static List<?> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new InvalidArgumentException(what + " must be an array, got " + describe(o));
        }
        return l;
    }

    private static String string(Object o, String what) {
        if (!(o instanceof String s)) {
            throw new InvalidArgumentException(what + " must be a string, got " + describe(o));
        }
        return s;
    }

    private static Number number(Object o, String what) {
        if (!(o instanceof Number n)) {
            throw new InvalidArgumentException(what + " must be a number, got " + describe(o));
        }
        return n;
    }

    private static int intField(Map<?, ?> o, String name) {
        long v = wholeNumber(o.get(name), name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(name + " must fit an int, got " + v);
        }
        return (int) v;
    }

    /** A whole number that fits a long; a fraction or a larger integer is an error, never truncated or wrapped. */
    private static long wholeNumber(Object o, String name) {
        Number n = number(o, name);
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        try {
            return new java.math.BigDecimal(n.toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidArgumentException(name + " must be a whole number that fits a long, got " + n);
        }
    }

    private static double doubleField(Map<?, ?> o, String name) {
        return number(o.get(name), name).doubleValue();
    }

    private static double[] doubles(Object o, String what) {
        List<?> l = list(o, what);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i), what + "[" + i + "]").doubleValue();
        }
        return out;
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + " " + o;
    }
}
