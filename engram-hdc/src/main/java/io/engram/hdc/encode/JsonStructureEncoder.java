package io.engram.hdc.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.BundleBuilder;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes JSON text straight from jackson-core's token stream, never building a tree (hdc-holon
 * §8.1, Rust path-qualified atoms). Objects and arrays recurse with one {@link BundleBuilder} per
 * open level; a scalar is the atom of its path and text.
 *
 * <p>An object is a scalar marker when it has a {@code $log} or {@code $linear} key (optional
 * {@code $scale}, default 1000). Keys can come in any order, so an object's fields are encoded as
 * they arrive and the sums are dropped if a marker key turns up; markers are small, so the waste
 * is bounded. Duplicate keys are rejected (the reference's parser would keep only the last one).
 */
final class JsonStructureEncoder {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    // Duplicate keys are found by SeenKeys, not by the parser's own check, which builds a hash set
    // for every object of more than two keys.
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final VectorManager atoms;
    private final PathAtoms paths;
    private final PositionalEncoder positional;

    JsonStructureEncoder(VectorManager atoms, PathAtoms paths, PositionalEncoder positional) {
        this.atoms = atoms;
        this.paths = paths;
        this.positional = positional;
    }

    HyperVector encode(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return encodeDocument(p);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    HyperVector encode(byte[] utf8) {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return encodeDocument(p);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** A token in JSON's words ("an array", "a number"…), for error messages. */
    private static String tokenName(JsonToken t) {
        if (t == null) {
            return "an empty document";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /**
     * The role and filler of every field of the JSON object {@code json}, in document order: the
     * terms whose bundle {@link #encode(String)} gives for it. It takes only an object of fields:
     * anything else (an array, a scalar, a top-level scalar marker) is refused, saying "expected a
     * JSON object…, got" what it is.
     */
    List<StructureEncoder.FieldTerm> fieldTerms(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new InvalidArgumentException("expected a JSON object, got " + tokenName(t));
            }
            List<StructureEncoder.FieldTerm> out = new ArrayList<>();
            SeenKeys seen = new SeenKeys();
            String marker = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                seen.add(key, p);
                if (key.equals("$log") || (key.equals("$linear") && marker == null)) {
                    marker = key;
                }
                JsonToken vt = p.nextToken();
                String path = AtomPaths.path(null, key);
                PathAtoms.Path atomsOfPath = paths.of(path);
                HyperVector filler = atomsOfPath == null ? value(p, vt, path) : fieldValue(p, vt, atomsOfPath);
                out.add(new StructureEncoder.FieldTerm(key, atomsOfPath == null ? atoms.get(path) : atomsOfPath.role(), filler));
            }
            requireEnd(p);
            if (marker != null) {
                throw new InvalidArgumentException("expected a JSON object of fields, got a scalar marker (" + marker + ")");
            }
            return out;
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** Striped encoding: every leaf at path P goes to stripe fnv(P) mod n (hdc-holon §8.4). */
    HyperVector[] encodeStriped(String json, int stripes) {
        if (stripes <= 0) {
            throw new InvalidArgumentException("stripe count must be positive, got " + stripes);
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new InvalidArgumentException("striped encoding needs a JSON object at the root, got " + t);
            }
            List<Leaf> leaves = new ArrayList<>();
            Marker marker = stripeObject(p, null, leaves);
            if (marker != null) {
                throw new InvalidArgumentException("striped encoding needs a JSON object at the root, got a scalar marker");
            }
            requireEnd(p);
            return StripedSums.bundle(leaves, stripes, atoms.dimensions());
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    private HyperVector encodeDocument(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new InvalidArgumentException("JSON document is empty; expected a value");
        }
        HyperVector v = value(p, t, null);
        requireEnd(p);
        return v;
    }

    private static void requireEnd(JsonParser p) throws IOException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new InvalidArgumentException("expected the end of the JSON document, got " + extra + " at "
                    + p.currentLocation().offsetDescription());
        }
    }

    /** The encoding of the value starting at token {@code t}, under {@code prefix}. */
    private HyperVector value(JsonParser p, JsonToken t, String prefix) throws IOException {
        return switch (t) {
            case START_OBJECT -> object(p, prefix);
            case START_ARRAY -> array(p, prefix);
            default -> atoms.get(AtomPaths.path(prefix, scalarText(p, t)));
        };
    }

    /**
     * {@link #value(JsonParser, JsonToken, String)} of an object field under a path that
     * {@link PathAtoms} follows: strings and integers that fit a long are found by value, the same
     * atoms as their text.
     */
    private HyperVector fieldValue(JsonParser p, JsonToken t, PathAtoms.Path path) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return path.filler(p.getText());
        }
        if (t == JsonToken.VALUE_NUMBER_INT && fitsLong(p)) {
            return path.filler(p.getLongValue());
        }
        return value(p, t, path.path());
    }

    private HyperVector object(JsonParser p, String prefix) throws IOException {
        BundleBuilder sums = null;
        MarkerReader marker = null;
        SeenKeys seen = new SeenKeys();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            seen.add(key, p);
            JsonToken vt = p.nextToken();
            marker = MarkerReader.offer(marker, key, vt, p);
            String path = AtomPaths.path(prefix, key);
            PathAtoms.Path atomsOfPath = paths.of(path);
            HyperVector filler = atomsOfPath == null ? value(p, vt, path) : fieldValue(p, vt, atomsOfPath);
            if (sums == null) {
                sums = new BundleBuilder(atoms.dimensions());
            }
            sums.addBound(atomsOfPath == null ? atoms.get(path) : atomsOfPath.role(), filler);
        }
        Marker m = marker == null ? null : marker.result();
        if (m != null) {
            return m.encode(positional);
        }
        return sums == null ? atoms.get(AtomPaths.path(prefix, "{}")) : sums.build();
    }

    private HyperVector array(JsonParser p, String prefix) throws IOException {
        BundleBuilder sums = null;
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String path = AtomPaths.element(prefix, i++);
            HyperVector item = value(p, t, path);
            if (sums == null) {
                sums = new BundleBuilder(atoms.dimensions());
            }
            sums.addBound(atoms.get(path), item);
        }
        return sums == null ? atoms.get(AtomPaths.path(prefix, "[]")) : sums.build();
    }

    /**
     * Walks the fields of an object at {@code prefix}, adding a leaf for every scalar, array,
     * empty object or marker, and recursing into non-empty objects. Returns the marker when the
     * object turned out to be one (its field leaves are then removed again).
     */
    private Marker stripeObject(JsonParser p, String prefix, List<Leaf> leaves) throws IOException {
        int start = leaves.size();
        MarkerReader marker = null;
        SeenKeys seen = new SeenKeys();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            seen.add(key, p);
            JsonToken vt = p.nextToken();
            marker = MarkerReader.offer(marker, key, vt, p);
            String path = AtomPaths.path(prefix, key);
            if (vt == JsonToken.START_OBJECT) {
                int before = leaves.size();
                Marker inner = stripeObject(p, path, leaves);
                if (inner != null) {
                    leaves.add(new Leaf(path, atoms.get(path), inner.encode(positional)));
                } else if (leaves.size() == before) {
                    leaves.add(new Leaf(path, atoms.get(path), atoms.get(AtomPaths.path(path, "{}"))));
                }
            } else {
                leaves.add(new Leaf(path, atoms.get(path), value(p, vt, path)));
            }
        }
        Marker m = marker == null ? null : marker.result();
        if (m != null) {
            leaves.subList(start, leaves.size()).clear();
        }
        return m;
    }

    /** The atom text of a scalar token: the string, or the number, boolean or null as serde_json prints it. */
    private static String scalarText(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> integerText(p);
            case VALUE_NUMBER_FLOAT -> NumberText.json(p.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> throw new InvalidArgumentException("unexpected JSON token " + t + " at "
                    + p.currentLocation().offsetDescription());
        };
    }

    /** serde_json keeps integers that fit i64 or u64 exact and turns the rest into f64. */
    private static String integerText(JsonParser p) throws IOException {
        if (fitsLong(p)) {
            return Long.toString(p.getLongValue());
        }
        BigInteger big = p.getBigIntegerValue();
        if (big.signum() >= 0 && big.compareTo(U64_MAX) <= 0) {
            return big.toString();
        }
        return NumberText.json(big.doubleValue());
    }

    /** Whether the current integer token fits a long (its atom text is then {@code Long.toString}). */
    private static boolean fitsLong(JsonParser p) throws IOException {
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    private static InvalidArgumentException invalid(IOException e) {
        return new InvalidArgumentException("invalid JSON: " + e.getMessage());
    }

    /** A leaf of striped encoding: its path, role atom and filler. */
    record Leaf(String path, HyperVector role, HyperVector filler) {}

    /** A {@code $log}/{@code $linear} marker. */
    record Marker(boolean log, double value, double scale) {
        HyperVector encode(PositionalEncoder positional) {
            return log ? positional.encodeLog(value, scale) : positional.encodeLinear(value, scale);
        }
    }

    /**
     * The keys of one object so far, to reject a repeated one: a scan of a short array (the
     * parser's names are canonical, so a repeat is mostly the same instance), a hash set past
     * {@value #SCAN} keys.
     */
    private static final class SeenKeys {
        private static final int SCAN = 8;
        private final String[] first = new String[SCAN];
        private int count;
        private java.util.HashSet<String> rest;

        void add(String key, JsonParser p) {
            int n = count;
            for (int i = 0; i < n; i++) {
                String k = first[i];
                if (k == key || k.equals(key)) {
                    throw duplicate(key, p);
                }
            }
            if (n < SCAN) {
                first[n] = key;
                count = n + 1;
                return;
            }
            if (rest == null) {
                rest = new java.util.HashSet<>();
            }
            if (!rest.add(key)) {
                throw duplicate(key, p);
            }
        }

        private static InvalidArgumentException duplicate(String key, JsonParser p) {
            return new InvalidArgumentException("invalid JSON: duplicate key '" + key + "' at "
                    + p.currentLocation().offsetDescription());
        }
    }

    /** Collects marker keys while an object's fields stream past. */
    private static final class MarkerReader {
        private Double log;
        private Double linear;
        private Double scale;

        /** Offers a field to {@code reader}, made on the first key that starts with '$' (most objects have none). */
        static MarkerReader offer(MarkerReader reader, String key, JsonToken t, JsonParser p) throws IOException {
            if (reader == null) {
                if (key.isEmpty() || key.charAt(0) != '$') {
                    return null;
                }
                reader = new MarkerReader();
            }
            reader.offer(key, t, p);
            return reader;
        }

        void offer(String key, JsonToken t, JsonParser p) throws IOException {
            switch (key) {
                case "$log" -> log = number(key, t, p);
                case "$linear" -> linear = number(key, t, p);
                case "$scale" -> scale = t.isNumeric() ? p.getDoubleValue() : null;
                default -> { }
            }
        }

        Marker result() {
            double s = scale == null ? PositionalEncoder.DEFAULT_SCALE : scale;
            if (log != null) {
                return new Marker(true, log, s);
            }
            return linear != null ? new Marker(false, linear, s) : null;
        }

        private static double number(String key, JsonToken t, JsonParser p) throws IOException {
            if (!t.isNumeric()) {
                throw new InvalidArgumentException(key + " marker needs a number, got " + t + " at "
                        + p.currentLocation().offsetDescription());
            }
            return p.getDoubleValue();
        }
    }
}
