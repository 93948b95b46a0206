package io.engram.hdc.kernel;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * An immutable ternary hypervector: every element is −1, 0 or +1, one byte per dimension (the
 * layout of both Holon references, hdc-holon §3).
 *
 * <p>int8 is the primary form because every Holon operation that is not a plain sign
 * test (bundle sums, weighted sums, accumulators, float cosines against baselines) reads the
 * elements as small integers; the int8 dot product runs on core's Vector API kernel, and the
 * element-wise loops of bind and bundle are simple enough for the JIT to vectorise.
 *
 * <p>Both behind one class: a vector may also carry two bit-planes (sign and non-zero, 64
 * elements per word, 1 KiB at d = 4096), computed on first use and kept. {@code bind} works on the
 * planes (XOR of signs, AND of non-zeros) and returns a vector that holds only planes; its bytes
 * are unpacked when an operation needs them. Dot products use the planes when both vectors have
 * them (three AND/XOR and two popcounts per 64 elements), else the int8 kernel. Both forms are
 * computed deterministically from each other, so a racing first use computes the same array twice
 * at worst; the fields are volatile so an array is never seen before its contents.
 *
 * <p>Instances never expose their arrays; the kernel package builds them from arrays it owns
 * ({@link #wrap}, {@link #wrapPlanes}) so that primitives allocate exactly one array per result.
 */
public final class HyperVector {
    private final int dimensions;
    /**
     * The elements when the vector was built from them: final, so hot loops over {@link #data()}
     * read a plain field the compiler can hoist. Null for a vector built from planes.
     */
    private final byte[] bytes;
    /** The elements unpacked from the planes on first use (volatile: never seen before its contents). */
    private volatile byte[] unpacked;
    /** Sign plane then non-zero plane, ⌈d/64⌉ words each, when built from them; else null. */
    private final long[] bornPlanes;
    /** The planes packed from the elements on first use. */
    private volatile long[] packed;
    /** Number of non-zero elements, computed on first use (0 is a valid value, so −1 means unknown). */
    private int nnz = -1;
    private int hash;

    private HyperVector(byte[] data) {
        this.dimensions = data.length;
        this.bytes = data;
        this.bornPlanes = null;
    }

    private HyperVector(long[] planes, int dimensions) {
        this.dimensions = dimensions;
        this.bytes = null;
        this.bornPlanes = planes;
    }

    /** Wraps an array the caller hands over and never touches again; values are trusted. */
    static HyperVector wrap(byte[] data) {
        return new HyperVector(data);
    }

    /** Wraps planes (see {@link TernaryKernels#pack}) the caller hands over; sign bits only where non-zero. */
    static HyperVector wrapPlanes(long[] planes, int dimensions) {
        return new HyperVector(planes, dimensions);
    }

    /** Words per plane for {@code dimensions} elements. */
    static int planeWords(int dimensions) {
        return (dimensions + 63) >>> 6;
    }

    /** The elements, for kernel-package loops that only read them (unpacked from the planes once). */
    byte[] data() {
        byte[] d = bytes;
        if (d != null) {
            return d;
        }
        d = unpacked;
        if (d == null) {
            d = new byte[dimensions];
            TernaryKernels.active().unpack(bornPlanes, d);
            unpacked = d;
        }
        return d;
    }

    /** The bit-planes, for kernel-package loops that only read them (packed from the elements once). */
    long[] planes() {
        long[] p = bornPlanes;
        if (p != null) {
            return p;
        }
        p = packed;
        if (p == null) {
            p = new long[2 * planeWords(dimensions)];
            TernaryKernels.active().pack(bytes, p);
            packed = p;
        }
        return p;
    }

    /** Whether the planes exist already (so a plane-based operation costs no packing). */
    boolean hasPlanes() {
        return bornPlanes != null || packed != null;
    }

    /** Whether the elements exist already. */
    boolean hasData() {
        return bytes != null || unpacked != null;
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
        return dimensions;
    }

    /** Element {@code i} (−1, 0 or +1). */
    public int get(int i) {
        byte[] d = bytes != null ? bytes : unpacked;
        if (d != null) {
            return d[i];
        }
        java.util.Objects.checkIndex(i, dimensions);
        long[] p = bornPlanes;
        int w = planeWords(dimensions);
        if ((p[w + (i >>> 6)] & (1L << i)) == 0) {
            return 0;
        }
        return (p[i >>> 6] & (1L << i)) != 0 ? -1 : 1;
    }

    /** A copy of the elements. */
    public byte[] toArray() {
        return data().clone();
    }

    /** The elements as doubles (Rust {@code to_f64}). */
    public double[] toDoubles() {
        byte[] data = data();
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
            byte[] d = bytes;
            if (d == null) {
                int w = planeWords(dimensions);
                n = io.engram.core.kernel.Kernels.bits().popCount(bornPlanes, w, w); // the non-zero plane
            } else {
                for (byte b : d) {
                    n += b & 1; // −1 is 0xFF and +1 is 0x01: the low bit marks exactly the non-zeros
                }
            }
            nnz = n;
        }
        return n;
    }

    /** Fraction of non-zero elements. */
    public double density() {
        return (double) nnz() / dimensions;
    }

    /** L2 norm. */
    public double norm() {
        return Math.sqrt(nnz());
    }

    /** The float unit vector v/‖v‖, zeros when the norm is below 1e−10 (Rust {@code normalized}). */
    public double[] normalized() {
        byte[] data = data();
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
        io.engram.core.DimensionMismatchException.check(dimensions, other.dimensions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperVector other && Arrays.equals(data(), other.data());
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data());
            hash = h;
        }
        return h;
    }

    /** The dimension and the first elements, enough to tell vectors apart in a failure message. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HyperVector[d=").append(dimensions).append(", nnz=").append(nnz()).append(": ");
        int shown = Math.min(16, dimensions);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ",").append(get(i));
        }
        return sb.append(dimensions > shown ? ",…]" : "]").toString();
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
