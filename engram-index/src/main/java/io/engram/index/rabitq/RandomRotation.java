package io.engram.index.rabitq;

import io.engram.core.InvalidArgumentException;

/**
 * A seeded random rotation of D-dimensional vectors, drawn from Rust-compatible randomness so that
 * the same (kind, dim, seed) gives the reference's operator bit for bit. Immutable and thread-safe;
 * {@link #apply} allocates nothing when given its output and scratch.
 */
public sealed interface RandomRotation permits HaarRotation, HadamardRotation {

    /** A rotation of {@code kind} over {@code dim} dimensions drawn from {@code seed}. */
    static RandomRotation of(RotationKind kind, int dim, long seed) {
        InvalidArgumentException.check(dim > 0 && dim <= (kind == RotationKind.HAAR_DENSE ? 46_340 : 1 << 29),
                "rotation dimension must be in 1..%d for %s, got %d",
                kind == RotationKind.HAAR_DENSE ? 46_340 : 1 << 29, kind, dim);
        return switch (kind) {
            case HAAR_DENSE -> new HaarRotation(dim, seed);
            case HADAMARD_SIGNED -> new HadamardRotation(dim, seed);
        };
    }

    RotationKind kind();

    int dim();

    long seed();

    /** Floats of scratch {@link #apply} needs (0 for Haar, the padded length for Hadamard). */
    int scratchLength();

    /** {@code out[0..dim) = R·v} in sequential f32 arithmetic; {@code v} and {@code out} must differ. */
    void apply(float[] v, float[] out, float[] scratch);

    /** Convenience form that allocates. */
    default float[] apply(float[] v) {
        float[] out = new float[dim()];
        apply(v, out, new float[scratchLength()]);
        return out;
    }

    /** Bytes the operator occupies, as the reference counts them (4·D² Haar, 12·P Hadamard). */
    long bytes();
}
