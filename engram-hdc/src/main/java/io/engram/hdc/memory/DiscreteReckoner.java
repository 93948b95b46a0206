package io.engram.hdc.memory;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The discrete mode of the Rust {@code Reckoner} (hdc-holon §10.4): one accumulator per label;
 * every {@code recalibInterval} observations the labels' normalized prototypes are turned into
 * discriminants (a prototype minus the mean of the others, normalized), and a prediction is the
 * cosine of (v − mean prototype) with each discriminant. Resolved predictions fit a
 * conviction→accuracy curve accuracy = 1/N + a·e^(b·conviction).
 *
 * <p>As in the reference, the recalibration an observation triggers runs before that observation
 * is added. Not thread-safe.
 */
public final class DiscreteReckoner {
    /** One label's score. */
    public record LabelScore(int label, double cosine) {}

    /** Scores by raw cosine, best first; direction −1 and conviction 0 before the first recalibration. */
    public record Prediction(List<LabelScore> scores, int direction, double conviction, double rawCosine) {}

    private final List<String> labels;
    private final int dims;
    private final int recalibInterval;
    private final Accumulator[] accumulators;
    private double[][] discriminants;
    private double[] meanPrototype;
    private long updates;
    private int recalibrations;

    private final ArrayDeque<double[]> resolved = new ArrayDeque<>();
    private int resolvedCap = 5000;
    private int minResolved = 500;
    private int bins = 20;
    private double curveA;
    private double curveB;
    private boolean curveValid;

    public DiscreteReckoner(List<String> labels, int dims, int recalibInterval) {
        if (labels.isEmpty() || dims <= 0 || recalibInterval <= 0) {
            throw new InvalidArgumentException("reckoner needs labels, dims > 0 and recalibInterval > 0, got "
                    + labels.size() + " labels, dims " + dims + ", interval " + recalibInterval);
        }
        this.labels = List.copyOf(labels);
        this.dims = dims;
        this.recalibInterval = recalibInterval;
        this.accumulators = new Accumulator[labels.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = new Accumulator(dims);
        }
        this.discriminants = new double[labels.size()][];
    }

    /** Curve fitting: keep the last {@code cap} resolutions, fit from {@code min} on, in {@code bins} bins. Returns this. */
    public DiscreteReckoner withCurveParams(int cap, int min, int bins) {
        if (cap < 1 || min < 1 || bins < 1) {
            throw new InvalidArgumentException("curve parameters must be positive, got cap " + cap + ", min " + min
                    + ", bins " + bins);
        }
        this.resolvedCap = cap;
        this.minResolved = min;
        this.bins = bins;
        return this;
    }

    public List<String> labels() {
        return labels;
    }

    /** Adds {@code v} with {@code weight} to {@code label}'s accumulator. */
    public void observe(HyperVector v, int label, double weight) {
        if (label < 0 || label >= labels.size()) {
            throw new InvalidArgumentException("label must be in [0, " + labels.size() + "), got " + label);
        }
        updates++;
        if (updates % recalibInterval == 0) {
            recalibrate();
        }
        accumulators[label].addWeighted(v, weight);
    }

    /** Multiplies every accumulator by {@code factor}. */
    public void decay(double factor) {
        for (Accumulator a : accumulators) {
            a.decay(factor);
        }
    }

    /** Recalibrations so far; predictions need at least one. */
    public int recalibrations() {
        return recalibrations;
    }

    public Prediction predict(HyperVector v) {
        if (meanPrototype == null) {
            return new Prediction(List.of(), -1, 0.0, 0.0);
        }
        double[] stripped = v.toDoubles();
        for (int i = 0; i < stripped.length; i++) {
            stripped[i] -= meanPrototype[i];
        }
        List<LabelScore> scores = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            scores.add(new LabelScore(i, discriminants[i] == null ? 0.0 : Similarity.cosine(stripped, discriminants[i])));
        }
        scores.sort(Comparator.comparingDouble(LabelScore::cosine).reversed());
        LabelScore best = scores.getFirst();
        return new Prediction(List.copyOf(scores), best.label(), Math.abs(best.cosine()), best.cosine());
    }

    /** Records how a prediction of this conviction turned out. */
    public void resolve(double conviction, boolean correct) {
        resolved.addLast(new double[] {conviction, correct ? 1 : 0});
        if (resolved.size() > resolvedCap) {
            resolved.removeFirst();
        }
    }

    /**
     * Fits ln(accuracy − 1/N) = ln a + b·conviction over equal-count bins of the resolved
     * predictions (bins at or below chance + 0.005 are left out); false when there is too little
     * data (fewer than the minimum, bins under 10 entries, fewer than 3 usable bins).
     */
    public boolean fitCurve() {
        int n = labels.size();
        if (n < 2 || resolved.size() < minResolved) {
            return false;
        }
        double base = 1.0 / n;
        List<double[]> sorted = new ArrayList<>(resolved);
        sorted.sort(Comparator.comparingDouble(r -> r[0]));
        int binSize = sorted.size() / bins;
        if (binSize < 10) {
            return false;
        }
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            int start = b * binSize;
            int end = b == bins - 1 ? sorted.size() : (b + 1) * binSize;
            double c = 0;
            double hits = 0;
            for (int i = start; i < end; i++) {
                c += sorted.get(i)[0];
                hits += sorted.get(i)[1];
            }
            double acc = hits / (end - start);
            if (acc > base + 0.005) {
                double ln = Math.log(acc - base);
                if (Double.isFinite(ln)) {
                    points.add(new double[] {c / (end - start), ln});
                }
            }
        }
        if (points.size() < 3) {
            return false;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double k = points.size();
        double denominator = k * sxx - sx * sx;
        if (Math.abs(denominator) < 1e-10) {
            return false;
        }
        curveB = (k * sxy - sx * sy) / denominator;
        curveA = Math.exp((sy - curveB * sx) / k);
        curveValid = true;
        return true;
    }

    /** min(0.99, 1/N + a·e^(b·conviction)); NaN until a curve was fitted. */
    public double accuracyAt(double conviction) {
        if (!curveValid) {
            return Double.NaN;
        }
        return Math.min(0.99, 1.0 / labels.size() + curveA * Math.exp(curveB * conviction));
    }

    private void recalibrate() {
        int n = labels.size();
        if (n < 2) {
            return;
        }
        for (Accumulator a : accumulators) {
            if (a.count() == 0) {
                return;
            }
        }
        double[][] protos = new double[n][];
        double[] mean = new double[dims];
        for (int i = 0; i < n; i++) {
            protos[i] = accumulators[i].normalize();
            for (int j = 0; j < dims; j++) {
                mean[j] += protos[i][j];
            }
        }
        for (int j = 0; j < dims; j++) {
            mean[j] /= n;
        }
        double[][] next = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] disc = new double[dims];
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                // mean of the others = (n·mean − proto_i)/(n − 1)
                double others = (n * mean[j] - protos[i][j]) / (n - 1);
                disc[j] = protos[i][j] - others;
                norm += disc[j] * disc[j];
            }
            norm = Math.sqrt(norm);
            if (norm > OnlineSubspace.EPS) {
                for (int j = 0; j < dims; j++) {
                    disc[j] /= norm;
                }
                next[i] = disc;
            }
        }
        discriminants = next;
        meanPrototype = mean;
        recalibrations++;
    }
}
