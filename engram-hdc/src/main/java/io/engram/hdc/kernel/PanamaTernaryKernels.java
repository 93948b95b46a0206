package io.engram.hdc.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops: bytes are loaded with as many lanes as the preferred int (or double) vector
 * has, multiplied as bytes (±1·±1 cannot overflow) and widened once per load.
 */
final class PanamaTernaryKernels implements TernaryKernels {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES_FOR_INTS =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.length() * 8));
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES_FOR_DOUBLES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, DOUBLES.length() * 8)));

    private PanamaTernaryKernels() {}

    static TernaryKernels create() {
        // Species narrower than 64 bits have no byte shape; fall back rather than fail.
        if (INTS.length() * 8 < 64 || DOUBLES.length() * 8 < 64) {
            return ScalarTernaryKernels.INSTANCE;
        }
        return new PanamaTernaryKernels();
    }

    @Override
    public void multiply(byte[] a, byte[] b, byte[] out) {
        int n = out.length;
        int step = BYTES.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            // x·y on {−1, 0, 1} without a byte multiply (x86 has none): zero unless both low bits
            // are set, otherwise ±1 with the sign of x XOR y.
            ByteVector x = ByteVector.fromArray(BYTES, a, i);
            ByteVector y = ByteVector.fromArray(BYTES, b, i);
            ByteVector nonZero = x.and(y).and((byte) 1).neg();
            x.lanewise(VectorOperators.XOR, y).or((byte) 1).and(nonZero).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (byte) (a[i] * b[i]);
        }
    }

    @Override
    public void add(int[] sums, byte[] a) {
        int n = sums.length;
        int step = INTS.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            IntVector w = (IntVector) ByteVector.fromArray(BYTES_FOR_INTS, a, i).convertShape(VectorOperators.B2I, INTS, 0);
            IntVector.fromArray(INTS, sums, i).add(w).intoArray(sums, i);
        }
        for (; i < n; i++) {
            sums[i] += a[i];
        }
    }

    @Override
    public void addProduct(int[] sums, byte[] a, byte[] b) {
        int n = sums.length;
        int step = INTS.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            ByteVector p = ByteVector.fromArray(BYTES_FOR_INTS, a, i).mul(ByteVector.fromArray(BYTES_FOR_INTS, b, i));
            IntVector w = (IntVector) p.convertShape(VectorOperators.B2I, INTS, 0);
            IntVector.fromArray(INTS, sums, i).add(w).intoArray(sums, i);
        }
        for (; i < n; i++) {
            sums[i] += a[i] * b[i];
        }
    }

    @Override
    public void sign(int[] sums, byte[] out) {
        int n = sums.length;
        int step = INTS.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            IntVector s = IntVector.fromArray(INTS, sums, i).max(-1).min(1);
            ((ByteVector) s.convertShape(VectorOperators.I2B, BYTES_FOR_INTS, 0)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (byte) Integer.signum(sums[i]);
        }
    }

    @Override
    public void dotWithNorm(byte[] a, double[] b, double[] out) {
        int n = a.length;
        int step = DOUBLES.length();
        // The byte load can be wider than the lanes used (64 bits for 4 doubles): stop while it fits.
        int bound = n - BYTES_FOR_DOUBLES.length() + 1;
        DoubleVector dot = DoubleVector.zero(DOUBLES);
        DoubleVector nb = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (; i < bound; i += step) {
            DoubleVector x = (DoubleVector) ByteVector.fromArray(BYTES_FOR_DOUBLES, a, i)
                    .convertShape(VectorOperators.B2D, DOUBLES, 0);
            DoubleVector y = DoubleVector.fromArray(DOUBLES, b, i);
            dot = x.fma(y, dot);
            nb = y.fma(y, nb);
        }
        double d = dot.reduceLanes(VectorOperators.ADD);
        double q = nb.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            d += a[i] * b[i];
            q += b[i] * b[i];
        }
        out[0] = d;
        out[1] = q;
    }

    @Override
    public void add(double[] sums, byte[] a) {
        int n = sums.length;
        int step = DOUBLES.length();
        int bound = n - BYTES_FOR_DOUBLES.length() + 1;
        int i = 0;
        for (; i < bound; i += step) {
            DoubleVector x = (DoubleVector) ByteVector.fromArray(BYTES_FOR_DOUBLES, a, i)
                    .convertShape(VectorOperators.B2D, DOUBLES, 0);
            DoubleVector.fromArray(DOUBLES, sums, i).add(x).intoArray(sums, i);
        }
        for (; i < n; i++) {
            sums[i] += a[i];
        }
    }
}
