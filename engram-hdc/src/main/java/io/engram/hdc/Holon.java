package io.engram.hdc;

import io.engram.hdc.encode.PositionalEncoder;
import io.engram.hdc.encode.RotationEncoder;
import io.engram.hdc.encode.ScalarDecoder;
import io.engram.hdc.encode.ScalarMode;
import io.engram.hdc.encode.SequenceMode;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.encode.TimeEncoder;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import io.engram.hdc.memory.EngramLibrary;
import io.engram.hdc.memory.OnlineSubspace;
import java.util.List;
import java.util.Optional;

/**
 * One object for the common work (hdc-holon §11): atoms, encoders, the core algebra, similarity,
 * accumulators and the memory layer at one dimension and seed. Scalar methods use the positional
 * encoder (Engram's decision §1.8); {@link #encodeScalar(double, ScalarMode)} reaches the rotation
 * and thermometer modes. Thread-safe except for the accumulators and subspaces it hands out.
 */
public final class Holon {
    private final VectorManager atoms;
    private final StructureEncoder structure;
    private final PositionalEncoder positional;
    private final RotationEncoder rotation;
    private final TimeEncoder time;

    /** d = 4096, seed 0. */
    public Holon() {
        this(VectorManager.DEFAULT_DIMENSIONS);
    }

    public Holon(int dimensions) {
        this(dimensions, 0L);
    }

    public Holon(int dimensions, long seed) {
        this.atoms = new VectorManager(dimensions, seed);
        this.structure = new StructureEncoder(atoms);
        this.positional = new PositionalEncoder(dimensions);
        // The reference facade builds its rotation encoder with seed 0 whatever its own seed; kept for parity.
        this.rotation = new RotationEncoder(dimensions, 0L);
        this.time = new TimeEncoder(atoms);
    }

    public int dimensions() {
        return atoms.dimensions();
    }

    public VectorManager atoms() {
        return atoms;
    }

    public HyperVector atom(String name) {
        return atoms.get(name);
    }

    public HyperVector encodeJson(String json) {
        return structure.encodeJson(json);
    }

    public HyperVector encodeWalkable(Object value) {
        return structure.encodeWalkable(value);
    }

    /** Striped JSON encoding: one vector per stripe, fields assigned by FNV-1a of their path. */
    public HyperVector[] encodeJsonStriped(String json, int stripes) {
        return structure.encodeJsonStriped(json, stripes);
    }

    public HyperVector encodeSequence(List<String> items, SequenceMode mode) {
        return structure.encodeSequence(items, mode);
    }

    /** Positional linear encoding at scale 1000. */
    public HyperVector encodeScalar(double value) {
        return positional.encodeLinear(value);
    }

    /** Rotation or thermometer encoding (the Rust {@code ScalarEncoder}). */
    public HyperVector encodeScalar(double value, ScalarMode mode) {
        return rotation.encode(value, mode);
    }

    /** Positional log10 encoding at scale 1000 (x ≤ 0 gives zeros). */
    public HyperVector encodeScalarLog(double value) {
        return positional.encodeLog(value);
    }

    /** The value behind a {@link #encodeScalarLog} vector, searched over [1e−2, 1e10]. */
    public double decodeScalarLog(HyperVector v) {
        return ScalarDecoder.decodeLog(v);
    }

    /** {@link #decodeScalarLog(HyperVector)} over [lo, hi] with 500 probes and 200 refinement points. */
    public double decodeScalarLog(HyperVector v, double lo, double hi) {
        return ScalarDecoder.decodeLog(v, positional::encodeLog, lo, hi, ScalarDecoder.DEFAULT_PROBES,
                ScalarDecoder.DEFAULT_REFINE);
    }

    public HyperVector encodeTime(double epochSeconds, TimeEncoder.Resolution resolution) {
        return time.encode(epochSeconds, resolution);
    }

    public HyperVector bind(HyperVector a, HyperVector b) {
        return Algebra.bind(a, b);
    }

    public HyperVector unbind(HyperVector bound, HyperVector key) {
        return Algebra.unbind(bound, key);
    }

    public HyperVector bundle(List<HyperVector> vectors) {
        return Algebra.bundle(vectors);
    }

    public HyperVector bundle(HyperVector... vectors) {
        return Algebra.bundle(vectors);
    }

    public HyperVector permute(HyperVector v, int k) {
        return Algebra.permute(v, k);
    }

    public HyperVector negate(HyperVector superposition, HyperVector component) {
        return Algebra.negate(superposition, component);
    }

    public HyperVector amplify(HyperVector superposition, HyperVector component, double strength) {
        return Algebra.amplify(superposition, component, strength);
    }

    public HyperVector prototype(List<HyperVector> vectors) {
        return Algebra.prototype(vectors);
    }

    public HyperVector blend(HyperVector a, HyperVector b, double alpha) {
        return Algebra.blend(a, b, alpha);
    }

    public Optional<Algebra.Match> cleanup(HyperVector noisy, List<HyperVector> codebook) {
        return Algebra.cleanup(noisy, codebook);
    }

    /** Cosine similarity. */
    public double similarity(HyperVector a, HyperVector b) {
        return Similarity.cosine(a, b);
    }

    public double similarity(HyperVector a, HyperVector b, Similarity.Metric metric) {
        return Similarity.of(metric, a, b);
    }

    /** Cosine of a vector and a float vector (e.g. a normalized accumulator). */
    public double similarity(HyperVector a, double[] b) {
        return Similarity.cosine(a, b);
    }

    /** z = sim·√d at this facade's dimension. */
    public double significance(double similarity) {
        return Similarity.significance(similarity, dimensions());
    }

    public Accumulator createAccumulator() {
        return new Accumulator(dimensions());
    }

    public OnlineSubspace createSubspace(int k) {
        return new OnlineSubspace(dimensions(), k);
    }

    public EngramLibrary createEngramLibrary() {
        return new EngramLibrary(dimensions());
    }
}
