package io.engram.hdc.kernel;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * An immutable ternary hypervector: every element is −1, 0 or +1, one byte per dimension (the
 * layout of both Holon references, hdc-holon §3).
 *
 * <p>int8 was chosen over two bit-planes because every Holon operation that is not a plain sign
 * test (bundle sums, weighted sums, accumulators, float cosines against baselines) reads the
 * elements as small integers; the int8 dot product runs on core's Vector API kernel, and the
 * element-wise loops of bind and bundle are simple enough for the JIT to vectorise.
 *
 * <p>Instances never expose their array; the kernel package builds them from arrays it owns
 * ({@link #wrap}) so that primitives allocate exactly one array per result.
 */
public final class HyperVector {
    private final byte[] data;
    /** Number of non-zero elements, computed on first use (0 is a valid value, so −1 means unknown). */
    private int nnz = -1;
    private int hash;

    private HyperVector(byte[] data) {
        this.data = data;
    }

    /** Wraps an array the caller hands over and never touches again; values are trusted. */
    static HyperVector wrap(byte[] data) {
        return new HyperVector(data);
    }

    /** The array itself, for kernel-package loops that only read it. */
    byte[] data() {
        return data;
    }

    /** The all-zero vector of {@code dimensions} elements. */
    public static HyperVector zeros(int dimensions) {
        checkDimensions(dimensions);
        return new HyperVector(new byte[dimensions]);
    }

    /** A copy of {@code values}; each must be −1, 0 or +1. */
    public static HyperVector of(byte[] values) {
        checkDimensions(values.length);
        for (int i = 0; i < values.length; i++) {
            checkTernary(values[i], i);
        }
        return new HyperVector(values.clone());
    }

    /** A vector from ints; each must be −1, 0 or +1. */
    public static HyperVector of(int... values) {
        checkDimensions(values.length);
        byte[] d = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            checkTernary(values[i], i);
            d[i] = (byte) values[i];
        }
        return new HyperVector(d);
    }

    /** sgn of each element ("threshold to ternary"); NaN is rejected. */
    public static HyperVector signOf(double[] values) {
        checkDimensions(values.length);
        byte[] d = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                throw new InvalidArgumentException("element " + i + " is NaN; expected a number");
            }
            d[i] = (byte) (v > 0 ? 1 : v < 0 ? -1 : 0);
        }
        return new HyperVector(d);
    }

    /** sgn of each element of integer sums. */
    public static HyperVector signOf(int[] values) {
        checkDimensions(values.length);
        byte[] d = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = (byte) Integer.signum(values[i]);
        }
        return new HyperVector(d);
    }

    public int dimensions() {
        return data.length;
    }

    /** Element {@code i} (−1, 0 or +1). */
    public int get(int i) {
        return data[i];
    }

    /** A copy of the elements. */
    public byte[] toArray() {
        return data.clone();
    }

    /** The elements as doubles (Rust {@code to_f64}). */
    public double[] toDoubles() {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i];
        }
        return out;
    }

    /** Number of non-zero elements; also the squared L2 norm, since every non-zero is ±1. */
    public int nnz() {
        int n = nnz;
        if (n < 0) {
            n = 0;
            for (byte b : data) {
                n += b & 1; // −1 is 0xFF and +1 is 0x01: the low bit marks exactly the non-zeros
            }
            nnz = n;
        }
        return n;
    }

    /** Fraction of non-zero elements. */
    public double density() {
        return (double) nnz() / data.length;
    }

    /** L2 norm. */
    public double norm() {
        return Math.sqrt(nnz());
    }

    /** The float unit vector v/‖v‖, zeros when the norm is below 1e−10 (Rust {@code normalized}). */
    public double[] normalized() {
        double[] out = new double[data.length];
        int n = nnz();
        if (n == 0) {
            return out;
        }
        double inv = 1.0 / Math.sqrt(n);
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] * inv;
        }
        return out;
    }

    /** Throws {@link io.engram.core.DimensionMismatchException} unless both have the same dimension. */
    public void requireSameDimensions(HyperVector other) {
        io.engram.core.DimensionMismatchException.check(data.length, other.data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperVector other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    /** The dimension and the first elements, enough to tell vectors apart in a failure message. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HyperVector[d=").append(data.length).append(", nnz=").append(nnz()).append(": ");
        int shown = Math.min(16, data.length);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ",").append(data[i]);
        }
        return sb.append(data.length > shown ? ",…]" : "]").toString();
    }

    static void checkDimensions(int dimensions) {
        if (dimensions <= 0) {
            throw new InvalidArgumentException("dimensions must be positive, got " + dimensions);
        }
    }

    private static void checkTernary(int v, int i) {
        if (v < -1 || v > 1) {
            throw new InvalidArgumentException("element " + i + " must be -1, 0 or 1, got " + v);
        }
    }
}
