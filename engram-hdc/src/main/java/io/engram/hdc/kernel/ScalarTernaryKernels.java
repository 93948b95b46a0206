package io.engram.hdc.kernel;

/** Plain loops; the reference for {@link PanamaTernaryKernels}. */
final class ScalarTernaryKernels implements TernaryKernels {

    @Override
    public void pack(byte[] a, long[] planes) {
        int words = (a.length + 63) >>> 6;
        java.util.Arrays.fill(planes, 0, 2 * words, 0L);
        for (int i = 0; i < a.length; i++) {
            long bit = 1L << i;
            if (a[i] < 0) {
                planes[i >>> 6] |= bit;
            }
            if (a[i] != 0) {
                planes[words + (i >>> 6)] |= bit;
            }
        }
    }

    @Override
    public void unpack(long[] planes, byte[] out) {
        int words = (out.length + 63) >>> 6;
        for (int i = 0; i < out.length; i++) {
            boolean nonZero = (planes[words + (i >>> 6)] & (1L << i)) != 0;
            boolean negative = (planes[i >>> 6] & (1L << i)) != 0;
            out[i] = (byte) (!nonZero ? 0 : negative ? -1 : 1);
        }
    }
    static final ScalarTernaryKernels INSTANCE = new ScalarTernaryKernels();

    private ScalarTernaryKernels() {}

    /** Each keystream word reduced mod 3 and set straight into the planes, 64 elements per word. */
    @Override
    public void atom(long seed, long[] planes, int dimensions) {
        io.engram.core.random.ChaChaRng rng = io.engram.core.random.ChaChaRng.chacha8(seed);
        int w = (dimensions + 63) >>> 6;
        for (int word = 0; word < w; word++) {
            int n = Math.min(64, dimensions - 64 * word);
            long sign = 0;
            long nonZero = 0;
            for (int j = 0; j < n; j++) {
                long r = (rng.nextInt() & 0xFFFF_FFFFL) % 3; // 0 → −1, 1 → 0, 2 → +1
                sign |= (r == 0 ? 1L : 0L) << j;
                nonZero |= (r != 1 ? 1L : 0L) << j;
            }
            planes[word] = sign;
            planes[w + word] = nonZero;
        }
    }

    @Override
    public int dot(byte[] a, byte[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public void multiply(byte[] a, byte[] b, byte[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] * b[i]);
        }
    }

    @Override
    public void multiply(long[] a, long[] b, long[] out) {
        multiply(a, b, out, 0);
    }

    /** {@link #multiply(long[], long[], long[])} from plane word {@code from} on. */
    static void multiply(long[] a, long[] b, long[] out, int from) {
        int w = out.length >>> 1;
        for (int i = from; i < w; i++) {
            long nonZero = a[w + i] & b[w + i];
            out[w + i] = nonZero;
            out[i] = (a[i] ^ b[i]) & nonZero;
        }
    }

    @Override
    public void add(int[] sums, byte[] a) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += a[i];
        }
    }

    @Override
    public void add(byte[] sums, byte[] a) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += a[i];
        }
    }

    @Override
    public void addProduct(byte[] sums, byte[] a, byte[] b) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += (byte) (a[i] * b[i]);
        }
    }

    @Override
    public void sign(byte[] sums, byte[] out) {
        for (int i = 0; i < sums.length; i++) {
            out[i] = (byte) Integer.signum(sums[i]);
        }
    }

    @Override
    public void addProduct(int[] sums, byte[] a, byte[] b) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += a[i] * b[i];
        }
    }

    @Override
    public void sign(int[] sums, byte[] out) {
        for (int i = 0; i < sums.length; i++) {
            out[i] = (byte) Integer.signum(sums[i]);
        }
    }

    @Override
    public void dotWithNorm(byte[] a, double[] b, double[] out) {
        double dot = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            nb += b[i] * b[i];
        }
        out[0] = dot;
        out[1] = nb;
    }

    @Override
    public void dotWithNorm(long[] planes, double[] b, double[] out) {
        int w = (b.length + 63) >>> 6;
        double dot = 0;
        double nb = 0;
        for (int i = 0; i < b.length; i++) {
            dot += element(planes, w, i) * b[i];
            nb += b[i] * b[i];
        }
        out[0] = dot;
        out[1] = nb;
    }

    @Override
    public long dotBitSliced(long[] planes, long[] bits, int levels, long offset) {
        return dotBitSliced(planes, null, bits, levels, offset, 0);
    }

    @Override
    public long dotBitSlicedBound(long[] a, long[] b, long[] bits, int levels, long offset) {
        return dotBitSliced(a, b, bits, levels, offset, 0);
    }

    /**
     * {@link #dotBitSliced} of a, or {@link #dotBitSlicedBound} of a and b when b is not null, over
     * the words from {@code from} on (the Vector API kernel's tail).
     */
    static long dotBitSliced(long[] a, long[] b, long[] bits, int levels, long offset, int from) {
        int w = a.length >>> 1;
        long dot = 0;
        long sum = 0;
        for (int i = from; i < w; i++) {
            long nonZero = b == null ? a[w + i] : a[w + i] & b[w + i];
            long negative = b == null ? a[i] : (a[i] ^ b[i]) & nonZero;
            long positive = nonZero & ~negative;
            sum += Long.bitCount(positive) - Long.bitCount(negative);
            for (int k = 0, at = i; k < levels; k++, at += w) {
                long u = bits[at];
                dot += (long) (Long.bitCount(positive & u) - Long.bitCount(negative & u)) << k;
            }
        }
        return dot - offset * sum;
    }

    /** Element i of planes with w words each: −1, 0 or +1. */
    static int element(long[] planes, int w, int i) {
        int nonZero = (int) (planes[w + (i >>> 6)] >>> i) & 1;
        int negative = (int) (planes[i >>> 6] >>> i) & 1;
        return nonZero - 2 * negative;
    }

    @Override
    public void add(double[] sums, byte[] a) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += a[i];
        }
    }

    @Override
    public void count(long[] a, long[] b, long[] counts, int levels) {
        count(a, b, counts, levels, 0);
    }

    /** {@link #count} for the words from {@code from} on (the Vector API kernel's tail). */
    static void count(long[] a, long[] b, long[] counts, int levels, int from) {
        int w = a.length >>> 1;
        for (int i = from; i < w; i++) {
            long nz = a[w + i] & b[w + i];
            long carryMinus = (a[i] ^ b[i]) & nz;
            long carryPlus = nz ^ carryMinus;
            for (int k = 0, at = i; k < levels; k++, at += 2 * w) {
                long p = counts[at];
                counts[at] = p ^ carryPlus;
                carryPlus &= p;
                long m = counts[at + w];
                counts[at + w] = m ^ carryMinus;
                carryMinus &= m;
            }
        }
    }

    @Override
    public void signOfFew(long[][] a, long[][] b, int n, long[] out) {
        signOfFew(a, b, n, out, 0, out.length >>> 1);
    }

    /** {@link #signOfFew} for plane words [from, to): four-bit +1 and −1 counts per column. */
    static void signOfFew(long[][] a, long[][] b, int n, long[] out, int from, int to) {
        int w = out.length >>> 1;
        for (int i = from; i < to; i++) {
            long p0 = 0, p1 = 0, p2 = 0, p3 = 0;
            long m0 = 0, m1 = 0, m2 = 0, m3 = 0;
            for (int k = 0; k < n; k++) {
                long[] x = a[k];
                long[] y = b[k];
                long nz = x[w + i] & y[w + i];
                long cm = (x[i] ^ y[i]) & nz;
                long cp = nz ^ cm;
                // Half adders up the levels; n ≤ 15, so nothing carries out of the top one.
                long t = p0 & cp;
                p0 ^= cp;
                long u = p1 & t;
                p1 ^= t;
                p3 |= p2 & u;
                p2 ^= u;
                t = m0 & cm;
                m0 ^= cm;
                u = m1 & t;
                m1 ^= t;
                m3 |= m2 & u;
                m2 ^= u;
            }
            long less = less(p3, p2, p1, p0, m3, m2, m1, m0);
            out[i] = less;
            out[w + i] = less | less(m3, m2, m1, m0, p3, p2, p1, p0);
        }
    }

    /** Columns where the 4-bit count (a3 a2 a1 a0) is below (b3 b2 b1 b0): the top differing bit decides. */
    static long less(long a3, long a2, long a1, long a0, long b3, long b2, long b1, long b0) {
        long eq3 = ~(a3 ^ b3);
        long eq2 = eq3 & ~(a2 ^ b2);
        long eq1 = eq2 & ~(a1 ^ b1);
        return (~a3 & b3) | (eq3 & ~a2 & b2) | (eq2 & ~a1 & b1) | (eq1 & ~a0 & b0);
    }

    @Override
    public void countSign(long[] counts, int levels, long[] out) {
        countSign(counts, levels, out, 0);
    }

    /** {@link #countSign} for the words from {@code from} on (the Vector API kernel's tail). */
    static void countSign(long[] counts, int levels, long[] out, int from) {
        int w = out.length >>> 1;
        for (int i = from; i < w; i++) {
            long greater = 0;
            long less = 0;
            long equal = -1L;
            for (int k = levels - 1; k >= 0; k--) {
                long p = counts[2 * k * w + i];
                long m = counts[(2 * k + 1) * w + i];
                greater |= equal & p & ~m;
                less |= equal & m & ~p;
                equal &= ~(p ^ m);
            }
            out[i] = less;
            out[w + i] = greater | less;
        }
    }
}
