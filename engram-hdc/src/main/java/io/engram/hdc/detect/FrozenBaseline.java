package io.engram.hdc.detect;

import java.util.Arrays;

/**
 * Mean and standard deviation of a similarity learnt during warmup, then frozen: later values are
 * judged by their z-score against it. The std floor (0.02, or 0.05 from a single sample) keeps a
 * perfectly stable warmup signal from turning every tiny wobble into a huge z.
 *
 * <p>Samples are kept until the freeze so that mean and variance are computed in two passes, as
 * the reference does (warmups are a few hundred samples).
 */
public final class FrozenBaseline {
    static final double STD_FLOOR = 0.02;
    static final double SINGLE_SAMPLE_STD = 0.05;

    private double[] samples = new double[64];
    private int n;
    private boolean frozen;
    private double mean = 0.0;
    private double std = 1.0;

    /** Records a sample unless frozen. */
    public void observe(double value) {
        if (frozen) {
            return;
        }
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = value;
    }

    /** Fixes mean and population std (floored); with no samples, mean 0 and std 1 stay. */
    public void freeze() {
        frozen = true;
        if (n > 0) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += samples[i];
            }
            mean = sum / n;
            if (n > 1) {
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    double d = samples[i] - mean;
                    squares += d * d;
                }
                std = Math.max(Math.sqrt(squares / n), STD_FLOOR);
            } else {
                std = SINGLE_SAMPLE_STD;
            }
        }
        samples = null; // no longer needed
    }

    public boolean frozen() {
        return frozen;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    /** Samples seen before the freeze. */
    public int samples() {
        return n;
    }

    public double zScore(double value) {
        return (value - mean) / std;
    }
}
