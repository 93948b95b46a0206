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

    /**
     * One ChaCha8 block at a time in sixteen locals, each word reduced mod 3 and set straight into
     * the planes: block b's sixteen elements are bits 16·(b mod 4) up of word b/4.
     */
    @Override
    public void atom(long seed, long[] planes, int dimensions) {
        int[] key = new int[8];
        io.engram.core.random.Pcg32SeedExpander.keyWordsFromU64(seed, key);
        int w = (dimensions + 63) >>> 6;
        java.util.Arrays.fill(planes, 0, 2 * w, 0L);
        int[] block = new int[16];
        int blocks = (dimensions + 15) >>> 4;
        for (int b = 0; b < blocks; b++) {
            chacha8Block(key, b, block);
            int n = Math.min(16, dimensions - 16 * b);
            long sign = 0;
            long nonZero = 0;
            for (int j = 0; j < n; j++) {
                long r = (block[j] & 0xFFFF_FFFFL) % 3; // 0 → −1, 1 → 0, 2 → +1
                sign |= (r == 0 ? 1L : 0L) << j;
                nonZero |= (r != 1 ? 1L : 0L) << j;
            }
            int shift = (b & 3) << 4;
            planes[b >>> 2] |= sign << shift;
            planes[w + (b >>> 2)] |= nonZero << shift;
        }
    }

    /** Keystream block {@code counter} (words 12–13 the 64-bit counter, stream 0) of ChaCha8. */
    static void chacha8Block(int[] key, long counter, int[] out) {
        int x0 = 0x61707865;
        int x1 = 0x3320646e;
        int x2 = 0x79622d32;
        int x3 = 0x6b206574;
        int x4 = key[0];
        int x5 = key[1];
        int x6 = key[2];
        int x7 = key[3];
        int x8 = key[4];
        int x9 = key[5];
        int x10 = key[6];
        int x11 = key[7];
        int x12 = (int) counter;
        int x13 = (int) (counter >>> 32);
        int x14 = 0;
        int x15 = 0;
        for (int r = 0; r < 8; r += 2) {
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        out[0] = x0 + 0x61707865;
        out[1] = x1 + 0x3320646e;
        out[2] = x2 + 0x79622d32;
        out[3] = x3 + 0x6b206574;
        out[4] = x4 + key[0];
        out[5] = x5 + key[1];
        out[6] = x6 + key[2];
        out[7] = x7 + key[3];
        out[8] = x8 + key[4];
        out[9] = x9 + key[5];
        out[10] = x10 + key[6];
        out[11] = x11 + key[7];
        out[12] = x12 + (int) counter;
        out[13] = x13 + (int) (counter >>> 32);
        out[14] = x14;
        out[15] = x15;
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
        int w = a.length >>> 1;
        for (int i = 0; i < w; i++) {
            long nz = b == null ? a[w + i] : a[w + i] & b[w + i];
            long neg = (b == null ? a[i] : a[i] ^ b[i]) & nz;
            long carryPlus = nz & ~neg;
            long carryMinus = neg;
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
        int w = out.length >>> 1;
        for (int i = 0; i < w; i++) {
            long p0 = 0, p1 = 0, p2 = 0;
            long m0 = 0, m1 = 0, m2 = 0;
            for (int k = 0; k < n; k++) {
                long[] x = a[k];
                long[] y = b[k];
                long nz = x[w + i] & y[w + i];
                long cm = (x[i] ^ y[i]) & nz;
                long cp = nz ^ cm;
                long t = p0 & cp;
                p0 ^= cp;
                p2 |= p1 & t; // n ≤ 7: the carry out of the top level is always zero
                p1 ^= t;
                t = m0 & cm;
                m0 ^= cm;
                m2 |= m1 & t;
                m1 ^= t;
            }
            long less = less(p2, p1, p0, m2, m1, m0);
            out[i] = less;
            out[w + i] = less | less(m2, m1, m0, p2, p1, p0);
        }
    }

    /** Columns where the 3-bit count (a2 a1 a0) is below (b2 b1 b0). */
    static long less(long a2, long a1, long a0, long b2, long b1, long b0) {
        long eq2 = ~(a2 ^ b2);
        long eq1 = ~(a1 ^ b1);
        return (~a2 & b2) | (eq2 & ~a1 & b1) | (eq2 & eq1 & ~a0 & b0);
    }

    @Override
    public void countSign(long[] counts, int levels, long[] out) {
        int w = out.length >>> 1;
        for (int i = 0; i < w; i++) {
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
