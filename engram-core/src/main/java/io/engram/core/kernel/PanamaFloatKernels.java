package io.engram.core.kernel;

import static io.engram.core.kernel.ScalarFloatKernels.checkRanges;

import java.util.Objects;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Float loops keep four independent accumulators so that the adds of
 * consecutive iterations do not wait on each other (FMA latency is ~4 cycles, throughput two per
 * cycle); the tail runs scalar. Integer loops widen bytes to shorts, multiply there (an int8
 * product fits a short), and widen the products to ints before accumulating, as Lucene does.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present; see {@link Kernels}.
 */
final class PanamaFloatKernels implements FloatKernels {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Bytes loaded per integer step: as many lanes as a preferred short vector. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class,
            jdk.incubator.vector.VectorShape.forBitSize(SHORTS.length() * Byte.SIZE));

    /** Int8 codes loaded per float step (one byte per float lane); null where that is under 64 bits. */
    private static final VectorSpecies<Byte> BYTES_PER_FLOAT = FLOATS.length() * Byte.SIZE < 64 ? null
            : VectorSpecies.of(byte.class, jdk.incubator.vector.VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));

    /** Vector fma is intrinsified only where the CPU has FMA; elsewhere it is a slow software path. */
    private static final boolean USE_FMA = CpuFeatures.hasFastFma();
    /** On x86 without AVX2, integer lanes are too narrow to beat the scalar loop (Lucene's guard). */
    static final boolean INTEGER_SIMD = !(CpuFeatures.isX86() && IntVector.SPECIES_PREFERRED.vectorBitSize() < 256);

    PanamaFloatKernels() {}

    @Override
    public String name() {
        return "panama";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int lanes = FLOATS.length();
        int i = 0;
        float sum = 0f;
        if (length >= lanes) {
            FloatVector acc0 = FloatVector.zero(FLOATS);
            FloatVector acc1 = FloatVector.zero(FLOATS);
            FloatVector acc2 = FloatVector.zero(FLOATS);
            FloatVector acc3 = FloatVector.zero(FLOATS);
            int step = 4 * lanes;
            for (int upper = length - step; i <= upper; i += step) {
                acc0 = mulAdd(FloatVector.fromArray(FLOATS, a, aOffset + i), FloatVector.fromArray(FLOATS, b, bOffset + i), acc0);
                acc1 = mulAdd(FloatVector.fromArray(FLOATS, a, aOffset + i + lanes),
                        FloatVector.fromArray(FLOATS, b, bOffset + i + lanes), acc1);
                acc2 = mulAdd(FloatVector.fromArray(FLOATS, a, aOffset + i + 2 * lanes),
                        FloatVector.fromArray(FLOATS, b, bOffset + i + 2 * lanes), acc2);
                acc3 = mulAdd(FloatVector.fromArray(FLOATS, a, aOffset + i + 3 * lanes),
                        FloatVector.fromArray(FLOATS, b, bOffset + i + 3 * lanes), acc3);
            }
            for (int upper = length - lanes; i <= upper; i += lanes) {
                acc0 = mulAdd(FloatVector.fromArray(FLOATS, a, aOffset + i), FloatVector.fromArray(FLOATS, b, bOffset + i), acc0);
            }
            sum = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        }
        for (; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int lanes = FLOATS.length();
        int i = 0;
        float sum = 0f;
        if (length >= lanes) {
            FloatVector acc0 = FloatVector.zero(FLOATS);
            FloatVector acc1 = FloatVector.zero(FLOATS);
            FloatVector acc2 = FloatVector.zero(FLOATS);
            FloatVector acc3 = FloatVector.zero(FLOATS);
            int step = 4 * lanes;
            for (int upper = length - step; i <= upper; i += step) {
                FloatVector d0 = FloatVector.fromArray(FLOATS, a, aOffset + i).sub(FloatVector.fromArray(FLOATS, b, bOffset + i));
                FloatVector d1 = FloatVector.fromArray(FLOATS, a, aOffset + i + lanes)
                        .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + lanes));
                FloatVector d2 = FloatVector.fromArray(FLOATS, a, aOffset + i + 2 * lanes)
                        .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + 2 * lanes));
                FloatVector d3 = FloatVector.fromArray(FLOATS, a, aOffset + i + 3 * lanes)
                        .sub(FloatVector.fromArray(FLOATS, b, bOffset + i + 3 * lanes));
                acc0 = mulAdd(d0, d0, acc0);
                acc1 = mulAdd(d1, d1, acc1);
                acc2 = mulAdd(d2, d2, acc2);
                acc3 = mulAdd(d3, d3, acc3);
            }
            for (int upper = length - lanes; i <= upper; i += lanes) {
                FloatVector d = FloatVector.fromArray(FLOATS, a, aOffset + i).sub(FloatVector.fromArray(FLOATS, b, bOffset + i));
                acc0 = mulAdd(d, d, acc0);
            }
            sum = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        }
        for (; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    /** The bounds of a four-row call: the query, each row and the four output slots. */
    /** The bounds checks of the four-row kernels ({@code rowsLength} counts elements of any type). */
    private static void checkFourRows(float[] query, int qOffset, int rowsLength, int offset0, int offset1, int offset2,
            int offset3, int length, float[] out, int outOffset) {
        checkRanges(query.length, qOffset, rowsLength, offset0, length);
        checkRanges(query.length, qOffset, rowsLength, offset1, length);
        checkRanges(query.length, qOffset, rowsLength, offset2, length);
        checkRanges(query.length, qOffset, rowsLength, offset3, length);
        Objects.checkFromIndexSize(outOffset, 4, out.length);
    }

    /*
     * Four-row kernels: one accumulator per row (four rows already give the FMA units independent
     * chains), summed with sumLanes, then the scalar tail. Sixteen accumulators, one per row and
     * block as in the single-row kernels, would have matched their bits but made C2 give up
     * intrinsifying the method (measured: 400 ns per row, boxed vectors).
     */
    @Override
    public void squareDistance4(float[] query, int qOffset, float[] rows, int offset0, int offset1, int offset2,
            int offset3, int length, float[] out, int outOffset) {
        checkFourRows(query, qOffset, rows.length, offset0, offset1, offset2, offset3, length, out, outOffset);
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int lanes = FLOATS.length();
        int i = 0;
        for (int upper = length - lanes; i <= upper; i += lanes) {
            FloatVector q = FloatVector.fromArray(FLOATS, query, qOffset + i);
            FloatVector d0 = q.sub(FloatVector.fromArray(FLOATS, rows, offset0 + i));
            a0 = mulAdd(d0, d0, a0);
            FloatVector d1 = q.sub(FloatVector.fromArray(FLOATS, rows, offset1 + i));
            a1 = mulAdd(d1, d1, a1);
            FloatVector d2 = q.sub(FloatVector.fromArray(FLOATS, rows, offset2 + i));
            a2 = mulAdd(d2, d2, a2);
            FloatVector d3 = q.sub(FloatVector.fromArray(FLOATS, rows, offset3 + i));
            a3 = mulAdd(d3, d3, a3);
        }
        out[outOffset + 0] = squareTail(sumLanes(a0), query, qOffset, rows, offset0, i, length);
        out[outOffset + 1] = squareTail(sumLanes(a1), query, qOffset, rows, offset1, i, length);
        out[outOffset + 2] = squareTail(sumLanes(a2), query, qOffset, rows, offset2, i, length);
        out[outOffset + 3] = squareTail(sumLanes(a3), query, qOffset, rows, offset3, i, length);
    }

    @Override
    public void dot4(float[] query, int qOffset, float[] rows, int offset0, int offset1, int offset2,
            int offset3, int length, float[] out, int outOffset) {
        checkFourRows(query, qOffset, rows.length, offset0, offset1, offset2, offset3, length, out, outOffset);
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int lanes = FLOATS.length();
        int i = 0;
        for (int upper = length - lanes; i <= upper; i += lanes) {
            FloatVector q = FloatVector.fromArray(FLOATS, query, qOffset + i);
            a0 = mulAdd(q, FloatVector.fromArray(FLOATS, rows, offset0 + i), a0);
            a1 = mulAdd(q, FloatVector.fromArray(FLOATS, rows, offset1 + i), a1);
            a2 = mulAdd(q, FloatVector.fromArray(FLOATS, rows, offset2 + i), a2);
            a3 = mulAdd(q, FloatVector.fromArray(FLOATS, rows, offset3 + i), a3);
        }
        out[outOffset + 0] = dotTail(sumLanes(a0), query, qOffset, rows, offset0, i, length);
        out[outOffset + 1] = dotTail(sumLanes(a1), query, qOffset, rows, offset1, i, length);
        out[outOffset + 2] = dotTail(sumLanes(a2), query, qOffset, rows, offset2, i, length);
        out[outOffset + 3] = dotTail(sumLanes(a3), query, qOffset, rows, offset3, i, length);
    }

    /** Four int8 rows against a float query: bytes widen straight to float lanes (B2F), then FMA. */
    @Override
    public void dotInt8Rows4(float[] query, int qOffset, byte[] rows, int offset0, int offset1, int offset2,
            int offset3, int length, float[] out, int outOffset) {
        if (BYTES_PER_FLOAT == null) {
            FloatKernels.super.dotInt8Rows4(query, qOffset, rows, offset0, offset1, offset2, offset3, length, out,
                    outOffset);
            return;
        }
        checkFourRows(query, qOffset, rows.length, offset0, offset1, offset2, offset3, length, out, outOffset);
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int lanes = FLOATS.length();
        int i = 0;
        for (int upper = length - lanes; i <= upper; i += lanes) {
            FloatVector q = FloatVector.fromArray(FLOATS, query, qOffset + i);
            a0 = mulAdd(q, widenToFloats(rows, offset0 + i), a0);
            a1 = mulAdd(q, widenToFloats(rows, offset1 + i), a1);
            a2 = mulAdd(q, widenToFloats(rows, offset2 + i), a2);
            a3 = mulAdd(q, widenToFloats(rows, offset3 + i), a3);
        }
        out[outOffset + 0] = int8Tail(sumLanes(a0), query, qOffset, rows, offset0, i, length);
        out[outOffset + 1] = int8Tail(sumLanes(a1), query, qOffset, rows, offset1, i, length);
        out[outOffset + 2] = int8Tail(sumLanes(a2), query, qOffset, rows, offset2, i, length);
        out[outOffset + 3] = int8Tail(sumLanes(a3), query, qOffset, rows, offset3, i, length);
    }

    private static FloatVector widenToFloats(byte[] bytes, int offset) {
        return (FloatVector) ByteVector.fromArray(BYTES_PER_FLOAT, bytes, offset)
                .convertShape(VectorOperators.B2F, FLOATS, 0);
    }

    private static float int8Tail(float sum, float[] query, int qOffset, byte[] row, int offset, int from, int length) {
        for (int i = from; i < length; i++) {
            sum += query[qOffset + i] * row[offset + i];
        }
        return sum;
    }

    /** The scalar tail of squareDistance: components [from, length) added to {@code sum} in order. */
    private static float squareTail(float sum, float[] a, int aOffset, float[] b, int bOffset, int from, int length) {
        for (int i = from; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    /** The scalar tail of dot. */
    private static float dotTail(float sum, float[] a, int aOffset, float[] b, int bOffset, int from, int length) {
        for (int i = from; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int lanes = FLOATS.length();
        int i = 0;
        float dot = 0f;
        float normA = 0f;
        float normB = 0f;
        if (length >= lanes) {
            FloatVector dotAcc = FloatVector.zero(FLOATS);
            FloatVector aAcc = FloatVector.zero(FLOATS);
            FloatVector bAcc = FloatVector.zero(FLOATS);
            for (int upper = length - lanes; i <= upper; i += lanes) {
                FloatVector va = FloatVector.fromArray(FLOATS, a, aOffset + i);
                FloatVector vb = FloatVector.fromArray(FLOATS, b, bOffset + i);
                dotAcc = mulAdd(va, vb, dotAcc);
                aAcc = mulAdd(va, va, aAcc);
                bAcc = mulAdd(vb, vb, bAcc);
            }
            dot = sumLanes(dotAcc);
            normA = sumLanes(aAcc);
            normB = sumLanes(bAcc);
        }
        for (; i < length; i++) {
            float x = a[aOffset + i];
            float y = b[bOffset + i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return Kernels.cosineFromSums(dot, normA, normB);
    }

    @Override
    public int dotInt8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        if (!INTEGER_SIMD) {
            return ScalarFloatKernels.INSTANCE.dotInt8(a, aOffset, b, bOffset, length);
        }
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int step = BYTES.length();
        int i = 0;
        int sum = 0;
        if (length >= step) {
            IntVector acc0 = IntVector.zero(INTS);
            IntVector acc1 = IntVector.zero(INTS);
            for (int upper = length - step; i <= upper; i += step) {
                ShortVector x = widenToShorts(a, aOffset + i);
                ShortVector y = widenToShorts(b, bOffset + i);
                ShortVector product = x.mul(y);
                acc0 = acc0.add(product.convertShape(VectorOperators.S2I, INTS, 0));
                acc1 = acc1.add(product.convertShape(VectorOperators.S2I, INTS, 1));
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public int squareDistanceInt8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        if (!INTEGER_SIMD) {
            return ScalarFloatKernels.INSTANCE.squareDistanceInt8(a, aOffset, b, bOffset, length);
        }
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int step = BYTES.length();
        int i = 0;
        int sum = 0;
        if (length >= step) {
            IntVector acc0 = IntVector.zero(INTS);
            IntVector acc1 = IntVector.zero(INTS);
            for (int upper = length - step; i <= upper; i += step) {
                ShortVector x = widenToShorts(a, aOffset + i);
                ShortVector y = widenToShorts(b, bOffset + i);
                // A difference of two int8 values fits a short; its square may not, so square in ints.
                ShortVector diff = x.sub(y);
                IntVector d0 = (IntVector) diff.convertShape(VectorOperators.S2I, INTS, 0);
                IntVector d1 = (IntVector) diff.convertShape(VectorOperators.S2I, INTS, 1);
                acc0 = acc0.add(d0.mul(d0));
                acc1 = acc1.add(d1.mul(d1));
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            int d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public int dotInt4Packed(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        if (!INTEGER_SIMD) {
            return ScalarFloatKernels.INSTANCE.dotInt4Packed(a, aOffset, b, bOffset, length);
        }
        checkRanges(a.length, aOffset, b.length, bOffset, length);
        int step = BYTES.length();
        int i = 0;
        int sum = 0;
        if (length >= step) {
            IntVector acc0 = IntVector.zero(INTS);
            IntVector acc1 = IntVector.zero(INTS);
            for (int upper = length - step; i <= upper; i += step) {
                ShortVector x = widenToShorts(a, aOffset + i);
                ShortVector y = widenToShorts(b, bOffset + i);
                // Nibbles are unsigned: mask after sign extension. Both products are ≤ 225, their sum ≤ 450.
                ShortVector sum16 = x.and((short) 0x0F).mul(y.and((short) 0x0F))
                        .add(x.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F)
                                .mul(y.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F)));
                acc0 = acc0.add(sum16.convertShape(VectorOperators.S2I, INTS, 0));
                acc1 = acc1.add(sum16.convertShape(VectorOperators.S2I, INTS, 1));
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            int x = a[aOffset + i];
            int y = b[bOffset + i];
            sum += (x & 0x0F) * (y & 0x0F) + ((x >>> 4) & 0x0F) * ((y >>> 4) & 0x0F);
        }
        return sum;
    }

    /** Loads one short vector's worth of int8 values, sign-extended to shorts. */
    private static ShortVector widenToShorts(byte[] bytes, int offset) {
        return (ShortVector) ByteVector.fromArray(BYTES, bytes, offset).convertShape(VectorOperators.B2S, SHORTS, 0);
    }

    /**
     * Sums the lanes in a fixed pairwise order: lane i gains lane i + h for h = lanes/2, …, 1, then
     * lane 0 is read. {@code reduceLanes(ADD)} promises no order for floats, and C2's intrinsic and
     * the interpreter's Java fallback do differ in the last bits, so the same query could score
     * differently before and after JIT compilation. Lane-wise adds are exact IEEE operations in
     * both paths, which makes every kernel result reproducible.
     */
    static float sumLanes(FloatVector v) {
        // Unrolled over constant shuffles so that C2 emits plain permutes; wider-than-512-bit
        // species (SVE) take the loop.
        for (int s = WIDE_ROTATIONS.length - 1; s >= 0; s--) {
            v = v.add(v.rearrange(WIDE_ROTATIONS[s]));
        }
        if (ROTATE_8 != null) {
            v = v.add(v.rearrange(ROTATE_8));
        }
        if (ROTATE_4 != null) {
            v = v.add(v.rearrange(ROTATE_4));
        }
        if (ROTATE_2 != null) {
            v = v.add(v.rearrange(ROTATE_2));
        }
        if (ROTATE_1 != null) {
            v = v.add(v.rearrange(ROTATE_1));
        }
        return v.lane(0);
    }

    /** rotation(h) moves lane i + h to lane i (mod lanes), since rearrange reads source[shuffle[i]]. */
    private static final VectorShuffle<Float> ROTATE_1 = rotation(1);
    private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
    private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
    private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
    private static final VectorShuffle<Float>[] WIDE_ROTATIONS = wideRotations();

    private static VectorShuffle<Float> rotation(int h) {
        int lanes = FLOATS.length();
        return h < lanes ? VectorShuffle.fromOp(FLOATS, i -> (i + h) & (lanes - 1)) : null;
    }

    /** Rotations by 16, 32, … lanes, for species wider than 16 floats; index k rotates by 16·2^k. */
    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] wideRotations() {
        int count = Math.max(0, Integer.numberOfTrailingZeros(FLOATS.length()) - 4);
        VectorShuffle<Float>[] shuffles = new VectorShuffle[count];
        for (int k = 0; k < count; k++) {
            shuffles[k] = rotation(16 << k);
        }
        return shuffles;
    }

    private static FloatVector mulAdd(FloatVector x, FloatVector y, FloatVector acc) {
        return USE_FMA ? x.fma(y, acc) : x.mul(y).add(acc);
    }

    static int floatBitSize() {
        return FLOATS.vectorBitSize();
    }

    static int floatLanes() {
        return FLOATS.length();
    }

    static boolean usesFma() {
        return USE_FMA;
    }
}
