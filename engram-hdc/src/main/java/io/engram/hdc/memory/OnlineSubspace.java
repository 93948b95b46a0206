package io.engram.hdc.memory;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Online subspace learning by CCIPCA (Weng et al. 2003), as hdc-holon §10.1 specifies it (the Rust
 * reference, including the first-update EMA and reflexive K).
 *
 * <p>Components are kept unnormalized: their norms estimate eigenvalues. Each update deflates the
 * centred input through the components in order, so each captures a smaller slice of variance.
 * The residual of x — what is left after that deflation — is the anomaly score, and an EMA of
 * training residuals gives an adaptive threshold (mean + sigma_mult·std).
 *
 * <p>Reflexive K (on by default): after an update, when the last component's norm exceeds
 * {@code growThreshold} of the first one's, a new (empty) component is appended, up to
 * {@code maxComponents}; when it falls below {@code shrinkThreshold}, the last is dropped, down to
 * k. Not thread-safe.
 */
public final class OnlineSubspace {
    static final double EPS = 1e-10;

    private final int dim;
    private final int k;
    private final double amnesia;
    private final double emaAlpha;
    private final double sigmaMult;
    private final int reorthInterval;
    private boolean reflexive;
    private int minComponents;
    private int maxComponents;
    private double growThreshold;
    private double shrinkThreshold;

    private final double[] mean;
    private final List<double[]> components = new ArrayList<>();
    private long n;
    private double resEma;
    private double resVarEma;
    private boolean initialized;

    /** Defaults: amnesia 2, EMA alpha 0.01, sigma 3.5, re-orthogonalization every 500 updates. */
    public OnlineSubspace(int dim, int k) {
        this(dim, k, 2.0, 0.01, 3.5, 500);
    }

    public OnlineSubspace(int dim, int k, double amnesia, double emaAlpha, double sigmaMult, int reorthInterval) {
        this(dim, k, amnesia, emaAlpha, sigmaMult, reorthInterval, true);
    }

    /** {@code zeroComponents} false: no components yet (a snapshot brings its own). */
    private OnlineSubspace(int dim, int k, double amnesia, double emaAlpha, double sigmaMult, int reorthInterval,
            boolean zeroComponents) {
        if (dim <= 0 || k <= 0) {
            throw new InvalidArgumentException("subspace needs dim > 0 and k > 0, got dim " + dim + ", k " + k);
        }
        if (!(emaAlpha > 0 && emaAlpha <= 1) || !Double.isFinite(amnesia) || !Double.isFinite(sigmaMult)
                || reorthInterval < 0) {
            throw new InvalidArgumentException("subspace parameters out of range: amnesia " + amnesia + ", emaAlpha "
                    + emaAlpha + " (expected (0, 1]), sigmaMult " + sigmaMult + ", reorthInterval " + reorthInterval);
        }
        this.dim = dim;
        this.k = Math.min(k, dim);
        this.amnesia = amnesia;
        this.emaAlpha = emaAlpha;
        this.sigmaMult = sigmaMult;
        this.reorthInterval = reorthInterval;
        this.mean = new double[dim];
        for (int i = 0; zeroComponents && i < this.k; i++) {
            components.add(new double[dim]);
        }
        withReflexiveParams(true, this.k, Math.min(dim, Math.max(64, 8 * this.k)), 0.05, 0.01);
    }

    /** Configures reflexive K; disabled, K stays at k (the Python behaviour). Returns this. */
    public OnlineSubspace withReflexiveParams(boolean enabled, int min, int max, double grow, double shrink) {
        if (min < 1 || max < min || max > dim || !(grow > 0) || !(shrink >= 0) || shrink > grow) {
            throw new InvalidArgumentException("reflexive parameters need 1 <= min <= max <= dim (" + dim
                    + ") and 0 <= shrink <= grow, got min " + min + ", max " + max + ", grow " + grow + ", shrink " + shrink);
        }
        this.reflexive = enabled;
        this.minComponents = min;
        this.maxComponents = max;
        this.growThreshold = grow;
        this.shrinkThreshold = shrink;
        return this;
    }

    /** Turns reflexive K off (K stays at k) or back on. Returns this. */
    public OnlineSubspace reflexive(boolean enabled) {
        this.reflexive = enabled;
        return this;
    }

    public int dim() {
        return dim;
    }

    public int k() {
        return k;
    }

    /** The current number of components K. */
    public int numComponents() {
        return components.size();
    }

    public long n() {
        return n;
    }

    /** res_ema + sigma_mult·√res_var_ema; +∞ before two updates. */
    public double threshold() {
        return n < 2 ? Double.POSITIVE_INFINITY : resEma + sigmaMult * Math.sqrt(Math.max(resVarEma, 0));
    }

    /** Component norms (eigenvalue estimates), one per component. */
    public double[] eigenvalues() {
        double[] out = new double[components.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = norm(components.get(i));
        }
        return out;
    }

    /** max(0, 1 − res_ema²/dim); 0 before 10 updates. */
    public double explainedRatio() {
        return n < 10 ? 0.0 : Math.max(0.0, 1.0 - resEma * resEma / dim);
    }

    /** Learns from x and returns its residual before learning. */
    public double update(double[] x) {
        check(x);
        double res = initialized ? residual(x) : norm(x);
        n++;
        double nn = n;
        double[] xc = new double[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = mean[i] * ((nn - 1) / nn) + x[i] / nn;
            xc[i] = x[i] - mean[i];
        }
        if (!initialized && n == 1) {
            System.arraycopy(xc, 0, components.getFirst(), 0, dim);
            initialized = true;
            updateEma(res);
            return res;
        }
        double amn = amnesia;
        for (double[] v : components) {
            double vNorm = norm(v);
            if (vNorm < EPS) {
                if (norm(xc) > EPS) {
                    double scale = (1 + amn) / nn;
                    for (int j = 0; j < dim; j++) {
                        v[j] = xc[j] * scale;
                    }
                }
            } else {
                double proj = dot(xc, v) / vNorm;
                double decay = (nn - 1 - amn) / nn;
                double grow = (1 + amn) / nn * proj;
                for (int j = 0; j < dim; j++) {
                    v[j] = decay * v[j] + grow * xc[j];
                }
            }
            deflate(xc, v);
        }
        updateEma(res);
        if (reorthInterval > 0 && n % reorthInterval == 0) {
            reorthogonalize();
        }
        if (reflexive) {
            adaptK();
        }
        return res;
    }

    /** Updates with each row in order; returns their residuals. */
    public double[] updateBatch(List<double[]> xs) {
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = update(xs.get(i));
        }
        return out;
    }

    /** ‖(x − mean) deflated by each non-empty component‖, without learning. */
    public double residual(double[] x) {
        check(x);
        double[] xc = centred(x);
        for (double[] v : components) {
            deflate(xc, v);
        }
        return norm(xc);
    }

    /** Coefficients (x − mean)·v̂_i, 0 for empty components. */
    public double[] project(double[] x) {
        check(x);
        double[] xc = centred(x);
        double[] out = new double[components.size()];
        for (int i = 0; i < out.length; i++) {
            double[] v = components.get(i);
            double vn = norm(v);
            out[i] = vn < EPS ? 0.0 : dot(xc, v) / vn;
        }
        return out;
    }

    /** mean + Σ coeff_i·v̂_i. */
    public double[] reconstruct(double[] x) {
        double[] coeffs = project(x);
        double[] out = mean.clone();
        for (int i = 0; i < coeffs.length; i++) {
            double[] v = components.get(i);
            double vn = norm(v);
            if (vn < EPS) {
                continue;
            }
            double s = coeffs[i] / vn;
            for (int j = 0; j < dim; j++) {
                out[j] += s * v[j];
            }
        }
        return out;
    }

    /** x − reconstruct(x): the part of x the subspace does not explain. */
    public double[] anomalousComponent(double[] x) {
        double[] r = reconstruct(x);
        for (int j = 0; j < dim; j++) {
            r[j] = x[j] - r[j];
        }
        return r;
    }

    /**
     * Mean cosine of the top principal angles between the active subspaces, in [0, 1]; 0 when
     * either is empty. {@code topAngles} 0 means min(n, max(3, n/4)).
     */
    public double subspaceAlignment(OnlineSubspace other, int topAngles) {
        DimensionMismatchException.check(dim, other.dim);
        List<double[]> u = activeBasis();
        List<double[]> v = other.activeBasis();
        if (u.isEmpty() || v.isEmpty()) {
            return 0.0;
        }
        double[][] m = new double[u.size()][v.size()];
        for (int i = 0; i < u.size(); i++) {
            for (int j = 0; j < v.size(); j++) {
                m[i][j] = dot(u.get(i), v.get(j));
            }
        }
        int c = v.size();
        double[][] mtm = new double[c][c];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                double s = 0;
                for (double[] row : m) {
                    s += row[a] * row[b];
                }
                mtm[a][b] = s;
            }
        }
        double[] eig = JacobiEigen.eigenvalues(mtm);
        double[] cos = new double[eig.length];
        for (int i = 0; i < eig.length; i++) {
            cos[i] = Math.min(1.0, Math.sqrt(Math.max(0.0, eig[i])));
        }
        java.util.Arrays.sort(cos);
        int count = cos.length;
        int top = topAngles > 0 ? Math.min(topAngles, count) : Math.min(count, Math.max(3, count / 4));
        double s = 0;
        for (int i = 0; i < top; i++) {
            s += cos[count - 1 - i];
        }
        return s / top;
    }

    /** The full state. */
    public SubspaceSnapshot snapshot() {
        double[] flat = new double[components.size() * dim];
        for (int i = 0; i < components.size(); i++) {
            System.arraycopy(components.get(i), 0, flat, i * dim, dim);
        }
        return new SubspaceSnapshot(dim, k, amnesia, emaAlpha, sigmaMult, reorthInterval, n, mean, components.size(),
                flat, resEma, resVarEma, reflexive, minComponents, maxComponents, growThreshold, shrinkThreshold);
    }

    /** A subspace in exactly the snapshot's state, every parameter included. */
    public static OnlineSubspace fromSnapshot(SubspaceSnapshot s) {
        // No k × dim of zeros first: k comes from the snapshot (a file), the components' data does too.
        OnlineSubspace sub = new OnlineSubspace(s.dim(), s.k(), s.amnesia(), s.emaAlpha(), s.sigmaMult(), s.reorthInterval(),
                false);
        sub.withReflexiveParams(s.reflexive(), s.minComponents(), s.maxComponents(), s.growThreshold(), s.shrinkThreshold());
        double[] flat = s.components();
        for (int i = 0; i < s.rows(); i++) {
            sub.components.add(java.util.Arrays.copyOfRange(flat, i * s.dim(), (i + 1) * s.dim()));
        }
        System.arraycopy(s.mean(), 0, sub.mean, 0, s.dim());
        sub.n = s.n();
        sub.resEma = s.resEma();
        sub.resVarEma = s.resVarEma();
        sub.initialized = s.n() > 0;
        return sub;
    }

    private void adaptK() {
        int kNow = components.size();
        double first = norm(components.getFirst());
        if (first < EPS) {
            return;
        }
        double ratio = norm(components.getLast()) / first;
        if (kNow < maxComponents && kNow >= 2 && ratio > growThreshold) {
            components.add(new double[dim]);
        } else if (kNow > minComponents && ratio < shrinkThreshold) {
            components.removeLast();
        }
    }

    private void updateEma(double res) {
        double alpha = n <= 1.0 / emaAlpha ? 1.0 / n : emaAlpha;
        double delta = res - resEma;
        resEma += alpha * delta;
        resVarEma = (1 - alpha) * resVarEma + alpha * delta * delta;
    }

    /** Modified Gram–Schmidt that keeps each component's norm (its eigenvalue estimate). */
    private void reorthogonalize() {
        int count = components.size();
        double[] norms = eigenvalues();
        for (int i = 0; i < count; i++) {
            if (norms[i] < EPS) {
                continue;
            }
            double[] vi = components.get(i);
            for (int j = 0; j < i; j++) {
                if (norms[j] < EPS) {
                    continue;
                }
                double[] vj = components.get(j);
                double proj = dot(vi, vj) / norms[j];
                for (int t = 0; t < dim; t++) {
                    vi[t] -= proj * vj[t] / norms[j];
                }
            }
            double now = norm(vi);
            if (now > EPS) {
                double scale = norms[i] / now;
                for (int t = 0; t < dim; t++) {
                    vi[t] *= scale;
                }
            }
        }
    }

    private List<double[]> activeBasis() {
        List<double[]> out = new ArrayList<>();
        for (double[] v : components) {
            double vn = norm(v);
            if (vn > EPS) {
                double[] u = new double[dim];
                for (int j = 0; j < dim; j++) {
                    u[j] = v[j] / vn;
                }
                out.add(u);
            }
        }
        return out;
    }

    private double[] centred(double[] x) {
        double[] xc = new double[dim];
        for (int i = 0; i < dim; i++) {
            xc[i] = x[i] - mean[i];
        }
        return xc;
    }

    /** xc −= (xc·v̂)v̂ when v is not empty. */
    private static void deflate(double[] xc, double[] v) {
        double vn = norm(v);
        if (vn <= EPS) {
            return;
        }
        double s = dot(xc, v) / (vn * vn);
        for (int j = 0; j < xc.length; j++) {
            xc[j] -= s * v[j];
        }
    }

    private void check(double[] x) {
        DimensionMismatchException.check(dim, x.length);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
