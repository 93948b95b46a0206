package io.engram.hdc.memory;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.HyperVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The continuous mode of the Rust {@code Reckoner} (hdc-holon §10.4): K bucket accumulators over a
 * range of values learnt from the data. Every observation decays all buckets by 0.999, widens the
 * range if needed and adds the vector to the value's bucket; every 100 observations the range
 * contracts to the buckets that still carry weight (‖sums‖ > 0.1, 10 % margin, floor 0). A query
 * weights the centres of the three buckets with the largest positive raw dot product (mass
 * counts, as in the reference). Not thread-safe.
 */
public final class ContinuousReckoner {
    static final double TICK_DECAY = 0.999;
    static final int REBALANCE_EVERY = 100;
    static final double ALIVE_NORM = 0.1;

    private final int dims;
    private final int k;
    private final double defaultValue;
    private Accumulator[] buckets;
    private double[] centers;
    private double rangeMin;
    private double rangeMax;
    private long observations;
    private int sinceRebalance;

    public ContinuousReckoner(int dims, int buckets, double defaultValue) {
        if (dims <= 0 || buckets < 1) {
            throw new InvalidArgumentException("continuous reckoner needs dims > 0 and buckets >= 1, got dims " + dims
                    + ", buckets " + buckets);
        }
        this.dims = dims;
        this.k = buckets;
        this.defaultValue = defaultValue;
        this.buckets = fresh();
        this.centers = new double[k];
    }

    public long observations() {
        return observations;
    }

    /** [min, max] of the current bucket grid. */
    public double[] range() {
        return new double[] {rangeMin, rangeMax};
    }

    public void observe(HyperVector v, double value, double weight) {
        if (!Double.isFinite(value) || !Double.isFinite(weight)) {
            throw new InvalidArgumentException("value and weight must be finite, got " + value + " and " + weight);
        }
        observations++;
        for (Accumulator b : buckets) {
            b.decay(TICK_DECAY);
        }
        if (observations == 1) {
            rangeMin = value - 0.001;
            rangeMax = value + 0.001;
            resetCenters();
        }
        boolean widened = false;
        if (value < rangeMin) {
            rangeMin = value;
            widened = true;
        }
        if (value > rangeMax) {
            rangeMax = value + 1e-10;
            widened = true;
        }
        if (widened) {
            rebalance();
        }
        double width = (rangeMax - rangeMin) / k;
        if (width > 1e-15) {
            int idx = (int) Math.min(k - 1, Math.floor((value - rangeMin) / width));
            buckets[Math.max(0, idx)].addWeighted(v, Math.max(weight, 1e-10));
        }
        if (++sinceRebalance >= REBALANCE_EVERY) {
            rebalance();
            sinceRebalance = 0;
        }
    }

    /** The mass-weighted mean of the centres of the three best buckets; the default without experience. */
    public double query(HyperVector v) {
        if (observations == 0) {
            return defaultValue;
        }
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (buckets[i].count() == 0) {
                continue;
            }
            double[] sums = buckets[i].sums();
            double dot = 0;
            for (int j = 0; j < dims; j++) {
                dot += sums[j] * v.get(j);
            }
            if (dot > 0) {
                scored.add(new double[] {dot, centers[i]});
            }
        }
        if (scored.isEmpty()) {
            return defaultValue;
        }
        scored.sort((a, b) -> Double.compare(b[0], a[0]));
        double w = 0;
        double s = 0;
        for (int i = 0; i < Math.min(3, scored.size()); i++) {
            w += scored.get(i)[0];
            s += scored.get(i)[0] * scored.get(i)[1];
        }
        return w < 1e-10 ? defaultValue : s / w;
    }

    private void rebalance() {
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (buckets[i].count() > 0 && norm(buckets[i]) > ALIVE_NORM) {
                alive.add(i);
            }
        }
        if (alive.size() < 2) {
            resetCenters();
            return;
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i : alive) {
            lo = Math.min(lo, centers[i]);
            hi = Math.max(hi, centers[i]);
        }
        if (hi - lo < 1e-10) {
            return;
        }
        double margin = (hi - lo) * 0.1;
        double newMin = Math.max(0.0, lo - margin);
        double newMax = hi + margin;
        Accumulator[] old = buckets;
        double[] oldCenters = centers;
        buckets = fresh();
        centers = new double[k];
        rangeMin = newMin;
        rangeMax = newMax;
        resetCenters();
        double width = (newMax - newMin) / k;
        for (int i = 0; i < k; i++) {
            if (norm(old[i]) < ALIVE_NORM) {
                continue;
            }
            int idx = (int) Math.max(0, Math.min(k - 1, Math.floor((oldCenters[i] - newMin) / width)));
            buckets[idx].merge(old[i]);
        }
    }

    private void resetCenters() {
        double width = (rangeMax - rangeMin) / k;
        if (width > 1e-15) {
            for (int i = 0; i < k; i++) {
                centers[i] = rangeMin + (i + 0.5) * width;
            }
        }
    }

    private Accumulator[] fresh() {
        Accumulator[] out = new Accumulator[k];
        for (int i = 0; i < k; i++) {
            out[i] = new Accumulator(dims);
        }
        return out;
    }

    private static double norm(Accumulator a) {
        double s = 0;
        for (double x : a.sums()) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
