package io.engram.hdc.kernel;

import io.engram.core.random.ChaChaRng;

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

    @Override
    public void atom(long seed, byte[] out) {
        ChaChaRng rng = ChaChaRng.chacha8(seed);
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Integer.remainderUnsigned(rng.nextInt(), 3) - 1);
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
