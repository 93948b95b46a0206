package io.engram.hdc.kernel;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.util.List;
import java.util.Optional;

/**
 * The core algebra of hdc-holon §5.1: bind, bundle, negate, amplify, prototype, difference, blend,
 * resonance, permute and cleanup. Every operation is pure; mismatched dimensions throw
 * {@link DimensionMismatchException} (the references panic or broadcast) and empty inputs throw
 * {@link InvalidArgumentException}.
 */
public final class Algebra {

    /** How {@link #negate} removes a component. */
    public enum NegateMethod {
        /** sgn(sup − comp): the default. */
        SUBTRACT,
        /** Zero wherever comp is non-zero. */
        ZERO,
        /** sup + (−comp) clamped; numerically equal to {@link #SUBTRACT}, kept for parity. */
        INVERT
    }

    /** An entry of a codebook and its cosine to the probe. */
    public record Match(int index, double similarity) {}

    private Algebra() {}

    /** a ⊙ b; self-inverse wherever the key is non-zero. */
    public static HyperVector bind(HyperVector a, HyperVector b) {
        DimensionMismatchException.check(a.dimensions(), b.dimensions());
        // On the planes: the product is non-zero where both are, negative where exactly one is.
        long[] x = a.planes();
        long[] y = b.planes();
        int w = HyperVector.planeWords(a.dimensions());
        long[] out = new long[2 * w];
        TernaryKernels.active().multiply(x, y, out);
        return HyperVector.wrapPlanes(out, a.dimensions());
    }

    /** unbind(ab, key) = bind(ab, key). */
    public static HyperVector unbind(HyperVector bound, HyperVector key) {
        return bind(bound, key);
    }

    /** sgn(Σ vs); a zero column sum gives 0. */
    public static HyperVector bundle(List<HyperVector> vectors) {
        requireNonEmpty(vectors, "bundle");
        BundleBuilder b = new BundleBuilder(vectors.getFirst().dimensions());
        for (HyperVector v : vectors) {
            b.add(v);
        }
        return b.build();
    }

    public static HyperVector bundle(HyperVector... vectors) {
        return bundle(List.of(vectors));
    }

    /** sgn(Σ w_i v_i). */
    public static HyperVector weightedBundle(List<HyperVector> vectors, double[] weights) {
        requireNonEmpty(vectors, "weightedBundle");
        if (weights.length != vectors.size()) {
            throw new InvalidArgumentException(
                    "weightedBundle needs one weight per vector: expected " + vectors.size() + ", got " + weights.length);
        }
        int d = vectors.getFirst().dimensions();
        double[] sums = new double[d];
        for (int k = 0; k < weights.length; k++) {
            byte[] x = data(vectors.get(k), d);
            double w = weights[k];
            for (int i = 0; i < d; i++) {
                sums[i] += w * x[i];
            }
        }
        return HyperVector.signOf(sums);
    }

    /** {@link #negate(HyperVector, HyperVector, NegateMethod)} with {@link NegateMethod#SUBTRACT}. */
    public static HyperVector negate(HyperVector superposition, HyperVector component) {
        return negate(superposition, component, NegateMethod.SUBTRACT);
    }

    /** Removes {@code component} from {@code superposition}. */
    public static HyperVector negate(HyperVector superposition, HyperVector component, NegateMethod method) {
        byte[] s = superposition.data();
        byte[] c = data(component, s.length);
        byte[] out = new byte[s.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (method) {
                case SUBTRACT, INVERT -> (byte) Integer.signum(s[i] - c[i]);
                case ZERO -> c[i] != 0 ? 0 : s[i];
            };
        }
        return HyperVector.wrap(out);
    }

    /** sgn(sup + strength·comp). */
    public static HyperVector amplify(HyperVector superposition, HyperVector component, double strength) {
        requireFinite(strength, "strength");
        byte[] s = superposition.data();
        byte[] c = data(component, s.length);
        byte[] out = new byte[s.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sign(s[i] + strength * c[i]);
        }
        return HyperVector.wrap(out);
    }

    /**
     * Majority prototype with the Rust ceil rule (hdc-holon §1.5): with column sums S over n vectors
     * and m = ⌈n·threshold⌉, +1 where S ≥ m, −1 where S ≤ −m, else 0.
     */
    public static HyperVector prototype(List<HyperVector> vectors, double threshold) {
        requireNonEmpty(vectors, "prototype");
        requireFinite(threshold, "threshold");
        BundleBuilder b = new BundleBuilder(vectors.getFirst().dimensions());
        for (HyperVector v : vectors) {
            b.add(v);
        }
        int m = (int) Math.ceil(vectors.size() * threshold);
        byte[] out = new byte[b.dimensions()];
        for (int i = 0; i < out.length; i++) {
            int s = b.sum(i);
            out[i] = (byte) (s >= m ? 1 : s <= -m ? -1 : 0);
        }
        return HyperVector.wrap(out);
    }

    /** {@link #prototype(List, double)} with threshold 0.5. */
    public static HyperVector prototype(List<HyperVector> vectors) {
        return prototype(vectors, 0.5);
    }

    /** Folds one example into a prototype built from {@code count} examples: sgn(count·proto + example). */
    public static HyperVector prototypeAdd(HyperVector prototype, HyperVector example, int count) {
        if (count < 0) {
            throw new InvalidArgumentException("count must be >= 0, got " + count);
        }
        byte[] p = prototype.data();
        byte[] e = data(example, p.length);
        byte[] out = new byte[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.signum(count * p[i] + e[i]);
        }
        return HyperVector.wrap(out);
    }

    /** sgn(after − before). */
    public static HyperVector difference(HyperVector before, HyperVector after) {
        return negate(after, before, NegateMethod.SUBTRACT);
    }

    /** sgn((1−α)a + α b); α = 0.5 gives 0 where a and b disagree. */
    public static HyperVector blend(HyperVector a, HyperVector b, double alpha) {
        return blendWeighted(a, b, 1 - alpha, alpha);
    }

    /** sgn(w1·a + w2·b) for any real weights. */
    public static HyperVector blendWeighted(HyperVector a, HyperVector b, double w1, double w2) {
        requireFinite(w1, "w1");
        requireFinite(w2, "w2");
        byte[] x = a.data();
        byte[] y = data(b, x.length);
        byte[] out = new byte[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sign(w1 * x[i] + w2 * y[i]);
        }
        return HyperVector.wrap(out);
    }

    /** Keeps v_i where it equals ref_i, else 0. */
    public static HyperVector resonance(HyperVector v, HyperVector reference) {
        byte[] x = v.data();
        byte[] r = data(reference, x.length);
        byte[] out = new byte[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] == r[i] ? x[i] : 0;
        }
        return HyperVector.wrap(out);
    }

    /**
     * Cyclic shift with Rust HEAD's direction (hdc-holon §1.3): out[i] = v[(i+k) mod d], so
     * [1,2,3,4,5] by 2 is [3,4,5,1,2]; a negative k shifts back.
     */
    public static HyperVector permute(HyperVector v, int k) {
        byte[] x = v.data();
        int n = x.length;
        int shift = Math.floorMod(k, n);
        byte[] out = new byte[n];
        System.arraycopy(x, shift, out, 0, n - shift);
        System.arraycopy(x, 0, out, n - shift, shift);
        return HyperVector.wrap(out);
    }

    /** The codebook entry with the highest cosine (first on ties); empty for an empty codebook. */
    public static Optional<Match> cleanup(HyperVector noisy, List<HyperVector> codebook) {
        Match best = null;
        for (int i = 0; i < codebook.size(); i++) {
            double s = Similarity.cosine(noisy, codebook.get(i));
            if (best == null || s > best.similarity()) {
                best = new Match(i, s);
            }
        }
        return Optional.ofNullable(best);
    }

    static byte sign(double v) {
        return (byte) (v > 0 ? 1 : v < 0 ? -1 : 0);
    }

    /** The data of {@code v} after checking its dimension against {@code d}. */
    static byte[] data(HyperVector v, int d) {
        DimensionMismatchException.check(d, v.dimensions());
        return v.data();
    }

    static void requireNonEmpty(List<?> list, String what) {
        if (list == null || list.isEmpty()) {
            throw new InvalidArgumentException(what + " needs at least one vector, got none");
        }
    }

    static void requireFinite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new InvalidArgumentException(name + " must be finite, got " + v);
        }
    }
}
