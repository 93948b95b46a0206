package io.engram.hdc.encode;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.HyperVector;
import java.util.function.DoubleFunction;

/**
 * Recovers the value behind a log-encoded vector (hdc-holon §6.2 {@code decode_log}): a grid scan
 * over log10(value), scoring each candidate by the number of positions where both vectors are
 * non-zero and equal, then a finer scan of ± one grid step around the best. Works with any log
 * encoder (the positional one by default).
 */
public final class ScalarDecoder {
    /** Facade defaults: range [1e−2, 1e10], 500 probes, 200 refinement points. */
    public static final double DEFAULT_LO = 1e-2;
    public static final double DEFAULT_HI = 1e10;
    public static final int DEFAULT_PROBES = 500;
    public static final int DEFAULT_REFINE = 200;

    private ScalarDecoder() {}

    /** Decodes with the positional log encoder at scale 1000 and the default range. */
    public static double decodeLog(HyperVector encoded) {
        PositionalEncoder enc = new PositionalEncoder(encoded.dimensions());
        return decodeLog(encoded, enc::encodeLog, DEFAULT_LO, DEFAULT_HI, DEFAULT_PROBES, DEFAULT_REFINE);
    }

    /** The value in [lo, hi] whose encoding {@code encodeLog} best matches {@code encoded}. */
    public static double decodeLog(HyperVector encoded, DoubleFunction<HyperVector> encodeLog, double lo, double hi,
            int probes, int refine) {
        if (!(lo > 0) || !(hi > lo) || Double.isInfinite(hi) || probes < 2 || refine < 2) {
            throw new InvalidArgumentException("decodeLog needs 0 < lo < hi finite, probes >= 2, refine >= 2, got lo " + lo
                    + ", hi " + hi + ", probes " + probes + ", refine " + refine);
        }
        double a = Math.log10(lo);
        double b = Math.log10(hi);
        double step = (b - a) / (probes - 1);
        double best = scan(encoded, encodeLog, a, step, probes);
        double fine = 2 * step / (refine - 1);
        best = scan(encoded, encodeLog, best - step, fine, refine);
        return Math.pow(10, best);
    }

    /** The log10 value with the highest score among {@code count} points from {@code start} by {@code step}. */
    private static double scan(HyperVector target, DoubleFunction<HyperVector> encodeLog, double start, double step,
            int count) {
        double best = start;
        int bestScore = -1;
        for (int i = 0; i < count; i++) {
            double l = start + i * step;
            int score = agreement(target, encodeLog.apply(Math.pow(10, l)));
            if (score > bestScore) {
                bestScore = score;
                best = l;
            }
        }
        return best;
    }

    private static int agreement(HyperVector a, HyperVector b) {
        a.requireSameDimensions(b);
        int n = 0;
        for (int i = 0; i < a.dimensions(); i++) {
            int x = a.get(i);
            if (x != 0 && x == b.get(i)) {
                n++;
            }
        }
        return n;
    }
}
