package io.engram.hdc.kernel;

import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS_FOR_INTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(INTS.length() * 16));
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

    /** 64 elements per word, one mask per species-length chunk of bytes. */
    @Override
    public void pack(byte[] a, long[] planes) {
        int lanes = BYTES.length();
        int words = (a.length + 63) >>> 6;
        if (lanes > 64 || 64 % lanes != 0 || a.length % 64 != 0) {
            ScalarTernaryKernels.INSTANCE.pack(a, planes);
            return;
        }
        for (int w = 0; w < words; w++) {
            long sign = 0;
            long nonZero = 0;
            for (int shift = 0; shift < 64; shift += lanes) {
                ByteVector v = ByteVector.fromArray(BYTES, a, (w << 6) + shift);
                sign |= v.lt((byte) 0).toLong() << shift;
                nonZero |= v.compare(jdk.incubator.vector.VectorOperators.NE, (byte) 0).toLong() << shift;
            }
            planes[w] = sign;
            planes[words + w] = nonZero;
        }
    }

    @Override
    public void unpack(long[] planes, byte[] out) {
        int lanes = BYTES.length();
        int words = (out.length + 63) >>> 6;
        if (lanes > 64 || 64 % lanes != 0 || out.length % 64 != 0) {
            ScalarTernaryKernels.INSTANCE.unpack(planes, out);
            return;
        }
        ByteVector one = ByteVector.broadcast(BYTES, (byte) 1);
        ByteVector minusOne = ByteVector.broadcast(BYTES, (byte) -1);
        ByteVector zero = ByteVector.zero(BYTES);
        for (int w = 0; w < words; w++) {
            long sign = planes[w];
            long nonZero = planes[words + w];
            for (int shift = 0; shift < 64; shift += lanes) {
                jdk.incubator.vector.VectorMask<Byte> nz = jdk.incubator.vector.VectorMask.fromLong(BYTES, nonZero >>> shift);
                jdk.incubator.vector.VectorMask<Byte> neg = jdk.incubator.vector.VectorMask.fromLong(BYTES, sign >>> shift);
                zero.blend(one, nz).blend(minusOne, neg.and(nz)).intoArray(out, (w << 6) + shift);
            }
        }
    }

    /**
     * ChaCha8 with one block per int lane: lane b of group g computes block g·L + b, so word j of
     * every block is one state vector. Each is reduced mod 3, and its −1 and non-zero bits are
     * shifted to bit j of two per-lane accumulators: after the sixteen words, lane b holds block b's
     * sixteen elements in order, and the lanes narrowed to shorts are the plane words themselves
     * (four blocks of sixteen elements to a word, lowest lane lowest).
     */
    @Override
    public void atom(long seed, long[] planes, int dimensions) {
        int lanes = INTS.length();
        if (lanes % 4 != 0) {
            ScalarTernaryKernels.INSTANCE.atom(seed, planes, dimensions);
            return;
        }
        int[] key = new int[8];
        io.engram.core.random.Pcg32SeedExpander.keyWordsFromU64(seed, key);
        int w = (dimensions + 63) >>> 6;
        int blocks = (dimensions + 15) / 16;
        int groups = (blocks + lanes - 1) / lanes;
        int[] words = new int[16 * lanes];
        // Two small methods rather than one: each is compiled after a few hundred atoms, while
        // the Vector API runs very slowly until then, and one large method is compiled late and
        // past the JIT's inlining budget (a vector passed to a call that is not inlined is boxed).
        for (int g = 0; g < groups; g++) {
            chacha8Blocks(key, g * lanes, words);
            planeWords(words, planes, g * (lanes >>> 2), w);
        }
        int tail = dimensions & 63;
        if (tail != 0) {
            long keep = (1L << tail) - 1;
            planes[w - 1] &= keep;
            planes[2 * w - 1] &= keep;
        }
    }

    /**
     * Plane words first.. (at most L/4, none past w) from one group's keystream words (word j of lane
     * b's block at words[j·L + b]): word ≡ 0 (mod 3) is −1, word ≡ 1 is 0. The residue comes from
     * one multiply by the inverse of 3 (Granlund–Montgomery): for x = 3q + r, x·0xAAAAAAAB mod 2^32
     * is q, q + 0xAAAAAAAB or q + 0x55555556 for r = 0, 1, 2, three disjoint unsigned ranges, so
     * two compares tell r = 0 and r = 1 apart without computing r.
     */
    static void planeWords(int[] words, long[] planes, int first, int w) {
        int lanes = INTS.length();
        IntVector negative = IntVector.zero(INTS);
        IntVector one = IntVector.zero(INTS);
        for (int j = 0; j < 16; j++) {
            // Unsigned order as signed order: flip the top bit of both sides.
            IntVector y = IntVector.fromArray(INTS, words, j * lanes).mul(0xAAAAAAAB).lanewise(XOR, Integer.MIN_VALUE);
            negative = negative.lanewise(VectorOperators.OR, 1 << j,
                    y.compare(VectorOperators.LE, 0x55555555 ^ Integer.MIN_VALUE));
            one = one.lanewise(VectorOperators.OR, 1 << j,
                    y.compare(VectorOperators.GE, 0xAAAAAAAB ^ Integer.MIN_VALUE));
        }
        IntVector nonZero = one.not();
        LongVector sign = ((jdk.incubator.vector.ShortVector) negative.convertShape(VectorOperators.I2S, SHORTS_FOR_INTS, 0))
                .reinterpretAsLongs();
        LongVector nz = ((jdk.incubator.vector.ShortVector) nonZero.convertShape(VectorOperators.I2S, SHORTS_FOR_INTS, 0))
                .reinterpretAsLongs();
        int count = lanes >>> 2;
        if (first + count <= w) {
            sign.intoArray(planes, first);
            nz.intoArray(planes, w + first);
        } else {
            for (int q = 0; first + q < w; q++) {
                planes[first + q] = sign.lane(q);
                planes[w + first + q] = nz.lane(q);
            }
        }
    }

    /** Blocks first..first+L−1 of the keystream, word j of lane b's block at words[j·L + b]. */
    private static void chacha8Blocks(int[] key, int first, int[] words) {
        int lanes = INTS.length();
        // Sixteen locals, not an array: the JIT keeps vectors in registers only when they never escape.
        IntVector c0 = IntVector.broadcast(INTS, 0x61707865);
        IntVector c1 = IntVector.broadcast(INTS, 0x3320646e);
        IntVector c2 = IntVector.broadcast(INTS, 0x79622d32);
        IntVector c3 = IntVector.broadcast(INTS, 0x6b206574);
        IntVector k0 = IntVector.broadcast(INTS, key[0]);
        IntVector k1 = IntVector.broadcast(INTS, key[1]);
        IntVector k2 = IntVector.broadcast(INTS, key[2]);
        IntVector k3 = IntVector.broadcast(INTS, key[3]);
        IntVector k4 = IntVector.broadcast(INTS, key[4]);
        IntVector k5 = IntVector.broadcast(INTS, key[5]);
        IntVector k6 = IntVector.broadcast(INTS, key[6]);
        IntVector k7 = IntVector.broadcast(INTS, key[7]);
        IntVector zero = IntVector.zero(INTS);
        IntVector counter = zero.addIndex(1).add(first);
        IntVector x0 = c0;
        IntVector x1 = c1;
        IntVector x2 = c2;
        IntVector x3 = c3;
        IntVector x4 = k0;
        IntVector x5 = k1;
        IntVector x6 = k2;
        IntVector x7 = k3;
        IntVector x8 = k4;
        IntVector x9 = k5;
        IntVector x10 = k6;
        IntVector x11 = k7;
        IntVector x12 = counter;
        IntVector x13 = zero;
        IntVector x14 = zero;
        IntVector x15 = zero;
        for (int r = 0; r < 8; r += 2) {
            x0 = x0.add(x4); x12 = x12.lanewise(XOR, x0).lanewise(ROL, 16);
            x8 = x8.add(x12); x4 = x4.lanewise(XOR, x8).lanewise(ROL, 12);
            x0 = x0.add(x4); x12 = x12.lanewise(XOR, x0).lanewise(ROL, 8);
            x8 = x8.add(x12); x4 = x4.lanewise(XOR, x8).lanewise(ROL, 7);
            x1 = x1.add(x5); x13 = x13.lanewise(XOR, x1).lanewise(ROL, 16);
            x9 = x9.add(x13); x5 = x5.lanewise(XOR, x9).lanewise(ROL, 12);
            x1 = x1.add(x5); x13 = x13.lanewise(XOR, x1).lanewise(ROL, 8);
            x9 = x9.add(x13); x5 = x5.lanewise(XOR, x9).lanewise(ROL, 7);
            x2 = x2.add(x6); x14 = x14.lanewise(XOR, x2).lanewise(ROL, 16);
            x10 = x10.add(x14); x6 = x6.lanewise(XOR, x10).lanewise(ROL, 12);
            x2 = x2.add(x6); x14 = x14.lanewise(XOR, x2).lanewise(ROL, 8);
            x10 = x10.add(x14); x6 = x6.lanewise(XOR, x10).lanewise(ROL, 7);
            x3 = x3.add(x7); x15 = x15.lanewise(XOR, x3).lanewise(ROL, 16);
            x11 = x11.add(x15); x7 = x7.lanewise(XOR, x11).lanewise(ROL, 12);
            x3 = x3.add(x7); x15 = x15.lanewise(XOR, x3).lanewise(ROL, 8);
            x11 = x11.add(x15); x7 = x7.lanewise(XOR, x11).lanewise(ROL, 7);
            x0 = x0.add(x5); x15 = x15.lanewise(XOR, x0).lanewise(ROL, 16);
            x10 = x10.add(x15); x5 = x5.lanewise(XOR, x10).lanewise(ROL, 12);
            x0 = x0.add(x5); x15 = x15.lanewise(XOR, x0).lanewise(ROL, 8);
            x10 = x10.add(x15); x5 = x5.lanewise(XOR, x10).lanewise(ROL, 7);
            x1 = x1.add(x6); x12 = x12.lanewise(XOR, x1).lanewise(ROL, 16);
            x11 = x11.add(x12); x6 = x6.lanewise(XOR, x11).lanewise(ROL, 12);
            x1 = x1.add(x6); x12 = x12.lanewise(XOR, x1).lanewise(ROL, 8);
            x11 = x11.add(x12); x6 = x6.lanewise(XOR, x11).lanewise(ROL, 7);
            x2 = x2.add(x7); x13 = x13.lanewise(XOR, x2).lanewise(ROL, 16);
            x8 = x8.add(x13); x7 = x7.lanewise(XOR, x8).lanewise(ROL, 12);
            x2 = x2.add(x7); x13 = x13.lanewise(XOR, x2).lanewise(ROL, 8);
            x8 = x8.add(x13); x7 = x7.lanewise(XOR, x8).lanewise(ROL, 7);
            x3 = x3.add(x4); x14 = x14.lanewise(XOR, x3).lanewise(ROL, 16);
            x9 = x9.add(x14); x4 = x4.lanewise(XOR, x9).lanewise(ROL, 12);
            x3 = x3.add(x4); x14 = x14.lanewise(XOR, x3).lanewise(ROL, 8);
            x9 = x9.add(x14); x4 = x4.lanewise(XOR, x9).lanewise(ROL, 7);
        }
        x0.add(c0).intoArray(words, 0);
        x1.add(c1).intoArray(words, lanes);
        x2.add(c2).intoArray(words, 2 * lanes);
        x3.add(c3).intoArray(words, 3 * lanes);
        x4.add(k0).intoArray(words, 4 * lanes);
        x5.add(k1).intoArray(words, 5 * lanes);
        x6.add(k2).intoArray(words, 6 * lanes);
        x7.add(k3).intoArray(words, 7 * lanes);
        x8.add(k4).intoArray(words, 8 * lanes);
        x9.add(k5).intoArray(words, 9 * lanes);
        x10.add(k6).intoArray(words, 10 * lanes);
        x11.add(k7).intoArray(words, 11 * lanes);
        x12.add(counter).intoArray(words, 12 * lanes);
        x13.intoArray(words, 13 * lanes);
        x14.intoArray(words, 14 * lanes);
        x15.intoArray(words, 15 * lanes);
    }

    @Override
    public int dot(byte[] a, byte[] b) {
        int n = a.length;
        int step = BYTES.length();
        int bound = n - n % step;
        int total = 0;
        int i = 0;
        while (i < bound) {
            // Each lane gains at most ±1 per step, so byte lanes hold 127 steps before they must be
            // widened into the int total.
            ByteVector acc = ByteVector.zero(BYTES);
            int end = Math.min(bound, i + 127 * step);
            for (; i < end; i += step) {
                acc = acc.add(product(ByteVector.fromArray(BYTES, a, i), ByteVector.fromArray(BYTES, b, i)));
            }
            total += widenedSum(acc);
        }
        for (; i < n; i++) {
            total += a[i] * b[i];
        }
        return total;
    }

    /** Sum of byte lanes without byte overflow (reduceLanes would wrap at 8 bits). */
    private static int widenedSum(ByteVector acc) {
        int s = 0;
        int parts = BYTES.length() / INTS.length();
        for (int p = 0; p < parts; p++) {
            s += ((IntVector) acc.convertShape(VectorOperators.B2I, INTS, p)).reduceLanes(VectorOperators.ADD);
        }
        return s;
    }

    @Override
    public void multiply(long[] a, long[] b, long[] out) {
        // C2 leaves the scalar loop (two loads and two stores at offsets w apart) unvectorized:
        // measured 102 ns per bind at d = 4096 against 65 ns here.
        int w = out.length >>> 1;
        int step = LONGS.length();
        int i = 0;
        for (; i <= w - step; i += step) {
            LongVector nonZero = LongVector.fromArray(LONGS, a, w + i).and(LongVector.fromArray(LONGS, b, w + i));
            nonZero.intoArray(out, w + i);
            LongVector.fromArray(LONGS, a, i).lanewise(XOR, LongVector.fromArray(LONGS, b, i)).and(nonZero).intoArray(out, i);
        }
        ScalarTernaryKernels.multiply(a, b, out, i);
    }

    @Override
    public void multiply(byte[] a, byte[] b, byte[] out) {
        int n = out.length;
        int step = BYTES.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            product(ByteVector.fromArray(BYTES, a, i), ByteVector.fromArray(BYTES, b, i)).intoArray(out, i);
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
    public void add(byte[] sums, byte[] a) {
        int n = sums.length;
        int step = BYTES.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            ByteVector.fromArray(BYTES, sums, i).add(ByteVector.fromArray(BYTES, a, i)).intoArray(sums, i);
        }
        for (; i < n; i++) {
            sums[i] += a[i];
        }
    }

    @Override
    public void addProduct(byte[] sums, byte[] a, byte[] b) {
        int n = sums.length;
        int step = BYTES.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            ByteVector p = product(ByteVector.fromArray(BYTES, a, i), ByteVector.fromArray(BYTES, b, i));
            ByteVector.fromArray(BYTES, sums, i).add(p).intoArray(sums, i);
        }
        for (; i < n; i++) {
            sums[i] += (byte) (a[i] * b[i]);
        }
    }

    @Override
    public void sign(byte[] sums, byte[] out) {
        int n = sums.length;
        int step = BYTES.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            ByteVector.fromArray(BYTES, sums, i).max((byte) -1).min((byte) 1).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (byte) Integer.signum(sums[i]);
        }
    }

    @Override
    public void addProduct(int[] sums, byte[] a, byte[] b) {
        int n = sums.length;
        int step = INTS.length();
        int bound = n - n % step;
        int i = 0;
        for (; i < bound; i += step) {
            ByteVector p = product(ByteVector.fromArray(BYTES_FOR_INTS, a, i), ByteVector.fromArray(BYTES_FOR_INTS, b, i));
            IntVector w = (IntVector) p.convertShape(VectorOperators.B2I, INTS, 0);
            IntVector.fromArray(INTS, sums, i).add(w).intoArray(sums, i);
        }
        for (; i < n; i++) {
            sums[i] += a[i] * b[i];
        }
    }

    /**
     * x·y on {−1, 0, 1} without a byte multiply (x86 has none): zero unless both low bits are set,
     * otherwise ±1 with the sign of x XOR y.
     */
    private static ByteVector product(ByteVector x, ByteVector y) {
        ByteVector nonZero = x.and(y).and((byte) 1).neg();
        return x.lanewise(VectorOperators.XOR, y).or((byte) 1).and(nonZero);
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

    /**
     * Four accumulators for each sum, so that consecutive fused multiply-adds do not wait for one
     * another (one chain would be bound by the fma latency); the planes variant below keeps the
     * same steps and order.
     */
    @Override
    public void dotWithNorm(byte[] a, double[] b, double[] out) {
        int n = a.length;
        int step = DOUBLES.length();
        // The byte load can be wider than the lanes used (64 bits for 4 doubles): stop while it fits.
        int bound = n - BYTES_FOR_DOUBLES.length() + 1;
        DoubleVector dot0 = DoubleVector.zero(DOUBLES), dot1 = dot0, dot2 = dot0, dot3 = dot0;
        DoubleVector nb0 = dot0, nb1 = dot0, nb2 = dot0, nb3 = dot0;
        int i = 0;
        for (; i + 3 * step < bound; i += 4 * step) {
            DoubleVector y0 = DoubleVector.fromArray(DOUBLES, b, i);
            DoubleVector y1 = DoubleVector.fromArray(DOUBLES, b, i + step);
            DoubleVector y2 = DoubleVector.fromArray(DOUBLES, b, i + 2 * step);
            DoubleVector y3 = DoubleVector.fromArray(DOUBLES, b, i + 3 * step);
            dot0 = widened(a, i).fma(y0, dot0);
            dot1 = widened(a, i + step).fma(y1, dot1);
            dot2 = widened(a, i + 2 * step).fma(y2, dot2);
            dot3 = widened(a, i + 3 * step).fma(y3, dot3);
            nb0 = y0.fma(y0, nb0);
            nb1 = y1.fma(y1, nb1);
            nb2 = y2.fma(y2, nb2);
            nb3 = y3.fma(y3, nb3);
        }
        for (; i < bound; i += step) {
            DoubleVector y = DoubleVector.fromArray(DOUBLES, b, i);
            dot0 = widened(a, i).fma(y, dot0);
            nb0 = y.fma(y, nb0);
        }
        double d = sumLanes(dot0.add(dot1).add(dot2.add(dot3)));
        double q = sumLanes(nb0.add(nb1).add(nb2.add(nb3)));
        for (; i < n; i++) {
            d += a[i] * b[i];
            q += b[i] * b[i];
        }
        out[0] = d;
        out[1] = q;
    }

    /** Elements i.. of a as doubles, one vector's worth. */
    private static DoubleVector widened(byte[] a, int i) {
        return (DoubleVector) ByteVector.fromArray(BYTES_FOR_DOUBLES, a, i).convertShape(VectorOperators.B2D, DOUBLES, 0);
    }

    /**
     * The int8 loop's steps, accumulators and order exactly, reading a 64-byte copy of the elements
     * that each plane word unpacks to (one blend pair per 64 elements rather than per step), so the
     * results are those of the int8 form bit for bit.
     */
    @Override
    public void dotWithNorm(long[] planes, double[] b, double[] out) {
        int n = b.length;
        int w = (n + 63) >>> 6;
        int step = DOUBLES.length();
        if (64 % step != 0 || BYTES.length() > 64 || 64 % BYTES.length() != 0) {
            ScalarTernaryKernels.INSTANCE.dotWithNorm(planes, b, out);
            return;
        }
        byte[] word = new byte[64];
        int bound = n - BYTES_FOR_DOUBLES.length() + 1;
        DoubleVector dot0 = DoubleVector.zero(DOUBLES), dot1 = dot0, dot2 = dot0, dot3 = dot0;
        DoubleVector nb0 = dot0, nb1 = dot0, nb2 = dot0, nb3 = dot0;
        int i = 0;
        // Four steps never straddle a word: 4·step divides 64.
        for (; i + 3 * step < bound; i += 4 * step) {
            if ((i & 63) == 0) {
                unpackWord(planes[i >>> 6], planes[w + (i >>> 6)], word);
            }
            int at = i & 63;
            DoubleVector y0 = DoubleVector.fromArray(DOUBLES, b, i);
            DoubleVector y1 = DoubleVector.fromArray(DOUBLES, b, i + step);
            DoubleVector y2 = DoubleVector.fromArray(DOUBLES, b, i + 2 * step);
            DoubleVector y3 = DoubleVector.fromArray(DOUBLES, b, i + 3 * step);
            dot0 = widened(word, at).fma(y0, dot0);
            dot1 = widened(word, at + step).fma(y1, dot1);
            dot2 = widened(word, at + 2 * step).fma(y2, dot2);
            dot3 = widened(word, at + 3 * step).fma(y3, dot3);
            nb0 = y0.fma(y0, nb0);
            nb1 = y1.fma(y1, nb1);
            nb2 = y2.fma(y2, nb2);
            nb3 = y3.fma(y3, nb3);
        }
        for (; i < bound; i += step) {
            if ((i & 63) == 0) {
                unpackWord(planes[i >>> 6], planes[w + (i >>> 6)], word);
            }
            DoubleVector y = DoubleVector.fromArray(DOUBLES, b, i);
            dot0 = widened(word, i & 63).fma(y, dot0);
            nb0 = y.fma(y, nb0);
        }
        double d = sumLanes(dot0.add(dot1).add(dot2.add(dot3)));
        double q = sumLanes(nb0.add(nb1).add(nb2.add(nb3)));
        for (; i < n; i++) {
            d += ScalarTernaryKernels.element(planes, w, i) * b[i];
            q += b[i] * b[i];
        }
        out[0] = d;
        out[1] = q;
    }

    /** The 64 elements of one plane word pair (sign, non-zero) into {@code out[0..64)}. */
    private static void unpackWord(long sign, long nonZero, byte[] out) {
        int lanes = BYTES.length();
        ByteVector zero = ByteVector.zero(BYTES);
        for (int shift = 0; shift < 64; shift += lanes) {
            jdk.incubator.vector.VectorMask<Byte> nz = jdk.incubator.vector.VectorMask.fromLong(BYTES, nonZero >>> shift);
            jdk.incubator.vector.VectorMask<Byte> neg = jdk.incubator.vector.VectorMask.fromLong(BYTES, sign >>> shift);
            zero.blend((byte) 1, nz).blend((byte) -1, neg).intoArray(out, shift);
        }
    }

    /**
     * Lane 0 + lane 1 + … in that order. reduceLanes may add in any order, and does: the compiled
     * and the interpreted code round differently, so a result would depend on the JIT's progress.
     */
    private static double sumLanes(DoubleVector v) {
        double s = 0;
        for (int k = 0; k < DOUBLES.length(); k++) {
            s += v.lane(k);
        }
        return s;
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

    /** {@link ScalarTernaryKernels#dotBitSliced}'s sums with one vector of words per step (vector popcounts). */
    @Override
    public long dotBitSliced(long[] planes, long[] bits, int levels, long offset) {
        return dotBitSliced(planes, null, bits, levels, offset);
    }

    @Override
    public long dotBitSlicedBound(long[] a, long[] b, long[] bits, int levels, long offset) {
        return dotBitSliced(a, b, bits, levels, offset);
    }

    /** The dot of a, or of a ⊙ b formed word by word when b is not null (a loop-invariant test, which C2 unswitches). */
    private static long dotBitSliced(long[] a, long[] b, long[] bits, int levels, long offset) {
        int w = a.length >>> 1;
        int step = LONGS.length();
        int bound = w - w % step;
        LongVector dot = LongVector.zero(LONGS);
        LongVector sum = dot;
        for (int i = 0; i < bound; i += step) {
            LongVector negative;
            LongVector nonZero;
            if (b == null) {
                negative = LongVector.fromArray(LONGS, a, i);
                nonZero = LongVector.fromArray(LONGS, a, w + i);
            } else {
                nonZero = LongVector.fromArray(LONGS, a, w + i).and(LongVector.fromArray(LONGS, b, w + i));
                negative = LongVector.fromArray(LONGS, a, i).lanewise(XOR, LongVector.fromArray(LONGS, b, i)).and(nonZero);
            }
            LongVector positive = nonZero.and(negative.not());
            sum = sum.add(positive.lanewise(VectorOperators.BIT_COUNT))
                    .sub(negative.lanewise(VectorOperators.BIT_COUNT));
            for (int k = 0, at = i; k < levels; k++, at += w) {
                LongVector u = LongVector.fromArray(LONGS, bits, at);
                LongVector difference = positive.and(u).lanewise(VectorOperators.BIT_COUNT)
                        .sub(negative.and(u).lanewise(VectorOperators.BIT_COUNT));
                dot = dot.add(difference.lanewise(VectorOperators.LSHL, k));
            }
        }
        long head = dot.reduceLanes(VectorOperators.ADD) - offset * sum.reduceLanes(VectorOperators.ADD);
        return bound == w ? head : head + ScalarTernaryKernels.dotBitSliced(a, b, bits, levels, offset, bound);
    }

    /** {@link ScalarTernaryKernels#count}'s loop with one vector of words per step; the carries stay in registers. */
    @Override
    public void count(long[] a, long[] b, long[] counts, int levels) {
        int w = a.length >>> 1;
        int step = LONGS.length();
        int bound = w - w % step;
        int i = 0;
        for (; i < bound; i += step) {
            LongVector nz = LongVector.fromArray(LONGS, a, w + i).and(LongVector.fromArray(LONGS, b, w + i));
            LongVector sign = LongVector.fromArray(LONGS, a, i).lanewise(XOR, LongVector.fromArray(LONGS, b, i));
            LongVector carryMinus = sign.and(nz);
            ripple(counts, levels, w, i, nz.lanewise(XOR, carryMinus), carryMinus);
        }
        ScalarTernaryKernels.count(a, b, counts, levels, i);
    }

    /** Adds one vector of +1 and −1 carry bits at word i through the levels (half adders). */
    private static void ripple(long[] counts, int levels, int w, int i, LongVector carryPlus, LongVector carryMinus) {
        for (int k = 0, at = i; k < levels; k++, at += 2 * w) {
            LongVector p = LongVector.fromArray(LONGS, counts, at);
            p.lanewise(XOR, carryPlus).intoArray(counts, at);
            carryPlus = carryPlus.and(p);
            LongVector m = LongVector.fromArray(LONGS, counts, at + w);
            m.lanewise(XOR, carryMinus).intoArray(counts, at + w);
            carryMinus = carryMinus.and(m);
        }
    }

    /**
     * {@link ScalarTernaryKernels#signOfFew} with one vector of words per step; up to seven terms
     * need only three-bit counts, and most bundles (records of a few fields) are that small.
     */
    @Override
    public void signOfFew(long[][] a, long[][] b, int n, long[] out) {
        int w = out.length >>> 1;
        int step = LONGS.length();
        int bound = w - w % step;
        if (n <= 7) {
            signOfFew3(a, b, n, out, bound);
        } else {
            signOfFew4(a, b, n, out, bound);
        }
        ScalarTernaryKernels.signOfFew(a, b, n, out, bound, w);
    }

    /** Words [0, bound) of {@link #signOfFew} for n ≤ 7: three-bit counts. */
    private static void signOfFew3(long[][] a, long[][] b, int n, long[] out, int bound) {
        int w = out.length >>> 1;
        LongVector zero = LongVector.zero(LONGS);
        for (int i = 0; i < bound; i += LONGS.length()) {
            LongVector p0 = zero, p1 = zero, p2 = zero;
            LongVector m0 = zero, m1 = zero, m2 = zero;
            for (int k = 0; k < n; k++) {
                long[] x = a[k];
                long[] y = b[k];
                LongVector nz = LongVector.fromArray(LONGS, x, w + i).and(LongVector.fromArray(LONGS, y, w + i));
                LongVector cm = LongVector.fromArray(LONGS, x, i).lanewise(XOR, LongVector.fromArray(LONGS, y, i)).and(nz);
                LongVector cp = nz.lanewise(XOR, cm);
                LongVector t = p0.and(cp);
                p0 = p0.lanewise(XOR, cp);
                p2 = p2.or(p1.and(t));
                p1 = p1.lanewise(XOR, t);
                t = m0.and(cm);
                m0 = m0.lanewise(XOR, cm);
                m2 = m2.or(m1.and(t));
                m1 = m1.lanewise(XOR, t);
            }
            // Written out rather than a shared helper: vectors passed to a call the JIT does not
            // inline are boxed.
            LongVector eq2 = p2.lanewise(XOR, m2).not();
            LongVector eq1 = eq2.and(p1.lanewise(XOR, m1).not());
            LongVector less = p2.not().and(m2).or(eq2.and(p1.not()).and(m1)).or(eq1.and(p0.not()).and(m0));
            LongVector greater = m2.not().and(p2).or(eq2.and(m1.not()).and(p1)).or(eq1.and(m0.not()).and(p0));
            less.intoArray(out, i);
            less.or(greater).intoArray(out, w + i);
        }
    }

    /** Words [0, bound) of {@link #signOfFew} for n ≤ 15: four-bit counts. */
    private static void signOfFew4(long[][] a, long[][] b, int n, long[] out, int bound) {
        int w = out.length >>> 1;
        LongVector zero = LongVector.zero(LONGS);
        for (int i = 0; i < bound; i += LONGS.length()) {
            LongVector p0 = zero, p1 = zero, p2 = zero, p3 = zero;
            LongVector m0 = zero, m1 = zero, m2 = zero, m3 = zero;
            for (int k = 0; k < n; k++) {
                long[] x = a[k];
                long[] y = b[k];
                LongVector nz = LongVector.fromArray(LONGS, x, w + i).and(LongVector.fromArray(LONGS, y, w + i));
                LongVector cm = LongVector.fromArray(LONGS, x, i).lanewise(XOR, LongVector.fromArray(LONGS, y, i)).and(nz);
                LongVector cp = nz.lanewise(XOR, cm);
                LongVector t = p0.and(cp);
                p0 = p0.lanewise(XOR, cp);
                LongVector u = p1.and(t);
                p1 = p1.lanewise(XOR, t);
                p3 = p3.or(p2.and(u));
                p2 = p2.lanewise(XOR, u);
                t = m0.and(cm);
                m0 = m0.lanewise(XOR, cm);
                u = m1.and(t);
                m1 = m1.lanewise(XOR, t);
                m3 = m3.or(m2.and(u));
                m2 = m2.lanewise(XOR, u);
            }
            LongVector eq3 = p3.lanewise(XOR, m3).not();
            LongVector eq2 = eq3.and(p2.lanewise(XOR, m2).not());
            LongVector eq1 = eq2.and(p1.lanewise(XOR, m1).not());
            LongVector less = p3.not().and(m3).or(eq3.and(p2.not()).and(m2))
                    .or(eq2.and(p1.not()).and(m1)).or(eq1.and(p0.not()).and(m0));
            LongVector greater = m3.not().and(p3).or(eq3.and(m2.not()).and(p2))
                    .or(eq2.and(m1.not()).and(p1)).or(eq1.and(m0.not()).and(p0));
            less.intoArray(out, i);
            less.or(greater).intoArray(out, w + i);
        }
    }

    @Override
    public void countSign(long[] counts, int levels, long[] out) {
        int w = out.length >>> 1;
        int step = LONGS.length();
        int bound = w - w % step;
        int i = 0;
        for (; i < bound; i += step) {
            LongVector greater = LongVector.zero(LONGS);
            LongVector less = LongVector.zero(LONGS);
            LongVector equal = LongVector.broadcast(LONGS, -1L);
            for (int k = levels - 1; k >= 0; k--) {
                LongVector p = LongVector.fromArray(LONGS, counts, 2 * k * w + i);
                LongVector m = LongVector.fromArray(LONGS, counts, (2 * k + 1) * w + i);
                greater = greater.or(equal.and(p.and(m.not())));
                less = less.or(equal.and(m.and(p.not())));
                equal = equal.and(p.lanewise(XOR, m).not());
            }
            less.intoArray(out, i);
            greater.or(less).intoArray(out, w + i);
        }
        ScalarTernaryKernels.countSign(counts, levels, out, i);
    }
}
