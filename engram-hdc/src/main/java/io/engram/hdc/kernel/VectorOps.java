package io.engram.hdc.kernel;

import io.engram.core.InvalidArgumentException;
import io.engram.core.random.ChaChaRng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The vector operations of hdc-holon §5.3: sparsify, centroid, flip, top-k, similarity matrix,
 * entropy, random projection, power, auto/cross-correlation, bundle confidence, coherence,
 * reflection, Grover-style amplification and drift rate.
 */
public final class VectorOps {
    /** Higher similarity first, then lower index. */
    static final Comparator<Algebra.Match> BEST_FIRST =
            Comparator.comparingDouble(Algebra.Match::similarity).reversed().thenComparingInt(Algebra.Match::index);

    /** A bundle and, per dimension, the margin |S_i|/n of its majority. */
    public record ConfidentBundle(HyperVector bundle, double[] margins) {}

    private VectorOps() {}

    /** Keeps the k entries of largest |v| (lower index first on ties), zeros the rest; k ≥ d copies. */
    public static HyperVector sparsify(HyperVector v, int k) {
        if (k < 0) {
            throw new InvalidArgumentException("sparsify k must be >= 0, got " + k);
        }
        byte[] x = v.data();
        byte[] out = new byte[x.length];
        // |v_i| is 0 or 1, so "largest" means the non-zeros, taken in index order.
        int kept = 0;
        for (int i = 0; i < x.length && kept < k; i++) {
            if (x[i] != 0) {
                out[i] = x[i];
                kept++;
            }
        }
        return HyperVector.wrap(out);
    }

    /** sgn(Σv/‖Σv‖): the signs of the bundle. */
    public static HyperVector centroid(List<HyperVector> vectors) {
        return Algebra.bundle(vectors);
    }

    /** −v. */
    public static HyperVector flip(HyperVector v) {
        byte[] x = v.data();
        byte[] out = new byte[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) -x[i];
        }
        return HyperVector.wrap(out);
    }

    /** The k candidates most cosine-similar to q, best first. */
    public static List<Algebra.Match> topkSimilar(HyperVector q, List<HyperVector> candidates, int k) {
        if (k < 0) {
            throw new InvalidArgumentException("k must be >= 0, got " + k);
        }
        List<Algebra.Match> all = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            all.add(new Algebra.Match(i, Similarity.cosine(q, candidates.get(i))));
        }
        all.sort(BEST_FIRST);
        return all.size() > k ? List.copyOf(all.subList(0, k)) : all;
    }

    /** n×n cosines, diagonal exactly 1. */
    public static double[][] similarityMatrix(List<HyperVector> vectors) {
        int n = vectors.size();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1.0;
            for (int j = i + 1; j < n; j++) {
                double s = Similarity.cosine(vectors.get(i), vectors.get(j));
                m[i][j] = s;
                m[j][i] = s;
            }
        }
        return m;
    }

    /** Shannon entropy (base 2) of the +/−/0 frequencies over log2 3, in [0, 1]. */
    public static double entropy(HyperVector v) {
        int[] counts = new int[3];
        for (int i = 0; i < v.dimensions(); i++) {
            counts[v.get(i) + 1]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / v.dimensions();
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(3);
    }

    /**
     * sgn(M·v) for a sparse Achlioptas matrix with entries drawn uniformly from [−1, 0, 0, 0, 0, +1]
     * (ChaCha8 seeded with {@code seed}, row by row). Only the distribution matches the reference,
     * not its exact draws.
     */
    public static HyperVector randomProject(HyperVector v, int target, long seed) {
        HyperVector.checkDimensions(target);
        ChaChaRng rng = ChaChaRng.chacha8(seed);
        byte[] x = v.data();
        int[] sums = new int[target];
        for (int r = 0; r < target; r++) {
            int s = 0;
            for (int c = 0; c < x.length; c++) {
                int draw = below6(rng);
                if (draw == 0) {
                    s -= x[c];
                } else if (draw == 5) {
                    s += x[c];
                }
            }
            sums[r] = s;
        }
        return HyperVector.signOf(sums);
    }

    /** Unbiased draw in [0, 6) by widening multiply with rejection. */
    private static int below6(ChaChaRng rng) {
        while (true) {
            long m = Integer.toUnsignedLong(rng.nextInt()) * 6;
            // 2^32 mod 6 = 4: reject the 4 low values that would bias the result.
            if ((m & 0xFFFF_FFFFL) >= 4) {
                return (int) (m >>> 32);
            }
        }
    }

    /** v^e: e < 0 is an error; 0 gives zeros; even integers |v|; odd integers and fractions v. */
    public static HyperVector power(HyperVector v, double e) {
        if (!(e >= 0) || Double.isInfinite(e)) {
            throw new InvalidArgumentException("power exponent must be finite and >= 0, got " + e);
        }
        if (e == 0) {
            return HyperVector.zeros(v.dimensions());
        }
        if (e == Math.rint(e) && ((long) e) % 2 == 0) {
            byte[] x = v.data();
            byte[] out = new byte[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (x[i] & 1);
            }
            return HyperVector.wrap(out);
        }
        return v;
    }

    /** acf[0] = 1; acf[k] = mean over i ≥ k of cos(s_i, s_{i−k}); maxLag clipped to n − 1. */
    public static double[] autocorrelate(List<HyperVector> stream, int maxLag) {
        return crossCorrelate(stream, stream, maxLag, true);
    }

    /** xcf[k] = mean over i ≥ k of cos(a_{i−k}, b_i). */
    public static double[] crossCorrelate(List<HyperVector> a, List<HyperVector> b, int maxLag) {
        if (a.size() != b.size()) {
            throw new InvalidArgumentException("cross-correlation needs streams of equal length, got " + a.size()
                    + " and " + b.size());
        }
        return crossCorrelate(a, b, maxLag, false);
    }

    private static double[] crossCorrelate(List<HyperVector> a, List<HyperVector> b, int maxLag, boolean auto) {
        if (maxLag < 0) {
            throw new InvalidArgumentException("maxLag must be >= 0, got " + maxLag);
        }
        int n = a.size();
        if (n == 0) {
            return new double[0];
        }
        int lags = Math.min(maxLag, n - 1);
        double[] out = new double[lags + 1];
        for (int k = 0; k <= lags; k++) {
            if (auto && k == 0) {
                out[0] = 1.0;
                continue;
            }
            double s = 0;
            for (int i = k; i < n; i++) {
                s += Similarity.cosine(a.get(i - k), b.get(i));
            }
            out[k] = s / (n - k);
        }
        return out;
    }

    /** The bundle and its per-dimension margins |S_i|/n. */
    public static ConfidentBundle bundleWithConfidence(List<HyperVector> vectors) {
        Algebra.requireNonEmpty(vectors, "bundleWithConfidence");
        BundleBuilder b = new BundleBuilder(vectors.getFirst().dimensions());
        vectors.forEach(b::add);
        double[] margins = new double[b.dimensions()];
        for (int i = 0; i < margins.length; i++) {
            margins[i] = Math.abs(b.sum(i)) / (double) vectors.size();
        }
        return new ConfidentBundle(b.build(), margins);
    }

    /** Mean pairwise cosine; 1 for fewer than two vectors. */
    public static double coherence(List<HyperVector> vectors) {
        int n = vectors.size();
        if (n < 2) {
            return 1.0;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Similarity.cosine(vectors.get(i), vectors.get(j));
            }
        }
        return s / (n * (n - 1) / 2.0);
    }

    /** sgn(2·mean(v) − v). */
    public static HyperVector reflectAboutMean(HyperVector v) {
        byte[] x = v.data();
        double mean = 0;
        for (byte b : x) {
            mean += b;
        }
        mean /= x.length;
        byte[] out = new byte[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Algebra.sign(2 * mean - x[i]);
        }
        return HyperVector.wrap(out);
    }

    /** Grover-style amplification of {@code signal} in {@code background}: oracle weighting then reflection, {@code iterations} times. */
    public static HyperVector groverAmplify(HyperVector signal, HyperVector background, int iterations) {
        if (iterations < 0) {
            throw new InvalidArgumentException("iterations must be >= 0, got " + iterations);
        }
        byte[] s = signal.data();
        byte[] bg = Algebra.data(background, s.length);
        double[] v = new double[s.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = bg[i];
        }
        for (int it = 0; it < iterations; it++) {
            double mean = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * (1 + Math.tanh(s[i] * v[i])) / 2;
                mean += v[i];
            }
            mean /= v.length;
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * mean - v[i];
            }
        }
        return HyperVector.signOf(v);
    }

    /**
     * First differences of consecutive cosines (each the mean of the last {@code window} when
     * window > 1 and enough history); length n − 2, empty for n < 3.
     */
    public static double[] driftRate(List<HyperVector> stream, int window) {
        if (window < 1) {
            throw new InvalidArgumentException("drift window must be >= 1, got " + window);
        }
        int n = stream.size();
        if (n < 3) {
            return new double[0];
        }
        double[] raw = new double[n];
        for (int i = 1; i < n; i++) {
            raw[i] = Similarity.cosine(stream.get(i), stream.get(i - 1));
        }
        double[] sims = new double[n - 1];
        for (int i = 1; i < n; i++) {
            if (window > 1 && i >= window) {
                double s = 0;
                for (int j = i - window + 1; j <= i; j++) {
                    s += raw[j];
                }
                sims[i - 1] = s / window;
            } else {
                sims[i - 1] = raw[i];
            }
        }
        double[] rates = new double[n - 2];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = sims[i + 1] - sims[i];
        }
        return rates;
    }
}
