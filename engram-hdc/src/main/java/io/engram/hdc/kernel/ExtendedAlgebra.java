package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * The extended algebra of hdc-holon §5.2 with the Rust semantics: similarity profile, attention,
 * analogy, projection and rejection, gated binding, stream segmentation, codebook inversion and
 * complexity.
 */
public final class ExtendedAlgebra {

    /** How {@link #attend} weights the memory. */
    public enum AttendMode {
        /** resonance(q, m): keep m where it agrees with q. */
        HARD,
        /** m_i·(1 + tanh(strength·q̂_i·m̂_i))/2, thresholded at ±0.5. */
        SOFT,
        /** m_i·(1 + strength) where q and m share a non-zero sign, else m_i, thresholded at ±0.5. */
        AMPLIFY
    }

    /** Where {@link #conditionalBind} lets the binding through. */
    public enum GateMode { POSITIVE, NEGATIVE, NON_ZERO }

    /** How {@link #segment} decides a breakpoint. */
    public enum SegmentMethod {
        /** cos(s_i, s_{i−1}) below the threshold. */
        DIFF,
        /** cos(s_i, prototype of the previous window) below the threshold. */
        PROTOTYPE
    }

    private ExtendedAlgebra() {}

    /** a ⊙ b as a vector: +1 where they agree, −1 where they disagree, 0 where either is 0. */
    public static HyperVector similarityProfile(HyperVector a, HyperVector b) {
        return Algebra.bind(a, b);
    }

    /** {@link #attend(HyperVector, HyperVector, double, AttendMode)} with SOFT and strength 1. */
    public static HyperVector attend(HyperVector query, HyperVector memory) {
        return attend(query, memory, 1.0, AttendMode.SOFT);
    }

    public static HyperVector attend(HyperVector query, HyperVector memory, double strength, AttendMode mode) {
        Algebra.requireFinite(strength, "strength");
        byte[] q = query.data();
        byte[] m = Algebra.data(memory, q.length);
        if (mode == AttendMode.HARD) {
            return Algebra.resonance(query, memory);
        }
        double[] r = new double[q.length];
        if (mode == AttendMode.SOFT) {
            double qn = query.norm();
            double mn = memory.norm();
            double scale = qn == 0 || mn == 0 ? 0.0 : 1.0 / (qn * mn);
            for (int i = 0; i < q.length; i++) {
                r[i] = m[i] * (1 + Math.tanh(strength * q[i] * m[i] * scale)) / 2;
            }
        } else {
            for (int i = 0; i < q.length; i++) {
                r[i] = q[i] != 0 && q[i] == m[i] ? m[i] * (1 + strength) : m[i];
            }
        }
        byte[] out = new byte[q.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (r[i] > 0.5 ? 1 : r[i] < -0.5 ? -1 : 0);
        }
        return HyperVector.wrap(out);
    }

    /** A:B :: C:? = clamp(c + sgn(b − a)); equal a and b give c. */
    public static HyperVector analogy(HyperVector a, HyperVector b, HyperVector c) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        byte[] z = Algebra.data(c, x.length);
        byte[] out = new byte[x.length];
        for (int i = 0; i < out.length; i++) {
            int v = z[i] + Integer.signum(y[i] - x[i]);
            out[i] = (byte) Math.max(-1, Math.min(1, v));
        }
        return HyperVector.wrap(out);
    }

    /**
     * sgn of the projection of v onto the span of {@code exemplars} (Gram–Schmidt first when
     * {@code orthogonalize} and more than one exemplar); zeros without exemplars.
     */
    public static HyperVector project(HyperVector v, List<HyperVector> exemplars, boolean orthogonalize) {
        return HyperVector.signOf(projection(v, exemplars, orthogonalize));
    }

    /** sgn(v − projection); v itself without exemplars. */
    public static HyperVector reject(HyperVector v, List<HyperVector> exemplars, boolean orthogonalize) {
        if (exemplars.isEmpty()) {
            return v;
        }
        double[] p = projection(v, exemplars, orthogonalize);
        for (int i = 0; i < p.length; i++) {
            p[i] = v.get(i) - p[i];
        }
        return HyperVector.signOf(p);
    }

    private static double[] projection(HyperVector v, List<HyperVector> exemplars, boolean orthogonalize) {
        int d = v.dimensions();
        List<double[]> basis = new ArrayList<>();
        boolean gram = orthogonalize && exemplars.size() > 1;
        for (HyperVector e : exemplars) {
            Algebra.data(e, d); // dimension check
            double[] u = e.toDoubles();
            if (gram) {
                for (double[] b : basis) {
                    double coeff = dot(u, b) / dot(b, b);
                    for (int i = 0; i < d; i++) {
                        u[i] -= coeff * b[i];
                    }
                }
            }
            if (Math.sqrt(dot(u, u)) > Similarity.DEGENERATE_EPSILON) {
                basis.add(u);
            }
        }
        double[] x = v.toDoubles();
        double[] sum = new double[d];
        for (double[] u : basis) {
            double coeff = dot(x, u) / dot(u, u);
            for (int i = 0; i < d; i++) {
                sum[i] += coeff * u[i];
            }
        }
        return sum;
    }

    /** a ⊙ b where the gate passes, else 0. */
    public static HyperVector conditionalBind(HyperVector a, HyperVector b, HyperVector gate, GateMode mode) {
        byte[] x = a.data();
        byte[] y = Algebra.data(b, x.length);
        byte[] g = Algebra.data(gate, x.length);
        byte[] out = new byte[x.length];
        for (int i = 0; i < out.length; i++) {
            boolean pass = switch (mode) {
                case POSITIVE -> g[i] > 0;
                case NEGATIVE -> g[i] < 0;
                case NON_ZERO -> g[i] != 0;
            };
            out[i] = pass ? (byte) (x[i] * y[i]) : 0;
        }
        return HyperVector.wrap(out);
    }

    /** {@link #segment(List, int, double, SegmentMethod)} with window 100, threshold 0.3, PROTOTYPE. */
    public static List<Integer> segment(List<HyperVector> stream) {
        return segment(stream, 100, 0.3, SegmentMethod.PROTOTYPE);
    }

    /** Breakpoint indices of a stream, always starting with 0 (an empty stream has none). */
    public static List<Integer> segment(List<HyperVector> stream, int window, double threshold, SegmentMethod method) {
        if (window < 1) {
            throw new InvalidArgumentException("segment window must be >= 1, got " + window);
        }
        List<Integer> out = new ArrayList<>();
        if (stream.isEmpty()) {
            return out;
        }
        out.add(0);
        for (int i = 1; i < stream.size(); i++) {
            HyperVector reference = method == SegmentMethod.DIFF
                    ? stream.get(i - 1)
                    : Algebra.prototype(stream.subList(Math.max(0, i - window), i), 0.5);
            if (Similarity.cosine(stream.get(i), reference) < threshold) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@link #invert(HyperVector, List, int, double)} with top 5 and threshold 0.3. */
    public static List<Algebra.Match> invert(HyperVector v, List<HyperVector> codebook) {
        return invert(v, codebook, 5, 0.3);
    }

    /** Codebook entries with cosine ≥ threshold, best first (lower index on ties), at most topK. */
    public static List<Algebra.Match> invert(HyperVector v, List<HyperVector> codebook, int topK, double threshold) {
        if (topK < 0) {
            throw new InvalidArgumentException("topK must be >= 0, got " + topK);
        }
        List<Algebra.Match> hits = new ArrayList<>();
        for (int i = 0; i < codebook.size(); i++) {
            double s = Similarity.cosine(v, codebook.get(i));
            if (s >= threshold) {
                hits.add(new Algebra.Match(i, s));
            }
        }
        hits.sort(VectorOps.BEST_FIRST);
        return hits.size() > topK ? List.copyOf(hits.subList(0, topK)) : hits;
    }

    /** 0.5·density + 0.5·balance, balance = 2·min(#pos, #neg)/(#pos + #neg). */
    public static double complexity(HyperVector v) {
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < v.dimensions(); i++) {
            int x = v.get(i);
            if (x > 0) {
                pos++;
            } else if (x < 0) {
                neg++;
            }
        }
        double density = (double) (pos + neg) / v.dimensions();
        double balance = pos + neg == 0 ? 0.0 : 2.0 * Math.min(pos, neg) / (pos + neg);
        return Math.max(0.0, Math.min(1.0, 0.5 * density + 0.5 * balance));
    }

    static double dot(double[] a, double[] b) {
        DimensionMismatchException.check(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
