package io.engram.hdc.detect;

import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one field's values looked like during warmup and what they look like now (hdc-holon §12.5):
 * a prior accumulator of "field:value" atoms, a decaying recent one, value counts, the warmup's
 * value set and two HyperLogLogs (warmup and current anomaly).
 */
final class FieldTracker {
    static final double DECAY = 0.98;
    static final int COUNT_HALVING_ABOVE = 200;

    final String name;
    private final VectorManager atoms;
    private final Accumulator prior;
    private double[] recent;
    private Map<String, Integer> priorCounts = new HashMap<>();
    private Map<String, Integer> recentCounts = new HashMap<>();
    private int recentTotal;
    private final Set<String> baselineValues = new HashSet<>();
    private final HyperLogLog baselineHll = new HyperLogLog(10);
    final HyperLogLog anomalyHll = new HyperLogLog(10);
    private HyperVector priorSign;
    private double baselineCardinality;

    FieldTracker(String name, VectorManager atoms) {
        this.name = name;
        this.atoms = atoms;
        this.prior = new Accumulator(atoms.dimensions());
        this.recent = new double[atoms.dimensions()];
    }

    void observe(String value, boolean warmup) {
        HyperVector v = atoms.get(name + ":" + value);
        if (warmup) {
            prior.add(v);
            priorCounts.merge(value, 1, Integer::sum);
            baselineValues.add(value);
            baselineHll.add(value);
            return;
        }
        for (int i = 0; i < recent.length; i++) {
            recent[i] = DECAY * recent[i] + v.get(i);
        }
        recentCounts.merge(value, 1, Integer::sum);
        recentTotal++;
        if (recentTotal > COUNT_HALVING_ABOVE) {
            Map<String, Integer> halved = new HashMap<>();
            int total = 0;
            for (Map.Entry<String, Integer> e : recentCounts.entrySet()) {
                int h = e.getValue() / 2;
                if (h > 0) {
                    halved.put(e.getKey(), h);
                    total += h;
                }
            }
            recentCounts = halved;
            recentTotal = total;
        }
    }

    void freeze() {
        priorSign = prior.threshold();
        recent = prior.sums();
        recentCounts = new HashMap<>(priorCounts);
        recentTotal = recentCounts.values().stream().mapToInt(Integer::intValue).sum();
        baselineCardinality = baselineHll.cardinalityRatio();
    }

    /**
     * 1 − cos(sgn(prior), recent). The reference thresholds the L2-normalized recent sums at ±0.3
     * first, but at d = 4096 every component of a unit vector is far below 0.3, so that version is
     * always 1; the float cosine keeps the signal the threshold was meant to keep.
     */
    double divergence() {
        return priorSign == null ? 0.0 : 1.0 - Similarity.cosine(priorSign, recent);
    }

    /** The most frequent recent value (smallest text on ties) and its share of recent counts. */
    Map.Entry<String, Double> dominant() {
        String best = null;
        int bestCount = -1;
        for (Map.Entry<String, Integer> e : recentCounts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best == null ? null : Map.entry(best, recentTotal == 0 ? 0.0 : (double) bestCount / recentTotal);
    }

    boolean isNovel(String value) {
        return !baselineValues.contains(value);
    }

    double baselineCardinality() {
        return baselineCardinality;
    }
}
