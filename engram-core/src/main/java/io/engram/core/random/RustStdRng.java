package io.engram.core.random;

import io.engram.core.InvalidArgumentException;

/**
 * Rust {@code rand::rngs::StdRng::seed_from_u64(seed)} (rand 0.8.5: ChaCha12 keyed by PCG32 seed
 * expansion) with the sampling code of rand 0.8.5 and rand_distr 0.4.3 that the RaBitQ reference
 * uses. The reference's golden values (datasets, rotations, recall tables) are defined by these
 * exact bit streams, so each method reproduces the Rust arithmetic operation by operation: no FMA,
 * {@link StrictMath} for {@code exp}/{@code ln}, the Ziggurat tables copied verbatim.
 *
 * <p>Not thread-safe.
 */
public final class RustStdRng {
    private static final double F64_UNIT = 0x1.0p-53;
    private static final float F32_UNIT = 0x1.0p-24f;
    private static final long EXP_BITS_1 = 0x3FF0_0000_0000_0000L; // exponent field of 1.0
    private static final long EXP_BITS_2 = 0x4000_0000_0000_0000L; // exponent field of 2.0
    /** {@code 1 - f64::EPSILON / 2}: maps [1, 2) onto (0, 1) in {@code Open01}. */
    private static final double OPEN01_OFFSET = 1.0 - 0x1.0p-53;

    private final ChaChaRng core;

    /** {@code StdRng::seed_from_u64(seed)}. */
    public RustStdRng(long seed) {
        this.core = ChaChaRng.chacha12(seed);
    }

    /** {@code next_u32}, as a signed int with the same bits. */
    public int nextU32() {
        return core.nextInt();
    }

    /** {@code next_u64}, as a signed long with the same bits (rand_core BlockRng pairing). */
    public long nextU64() {
        return core.nextLong();
    }

    /** {@code gen::<bool>()}: the top bit of {@code next_u32}. */
    public boolean nextBool() {
        return core.nextInt() < 0;
    }

    /** {@code gen::<f64>()}: 53 high bits scaled into [0, 1). */
    public double nextF64() {
        return (core.nextLong() >>> 11) * F64_UNIT;
    }

    /** {@code gen::<f32>()}: 24 high bits of {@code next_u32} scaled into [0, 1). */
    public float nextF32() {
        return (core.nextInt() >>> 8) * F32_UNIT;
    }

    /** {@code sample(Open01)} for f64: 52 high bits as a mantissa in [1, 2), shifted into (0, 1). */
    public double nextOpen01() {
        return Double.longBitsToDouble((core.nextLong() >>> 12) | EXP_BITS_1) - OPEN01_OFFSET;
    }

    /**
     * {@code gen_range(0..n)} for {@code usize} on a 64-bit target: widening-multiply rejection with
     * rand 0.8's conservative zone, so the number of draws consumed matches the reference too.
     *
     * @param n exclusive upper bound, positive
     */
    public long genRange(long n) {
        if (n <= 0) {
            throw new InvalidArgumentException("genRange bound must be positive, got " + n);
        }
        long zone = (n << Long.numberOfLeadingZeros(n)) - 1;
        while (true) {
            long v = core.nextLong();
            long lo = v * n;
            if (Long.compareUnsigned(lo, zone) <= 0) {
                return Math.unsignedMultiplyHigh(v, n);
            }
        }
    }

    /** {@code genRange(n)} narrowed to an int index; {@code n} must be positive. */
    public int genIndex(int n) {
        return (int) genRange(n);
    }

    /** rand_distr 0.4.3 {@code StandardNormal} for f64 (ZIGNOR, symmetric). */
    public double nextStandardNormal() {
        while (true) {
            double x = zigguratAttempt(core.nextLong());
            if (x == x) { // NaN marks a rejected wedge attempt
                return x;
            }
        }
    }

    /**
     * rand_distr {@code Normal::new(mean, stdDev)} then {@code sample}: {@code mean + stdDev·z}.
     * Like rand_distr, a negative {@code stdDev} is accepted (it mirrors the distribution).
     */
    public double nextNormal(double mean, double stdDev) {
        if (!Double.isFinite(stdDev)) {
            throw new InvalidArgumentException("normal standard deviation must be finite, got " + stdDev);
        }
        return mean + stdDev * nextStandardNormal();
    }

    /**
     * One pass of rand_distr's {@code ziggurat} loop body for the first draw {@code bits}; further
     * draws (tail, wedge test) come from this generator. Returns NaN when the wedge test rejects and
     * the loop must start over. Split out so tests can steer the tail and wedge paths.
     */
    double zigguratAttempt(long bits) {
        double[] xTab = ZigguratTables.ZIG_NORM_X;
        int i = (int) (bits & 0xFF);
        // [2, 4) minus 3 gives [-1, 1); the low 8 bits also feed the mantissa, as in rand_distr.
        double u = Double.longBitsToDouble((bits >>> 12) | EXP_BITS_2) - 3.0;
        double x = u * xTab[i];
        if (Math.abs(x) < xTab[i + 1]) {
            return x;
        }
        if (i == 0) {
            return normalTail(u);
        }
        double[] fTab = ZigguratTables.ZIG_NORM_F;
        if (fTab[i + 1] + (fTab[i] - fTab[i + 1]) * nextF64() < StrictMath.exp(-x * x / 2.0)) {
            return x;
        }
        return Double.NaN;
    }

    /** Marsaglia's tail method beyond R, with rand_distr's draw order (x draw, then y draw). */
    private double normalTail(double u) {
        double r = ZigguratTables.ZIG_NORM_R;
        double x;
        double y;
        do {
            x = StrictMath.log(nextOpen01()) / r;
            y = StrictMath.log(nextOpen01());
        } while (-2.0 * y < x * x);
        return u < 0.0 ? x - r : r - x;
    }
}
