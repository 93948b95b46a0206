package io.engram.hdc.kernel;

import io.engram.core.random.ChaChaRng;

/** Plain loops; the reference for {@link PanamaTernaryKernels}. */
final class ScalarTernaryKernels implements TernaryKernels {
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
}
