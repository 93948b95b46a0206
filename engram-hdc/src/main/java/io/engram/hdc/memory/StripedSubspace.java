package io.engram.hdc.memory;

import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link OnlineSubspace} per stripe of a striped encoding (hdc-holon §10.2): each stripe learns
 * its own fields, so a residual can be attributed to the stripe (and fields) that caused it. The
 * aggregate residual is the root sum of squares of the stripe residuals. Not thread-safe.
 */
public final class StripedSubspace {
    private final List<OnlineSubspace> stripes;

    public StripedSubspace(int dim, int k, int stripeCount) {
        if (stripeCount <= 0) {
            throw new InvalidArgumentException("stripe count must be positive, got " + stripeCount);
        }
        this.stripes = new ArrayList<>(stripeCount);
        for (int i = 0; i < stripeCount; i++) {
            stripes.add(new OnlineSubspace(dim, k));
        }
    }

    private StripedSubspace(List<OnlineSubspace> stripes) {
        this.stripes = stripes;
    }

    public int stripeCount() {
        return stripes.size();
    }

    public OnlineSubspace stripe(int i) {
        return stripes.get(i);
    }

    /** Updates every stripe with its vector; returns the RSS of their residuals before learning. */
    public double update(double[][] x) {
        check(x);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = stripes.get(i).update(x[i]);
            s += r * r;
        }
        return Math.sqrt(s);
    }

    /** RSS of the stripe residuals. */
    public double residual(double[][] x) {
        double s = 0;
        for (double r : residualProfile(x)) {
            s += r * r;
        }
        return Math.sqrt(s);
    }

    /** Per-stripe residuals. */
    public double[] residualProfile(double[][] x) {
        check(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = stripes.get(i).residual(x[i]);
        }
        return out;
    }

    public double stripeResidual(int stripe, double[] x) {
        return stripes.get(stripe).residual(x);
    }

    public double stripeThreshold(int stripe) {
        return stripes.get(stripe).threshold();
    }

    /** RSS of the stripe thresholds; +∞ while any stripe's is. */
    public double threshold() {
        double s = 0;
        for (OnlineSubspace sub : stripes) {
            double t = sub.threshold();
            if (Double.isInfinite(t)) {
                return Double.POSITIVE_INFINITY;
            }
            s += t * t;
        }
        return Math.sqrt(s);
    }

    public double[] anomalousComponent(int stripe, double[] x) {
        return stripes.get(stripe).anomalousComponent(x);
    }

    public List<SubspaceSnapshot> snapshot() {
        return stripes.stream().map(OnlineSubspace::snapshot).toList();
    }

    public static StripedSubspace fromSnapshot(List<SubspaceSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            throw new InvalidArgumentException("a striped subspace needs at least one stripe, got none");
        }
        return new StripedSubspace(new ArrayList<>(snapshots.stream().map(OnlineSubspace::fromSnapshot).toList()));
    }

    private void check(double[][] x) {
        if (x.length != stripes.size()) {
            throw new InvalidArgumentException("expected one vector per stripe (" + stripes.size() + "), got " + x.length);
        }
    }
}
