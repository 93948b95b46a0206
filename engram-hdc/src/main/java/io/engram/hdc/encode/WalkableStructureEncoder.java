package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.BundleBuilder;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes Java values with the same path-qualified rules as JSON (hdc-holon §8.1): maps and
 * {@link Walkable}s like objects, lists and {@link Spread}s like arrays, sets as
 * bind(set_indicator, bundle of items under the parent prefix), scalars as atoms of their text
 * (floats in Rust {@code Display} form, so 1.0 is "1"), {@link ScalarValue}s by magnitude.
 */
final class WalkableStructureEncoder {
    private final VectorManager atoms;
    private final PathAtoms paths;
    private final PositionalEncoder positional;
    private final TimeEncoder time;

    WalkableStructureEncoder(VectorManager atoms, PathAtoms paths, PositionalEncoder positional, TimeEncoder time) {
        this.atoms = atoms;
        this.paths = paths;
        this.positional = positional;
        this.time = time;
    }

    HyperVector encode(Object value, String prefix) {
        return switch (value) {
            case Walkable w -> walkable(w, prefix);
            case Map<?, ?> m -> map(m, prefix);
            case List<?> l -> list(l, prefix);
            case Spread s -> list(s.items(), prefix);
            case Set<?> s -> set(s, prefix);
            case ScalarValue s -> scalar(s);
            case null, default -> atoms.get(AtomPaths.path(prefix, scalarText(value)));
        };
    }

    /** The filler of a {@link ScalarValue}: positional log/linear or the time encoding. */
    HyperVector scalar(ScalarValue s) {
        return switch (s) {
            case ScalarValue.LogScale l -> positional.encodeLog(l.value(), l.scale());
            case ScalarValue.LinearScale l -> positional.encodeLinear(l.value(), l.scale());
            case ScalarValue.TimeScale t -> time.encode(t.epochSeconds(), t.resolution());
        };
    }

    private HyperVector walkable(Walkable w, String prefix) {
        BundleBuilder sums = new BundleBuilder(atoms.dimensions());
        w.walk((key, v) -> field(sums, AtomPaths.path(prefix, requireKey(key)), v));
        return sums.count() == 0 ? atoms.get(AtomPaths.path(prefix, "{}")) : sums.build();
    }

    private HyperVector map(Map<?, ?> m, String prefix) {
        if (m.isEmpty()) {
            return atoms.get(AtomPaths.path(prefix, "{}"));
        }
        BundleBuilder sums = new BundleBuilder(atoms.dimensions());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            field(sums, AtomPaths.path(prefix, requireKey(e.getKey())), e.getValue());
        }
        return sums.build();
    }

    /**
     * Adds bind(atom(path), filler of v). Integers and strings under a path are found by value in
     * {@link PathAtoms} (the same atoms as their "path.value" text, without writing it).
     */
    private void field(BundleBuilder sums, String path, Object v) {
        PathAtoms.Path p = paths.of(path);
        if (p == null) {
            sums.addBound(atoms.get(path), encode(v, path));
            return;
        }
        HyperVector filler = switch (v) {
            case Integer i -> p.filler(i);
            case Long l -> p.filler(l);
            case Short s -> p.filler(s);
            case Byte b -> p.filler(b);
            case String s -> p.filler(s);
            case null, default -> encode(v, path);
        };
        sums.addBound(p.role(), filler);
    }

    private HyperVector list(List<?> l, String prefix) {
        if (l.isEmpty()) {
            return atoms.get(AtomPaths.path(prefix, "[]"));
        }
        BundleBuilder sums = new BundleBuilder(atoms.dimensions());
        for (int i = 0; i < l.size(); i++) {
            String path = AtomPaths.element(prefix, i);
            sums.addBound(atoms.get(path), encode(l.get(i), path));
        }
        return sums.build();
    }

    private HyperVector set(Set<?> s, String prefix) {
        if (s.isEmpty()) {
            return atoms.get(AtomPaths.path(prefix, "#{}"));
        }
        BundleBuilder sums = new BundleBuilder(atoms.dimensions());
        for (Object item : s) {
            sums.add(encode(item, prefix));
        }
        return Algebra.bind(atoms.get(AtomPaths.SET_INDICATOR), sums.build());
    }

    /** The atom text of a scalar, as the Rust walkable prints it. */
    static String scalarText(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> s;
            case Boolean b -> b.toString();
            case Byte b -> b.toString();
            case Short s -> s.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Double d -> NumberText.display(d);
            case Float f -> NumberText.display(f);
            case Character c -> c.toString();
            default -> throw new InvalidArgumentException("cannot encode a value of type " + value.getClass().getName()
                    + "; expected a Walkable, Map, List, Set, Spread, ScalarValue, String, Boolean, number or null");
        };
    }

    private static String requireKey(Object key) {
        if (!(key instanceof String s)) {
            throw new InvalidArgumentException("map keys must be strings, got "
                    + (key == null ? "null" : key.getClass().getName() + " " + key));
        }
        return s;
    }

    /** Leaves of striped encoding (hdc-holon §8.4): maps recurse, everything else is one leaf; spreads fan out. */
    void leaves(Object value, String prefix, List<JsonStructureEncoder.Leaf> out) {
        switch (value) {
            case Walkable w -> {
                int before = out.size();
                w.walk((key, v) -> leafOrRecurse(v, AtomPaths.path(prefix, requireKey(key)), out));
                if (out.size() == before && prefix != null) {
                    out.add(leaf(prefix, value));
                }
            }
            case Map<?, ?> m when !m.isEmpty() -> {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    leafOrRecurse(e.getValue(), AtomPaths.path(prefix, requireKey(e.getKey())), out);
                }
            }
            default -> throw new InvalidArgumentException("striped encoding needs a map or Walkable at the root, got "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private void leafOrRecurse(Object v, String path, List<JsonStructureEncoder.Leaf> out) {
        switch (v) {
            case Walkable w -> leaves(w, path, out);
            case Map<?, ?> m when !m.isEmpty() -> leaves(m, path, out);
            case Spread s when !s.items().isEmpty() -> {
                for (int i = 0; i < s.items().size(); i++) {
                    leafOrRecurse(s.items().get(i), AtomPaths.element(path, i), out);
                }
            }
            case null, default -> out.add(leaf(path, v));
        }
    }

    /** bind(atom P, filler of v at P). */
    JsonStructureEncoder.Leaf leaf(String path, Object v) {
        return new JsonStructureEncoder.Leaf(path, atoms.get(path), encode(v, path));
    }
}
