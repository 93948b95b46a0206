package io.engram.hdc.kernel;

import static io.engram.hdc.kernel.AlgebraTest.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.DimensionMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** hdc-holon §9 with the checks of §16.6. */
class AccumulatorTest {

    @Test
    void frequencyIsKept() {
        Accumulator acc = new Accumulator(4);
        HyperVector common = v(1, 1, 1, 1);
        for (int i = 0; i < 10; i++) {
            acc.add(common);
        }
        acc.add(v(-1, -1, -1, -1));
        assertThat(acc.sums()).containsExactly(9, 9, 9, 9);
        assertThat(acc.count()).isEqualTo(11);
        acc.decay(0.5);
        assertThat(acc.sums()).containsExactly(4.5, 4.5, 4.5, 4.5);
        assertThat(acc.count()).isEqualTo(11);
    }

    @Test
    void thresholdNormalizeMergeClear() {
        Accumulator acc = new Accumulator(4);
        acc.addWeighted(v(1, 0, 1, -1), 2);
        assertThat(acc.threshold()).isEqualTo(v(1, 0, 1, -1));
        assertThat(acc.count()).isEqualTo(1);
        double[] n = acc.normalize();
        assertThat(n[0]).isCloseTo(1 / Math.sqrt(3), within(1e-12));
        Accumulator other = new Accumulator(4);
        other.add(v(1, 1, 1, 1));
        other.add(v(1, 1, 1, 1));
        acc.merge(other);
        assertThat(acc.count()).isEqualTo(3);
        assertThat(acc.sums()).containsExactly(4, 2, 4, 0);
        HyperVector probe = v(1, -1, 1, 1);
        assertThat(acc.cosine(probe)).as("cosine with the sums is cosine with their normalization")
                .isCloseTo(Similarity.cosine(probe, acc.normalize()), within(1e-15))
                .isCloseTo(6 / Math.sqrt(4 * 36), within(1e-15));
        acc.clear();
        assertThat(acc.cosine(probe)).isZero();
        assertThat(acc.normalize()).containsOnly(0.0);
        assertThat(acc.purity()).isZero();
        assertThat(acc.participationRatio()).isZero();
        assertThatThrownBy(() -> acc.merge(new Accumulator(5))).isInstanceOf(DimensionMismatchException.class);
        assertThatThrownBy(() -> acc.decay(-1)).hasMessageContaining("got -1.0");
    }

    @Test
    void purityAndParticipation() {
        VectorManager vm = new VectorManager(1024);
        Accumulator one = new Accumulator(1024);
        one.add(vm.get("a"));
        assertThat(one.purity()).isGreaterThan(0.95);
        Accumulator many = new Accumulator(1024);
        for (int i = 0; i < 50; i++) {
            many.add(vm.get("x" + i));
        }
        assertThat(many.purity()).isLessThan(0.5);

        Accumulator bipolar = new Accumulator(1024);
        bipolar.add(AlgebraTest.randomBipolar(new SplittableRandom(3), 1024));
        assertThat(bipolar.participationRatio()).isGreaterThan(900);
        Accumulator concentrated = new Accumulator(1024);
        int[] x = new int[1024];
        x[0] = 1;
        x[5] = -1;
        x[9] = 1;
        concentrated.add(HyperVector.of(x));
        assertThat(concentrated.participationRatio()).isLessThan(20);
        assertThat(one.capacity(1)).isEqualTo(1.0);
        assertThat(one.capacity(10)).isBetween(0.0, 1.0);
        assertThat(many.capacity(10)).isLessThan(one.capacity(10));
    }

    @Test
    void millionAddsAndOrderIndependence() {
        Accumulator acc = new Accumulator(8);
        HyperVector a = v(1, -1, 1, 0, 1, 1, -1, 0);
        for (int i = 0; i < 1_000_000; i++) {
            acc.add(a);
        }
        assertThat(acc.sums()[0]).isEqualTo(1_000_000.0);
        assertThat(acc.sums()[1]).isEqualTo(-1_000_000.0);

        VectorManager vm = new VectorManager(256);
        List<HyperVector> vs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            vs.add(vm.get("o" + i));
        }
        Accumulator forward = new Accumulator(256);
        vs.forEach(forward::add);
        Accumulator backward = new Accumulator(256);
        for (int i = vs.size() - 1; i >= 0; i--) {
            backward.add(vs.get(i));
        }
        assertThat(backward.sums()).containsExactly(forward.sums());
    }

    @Test
    void mixesAndFrequencySeparation() {
        VectorManager vm = new VectorManager(4096);
        HyperVector a = vm.get("A");
        HyperVector b = vm.get("B");
        Accumulator ninety = new Accumulator(4096);
        Accumulator half = new Accumulator(4096);
        for (int i = 0; i < 100; i++) {
            ninety.add(i < 90 ? a : b);
            half.add(i < 50 ? a : b);
        }
        assertThat(Similarity.cosine(a, ninety.normalize())).isGreaterThan(Similarity.cosine(a, half.normalize()));

        // 20 × frequent, then 5 distinct rare ones: the accumulator keeps the frequent one ahead of
        // the rare ones by a wider margin than a running prototype does.
        HyperVector frequent = vm.get("frequent");
        Accumulator acc = new Accumulator(4096);
        HyperVector proto = frequent;
        int count = 0;
        List<HyperVector> stream = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stream.add(frequent);
        }
        for (int i = 0; i < 5; i++) {
            stream.add(vm.get("rare" + i));
        }
        for (HyperVector x : stream) {
            acc.add(x);
            if (count > 0) {
                proto = Algebra.prototypeAdd(proto, x, count);
            }
            count++;
        }
        HyperVector rare = vm.get("rare4");
        double accGap = Similarity.cosine(frequent, acc.normalize()) - Similarity.cosine(rare, acc.normalize());
        double protoGap = Similarity.cosine(frequent, proto) - Similarity.cosine(rare, proto);
        assertThat(accGap).isGreaterThan(0.5);
        assertThat(accGap).isGreaterThanOrEqualTo(protoGap);
    }

    @Test
    void extremeWeightsNeitherOverflowNorVanish() {
        VectorManager vm = new VectorManager(4096);
        HyperVector a = vm.get("a");
        HyperVector b = vm.get("b");
        Accumulator unit = new Accumulator(4096);
        unit.add(a);
        unit.add(b);
        for (double scale : new double[] {1e-160, 1e78, 1e200}) {
            Accumulator big = new Accumulator(4096);
            big.addWeighted(a, scale);
            big.addWeighted(b, scale);
            assertThat(big.participationRatio()).as("scale %s", scale)
                    .isCloseTo(unit.participationRatio(), within(1e-9 * unit.participationRatio()));
            double[] n = big.normalize();
            if (scale < 1) {
                assertThat(n).as("a norm below 1e-10 normalizes to zeros (the spec's degenerate rule)").containsOnly(0.0);
                continue;
            }
            assertThat(big.cosine(a)).as("scale %s", scale).isCloseTo(unit.cosine(a), within(1e-12));
            double[] expected = unit.normalize();
            for (int i = 0; i < n.length; i++) {
                assertThat(n[i]).as("scale %s, dimension %d", scale, i).isCloseTo(expected[i], within(1e-12));
            }
        }
    }
}
