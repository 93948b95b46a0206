package io.engram.hdc.kernel;

/**
 * The inner loops of making, bundling and scoring ternary vectors: atom keystreams, integer column
 * sums of (bound) int8 vectors and their sign, bit-sliced counts over bit-planes, and the dot
 * product of a ternary vector with a double vector. The JIT does not vectorise these on its own,
 * so a Vector API implementation is chosen once when core's kernels can use the Vector API (see
 * {@code io.engram.core.kernel.Kernels}); the scalar one is the reference.
 *
 * <p>Integer and bit results are identical in both. {@link #dotWithNorm} reassociates its double
 * sums across lanes; it agrees with the scalar order within 1e−12 relative (parity test), and its
 * int8 and planes variants agree exactly with each other.
 */
interface TernaryKernels {

    /**
     * The atom recipe's elements as planes (see {@link #pack}): word j of the ChaCha8 keystream
     * (rand_chacha layout, key from {@code seed_from_u64(seed)}, stream 0) gives element j =
     * (word mod 3) − 1, for j below {@code dimensions}; padding bits 0.
     */
    void atom(long seed, long[] planes, int dimensions);

    /**
     * Bit-planes of {@code a}: for element i, word i/64 bit i%64 of the sign plane
     * ({@code planes[0..w)}) is set when it is −1, and of the non-zero plane ({@code planes[w..2w)})
     * when it is not 0; w = ⌈d/64⌉, padding bits 0.
     */
    void pack(byte[] a, long[] planes);

    /** The elements of {@code planes} (see {@link #pack}) into {@code out}. */
    void unpack(long[] planes, byte[] out);

    /** Σ a[i]·b[i] for ternary a and b (exact). */
    int dot(byte[] a, byte[] b);

    /** out[i] = a[i]·b[i] (bind). */
    void multiply(byte[] a, byte[] b, byte[] out);

    /**
     * Bind on planes (sign plane then non-zero plane, w = {@code out.length / 2} words each): the
     * product is non-zero where both are, negative where exactly one is.
     */
    void multiply(long[] a, long[] b, long[] out);

    /** sums[i] += a[i]. */
    void add(int[] sums, byte[] a);

    /** sums[i] += a[i] on byte sums (the caller guarantees no overflow). */
    void add(byte[] sums, byte[] a);

    /** sums[i] += a[i]·b[i] on byte sums (the caller guarantees no overflow). */
    void addProduct(byte[] sums, byte[] a, byte[] b);

    /** out[i] = sgn(sums[i]) for byte sums. */
    void sign(byte[] sums, byte[] out);

    /** sums[i] += a[i]·b[i]. */
    void addProduct(int[] sums, byte[] a, byte[] b);

    /** out[i] = sgn(sums[i]). */
    void sign(int[] sums, byte[] out);

    /** {Σ a[i]·b[i], Σ b[i]²}. */
    void dotWithNorm(byte[] a, double[] b, double[] out);

    /**
     * {@link #dotWithNorm} for a given as planes of {@code b.length} elements: the same sums in the
     * same order, so the results are identical to the int8 form's.
     */
    void dotWithNorm(long[] planes, double[] b, double[] out);

    /**
     * Σ a[i]·(u[i] − offset), exact, for a as planes (w words each) and non-negative integers u
     * given as {@code levels} bit-planes: bit i of {@code bits[k·w, (k+1)·w)} is bit k of u[i].
     * With the +1 and −1 elements as masks P and N, that is
     * Σ_k 2^k·(|P ∧ plane k| − |N ∧ plane k|) − offset·(|P| − |N|).
     */
    long dotBitSliced(long[] planes, long[] bits, int levels, long offset);

    /**
     * {@link #dotBitSliced} of the bound pair a ⊙ b given as the planes of a and of b, without
     * making the product: non-zero where both are, negative where exactly one is.
     */
    long dotBitSlicedBound(long[] a, long[] b, long[] bits, int levels, long offset);

    /** sums[i] += a[i] (double sums). */
    void add(double[] sums, byte[] a);

    /**
     * Bit-sliced counting ({@link BitSlicedCounts}): adds a ⊙ b to the counters. Planes are sign then non-zero, w words each; level k of the +1 counts
     * is {@code counts[2kw, 2kw + w)}, of the −1 counts {@code counts[(2k+1)w, (2k+2)w)}; the carry
     * ripples through {@code levels} levels and must not leave the last one.
     */
    void count(long[] a, long[] b, long[] counts, int levels);

    /** sgn(+1 count − −1 count) of every column of {@link #count}'s counters, as planes into {@code out}. */
    void countSign(long[] counts, int levels, long[] out);

    /**
     * sgn(Σ_k a[k] ⊙ b[k]) for k < n ≤ {@value #FEW} as planes into {@code out}: a small bundle counted
     * in registers, 64 columns per word, without stored counters.
     */
    void signOfFew(long[][] a, long[][] b, int n, long[] out);

    /** The most terms {@link #signOfFew} takes: four-bit counts. */
    int FEW = 15;

    /** The active implementation. */
    static TernaryKernels active() {
        return Holder.ACTIVE;
    }

    /** The scalar implementation, whatever is active. */
    static TernaryKernels scalar() {
        return ScalarTernaryKernels.INSTANCE;
    }

    /** Keeps the Vector API classes unlinked unless they are usable. */
    final class Holder {
        static final TernaryKernels ACTIVE = choose();

        private Holder() {}

        private static TernaryKernels choose() {
            String forced = System.getProperty(io.engram.core.kernel.Kernels.PROPERTY, "auto");
            if (forced.equalsIgnoreCase("scalar") || !io.engram.core.kernel.Kernels.vectorApiAvailable()) {
                return ScalarTernaryKernels.INSTANCE;
            }
            return PanamaTernaryKernels.create();
        }
    }
}
