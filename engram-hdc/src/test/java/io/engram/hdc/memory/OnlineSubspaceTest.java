package io.engram.hdc.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.DimensionMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** hdc-holon §10.1 with the checks of §16.7. */
class OnlineSubspaceTest {

    static double[] bipolar(SplittableRandom r, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = r.nextBoolean() ? 1 : -1;
        }
        return x;
    }

    /** Samples from span(basis) plus a little noise. */
    static double[] lowRank(SplittableRandom r, List<double[]> basis, double noise) {
        int d = basis.getFirst().length;
        double[] x = new double[d];
        for (double[] b : basis) {
            double c = r.nextGaussian();
            for (int i = 0; i < d; i++) {
                x[i] += c * b[i];
            }
        }
        for (int i = 0; i < d; i++) {
            x[i] += noise * r.nextGaussian();
        }
        return x;
    }

    static List<double[]> basis(SplittableRandom r, int count, int d) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(bipolar(r, d));
        }
        return out;
    }

    @Test
    void separatesInFromOutOfDistribution() {
        long seed = 101;
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> basis = basis(r, 3, 256);
        OnlineSubspace sub = new OnlineSubspace(256, 8, 2.0, 0.01, 2.5, 500);
        assertThat(sub.threshold()).isInfinite();
        for (int i = 0; i < 200; i++) {
            sub.update(lowRank(r, basis, 0.1));
            if (i == 49) {
                assertThat(sub.threshold()).isFinite();
            }
        }
        int inAbove = 0;
        for (int i = 0; i < 20; i++) {
            if (sub.residual(lowRank(r, basis, 0.1)) > sub.threshold()) {
                inAbove++;
            }
        }
        int outAbove = 0;
        for (int i = 0; i < 10; i++) {
            if (sub.residual(bipolar(r, 256)) > sub.threshold()) {
                outAbove++;
            }
        }
        assertThat(inAbove).as("seed %d", seed).isLessThanOrEqualTo(5);
        assertThat(outAbove).as("seed %d", seed).isGreaterThanOrEqualTo(7);
    }

    @Test
    void snapshotReconstructExplained() {
        SplittableRandom r = new SplittableRandom(7);
        List<double[]> basis = basis(r, 3, 128);
        OnlineSubspace sub = new OnlineSubspace(128, 4);
        double early = 0;
        for (int i = 0; i < 60; i++) {
            sub.update(lowRank(r, basis, 0.05));
            if (i < 9) {
                assertThat(sub.explainedRatio()).isZero();
            }
            if (i == 14) {
                early = sub.explainedRatio();
            }
        }
        assertThat(sub.explainedRatio()).isGreaterThan(0.0).isGreaterThanOrEqualTo(early);
        OnlineSubspace copy = OnlineSubspace.fromSnapshot(sub.snapshot());
        for (int i = 0; i < 10; i++) {
            double[] x = i % 2 == 0 ? lowRank(r, basis, 0.05) : bipolar(r, 128);
            assertThat(copy.residual(x)).isCloseTo(sub.residual(x), within(1e-10));
            double[] rec = sub.reconstruct(x);
            double[] anomalous = sub.anomalousComponent(x);
            for (int j = 0; j < x.length; j++) {
                assertThat(rec[j] + anomalous[j]).isCloseTo(x[j], within(1e-9));
            }
        }
        assertThat(copy.threshold()).isEqualTo(sub.threshold());
        assertThat(copy.numComponents()).isEqualTo(sub.numComponents());
        // Both keep learning identically after the round trip.
        double[] x = lowRank(r, basis, 0.05);
        assertThat(copy.update(x)).isCloseTo(sub.update(x), within(1e-10));
        assertThatThrownBy(() -> sub.update(new double[3])).isInstanceOf(DimensionMismatchException.class);
    }

    @Test
    void alignment() {
        SplittableRandom r = new SplittableRandom(9);
        int d = 128;
        List<double[]> basis = basis(r, 3, d);
        // An orthogonal family: disjoint supports.
        List<double[]> other = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = (i % 4 == b) ? 1 : 0;
            }
            other.add(v);
        }
        List<double[]> firstHalf = new ArrayList<>();
        for (double[] v : basis) {
            double[] w = v.clone();
            for (int i = 0; i < d; i++) {
                w[i] = i % 4 == 3 ? v[i] : 0;
            }
            firstHalf.add(w);
        }
        OnlineSubspace a = new OnlineSubspace(d, 3).reflexive(false);
        OnlineSubspace b = new OnlineSubspace(d, 3).reflexive(false);
        OnlineSubspace c = new OnlineSubspace(d, 3).reflexive(false);
        for (int i = 0; i < 300; i++) {
            a.update(lowRank(r, firstHalf, 0.0));
            b.update(lowRank(r, firstHalf, 0.0));
            c.update(lowRank(r, other, 0.0));
        }
        assertThat(a.subspaceAlignment(b, 0)).isGreaterThan(0.9);
        assertThat(a.subspaceAlignment(c, 0)).isLessThan(0.1);
        assertThat(a.subspaceAlignment(new OnlineSubspace(d, 3), 0)).isZero();
    }

    @Test
    void reflexiveK() {
        SplittableRandom r = new SplittableRandom(21);
        int d = 128;
        List<double[]> sixteen = basis(r, 16, d);
        OnlineSubspace grows = new OnlineSubspace(d, 4).withReflexiveParams(true, 4, 12, 0.02, 0.001);
        OnlineSubspace fixed = new OnlineSubspace(d, 4).reflexive(false);
        for (int i = 0; i < 400; i++) {
            double[] x = lowRank(r, sixteen, 0.01);
            grows.update(x);
            fixed.update(x);
            assertThat(grows.numComponents()).isBetween(4, 12);
        }
        assertThat(grows.numComponents()).isGreaterThan(4);
        assertThat(fixed.numComponents()).isEqualTo(4);

        // After the data drops to rank 2, the extra components decay and K falls back toward min.
        List<double[]> two = basis(r, 2, d);
        int grown = grows.numComponents();
        for (int i = 0; i < 3000; i++) {
            grows.update(lowRank(r, two, 0.0));
            assertThat(grows.numComponents()).isBetween(4, 12);
        }
        assertThat(grows.numComponents()).isLessThan(grown);
        assertThatThrownBy(() -> new OnlineSubspace(d, 4).withReflexiveParams(true, 5, 4, 0.1, 0.01))
                .hasMessageContaining("min 5, max 4");
        assertThatThrownBy(() -> new OnlineSubspace(d, 4).withReflexiveParams(true, 4, d + 1, 0.1, 0.01))
                .hasMessageContaining("max <= dim (" + d + ")");
    }

    @Test
    void jacobi() {
        double[] eig = JacobiEigen.eigenvalues(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        java.util.Arrays.sort(eig);
        assertThat(eig[0]).isCloseTo(1, within(1e-12));
        assertThat(eig[1]).isCloseTo(3, within(1e-12));
        assertThat(eig[2]).isCloseTo(5, within(1e-12));
    }
}
