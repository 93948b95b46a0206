package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.BundleBuilder;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Role–filler encoding of structured data (hdc-holon §8): JSON text, Java values and
 * {@link Walkable}s, item sequences, and striped encodings. A map becomes
 * sgn(Σ_k bind(atom(path k), filler(v_k))) with path-qualified atoms, so
 * {@code {"type":"billing"}} is bind(atom "type", atom "type.billing"); key order never matters.
 *
 * <p>Thread-safe; the atom cache is shared through the {@link VectorManager}.
 */
public final class StructureEncoder {
    private final VectorManager atoms;
    private final JsonStructureEncoder json;
    private final WalkableStructureEncoder walkable;

    public StructureEncoder(VectorManager atoms) {
        this.atoms = atoms;
        PositionalEncoder positional = new PositionalEncoder(atoms.dimensions());
        PathAtoms paths = new PathAtoms(atoms);
        this.json = new JsonStructureEncoder(atoms, paths, positional);
        this.walkable = new WalkableStructureEncoder(atoms, paths, positional, new TimeEncoder(atoms));
    }

    public VectorManager atoms() {
        return atoms;
    }

    /** Encodes one JSON document; invalid JSON is an {@link InvalidArgumentException} naming the problem. */
    public HyperVector encodeJson(String text) {
        return json.encode(text);
    }

    /** {@link #encodeJson(String)} over UTF-8 bytes. */
    public HyperVector encodeJson(byte[] utf8) {
        return json.encode(utf8);
    }

    /** Encodes a Java value: a {@link Walkable}, map, list, set, {@link Spread}, {@link ScalarValue} or scalar. */
    public HyperVector encodeWalkable(Object value) {
        return walkable.encode(value, null);
    }

    /** Encodes {@code items} as plain (unqualified) atoms; an empty sequence is the zero vector. */
    public HyperVector encodeSequence(List<String> items, SequenceMode mode) {
        int d = atoms.dimensions();
        if (items.isEmpty()) {
            return HyperVector.zeros(d);
        }
        List<HyperVector> v = new ArrayList<>(items.size());
        for (String item : items) {
            v.add(atoms.get(item));
        }
        return switch (mode) {
            case SequenceMode.Bundle b -> Algebra.bundle(v);
            case SequenceMode.Positional p -> {
                BundleBuilder sums = new BundleBuilder(d);
                for (int i = 0; i < v.size(); i++) {
                    sums.addPermuted(v.get(i), i);
                }
                yield sums.build();
            }
            case SequenceMode.Chained c -> {
                HyperVector acc = v.getFirst();
                for (int i = 1; i < v.size(); i++) {
                    acc = Algebra.bind(acc, v.get(i));
                }
                yield acc;
            }
            case SequenceMode.Ngram(int n) -> {
                if (v.size() < n) {
                    yield Algebra.bundle(v);
                }
                BundleBuilder sums = new BundleBuilder(d);
                for (int start = 0; start + n <= v.size(); start++) {
                    HyperVector gram = v.get(start);
                    for (int j = 1; j < n; j++) {
                        gram = Algebra.bind(gram, Algebra.permute(v.get(start + j), j));
                    }
                    sums.add(gram);
                }
                yield sums.build();
            }
        };
    }

    /** Striped JSON encoding: {@code stripes} vectors, leaf at path P in stripe {@link #fieldStripe}(P). */
    public HyperVector[] encodeJsonStriped(String text, int stripes) {
        return json.encodeStriped(text, stripes);
    }

    /** Striped encoding of a map or {@link Walkable}. */
    public HyperVector[] encodeWalkableStriped(Object value, int stripes) {
        if (stripes <= 0) {
            throw new InvalidArgumentException("stripe count must be positive, got " + stripes);
        }
        List<JsonStructureEncoder.Leaf> leaves = new ArrayList<>();
        walkable.leaves(value, null, leaves);
        return StripedSums.bundle(leaves, stripes, atoms.dimensions());
    }

    /**
     * What a leaf at {@code path} contributes to its stripe: bind(atom path, filler of value at
     * path); the zero vector for a non-leaf (a non-empty map or {@link Walkable}, or a non-empty
     * {@link Spread}), whose own leaves contribute instead.
     */
    public HyperVector leafBinding(Object value, String path) {
        boolean inner = switch (value) {
            case java.util.Map<?, ?> m -> !m.isEmpty();
            case Spread s -> !s.items().isEmpty();
            case Walkable w -> {
                boolean[] any = {false};
                w.walk((k, v) -> any[0] = true);
                yield any[0];
            }
            case null, default -> false;
        };
        return inner ? HyperVector.zeros(atoms.dimensions()) : fieldBinding(path, value);
    }

    /**
     * bind(atom path, value encoded under path): the term a field at {@code path} adds to its
     * object's bundle, whatever the value's shape.
     */
    public HyperVector fieldBinding(String path, Object value) {
        return fieldTerm(path, value).bound();
    }

    /**
     * One field's term of an object's encoding: the role atom of its key and the filler of its
     * value, whose binding the object's bundle adds. Kept apart so that a caller can score the
     * pair without making it (see {@link io.engram.hdc.kernel.BaselineScorer#cosine(HyperVector, HyperVector)}).
     */
    public record FieldTerm(String key, HyperVector role, HyperVector filler) {
        /** bind(role, filler). */
        public HyperVector bound() {
            return Algebra.bind(role, filler);
        }
    }

    /**
     * The terms of a JSON object's encoding, one for every top-level field in document order,
     * with the JSON rules of {@link #encodeJson(String)} (number literals keep their integer or
     * float form, nested {@code $log}/{@code $linear} objects are scalars); their bundle is the
     * object's encoding ({@code {}} has no terms and encodes as the atom "{}"). Anything but an
     * object of fields is an {@link InvalidArgumentException}.
     */
    public List<FieldTerm> jsonFieldTerms(String json) {
        return this.json.fieldTerms(json);
    }

    /** The term a field at {@code path} with {@code value} adds to its map's encoding ({@link #encodeWalkable} rules). */
    public FieldTerm fieldTerm(String path, Object value) {
        JsonStructureEncoder.Leaf leaf = walkable.leaf(path, value);
        return new FieldTerm(path, leaf.role(), leaf.filler());
    }

    /** The stripe of a field path: FNV-1a 64 of its UTF-8 bytes, unsigned mod {@code stripes}. */
    public static int fieldStripe(String path, int stripes) {
        return AtomPaths.stripe(path, stripes);
    }
}
