package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** hdc-holon §5.1 and the primitive checks of §16.2 that concern the core algebra. */
class AlgebraTest {

    static HyperVector v(int... x) {
        return HyperVector.of(x);
    }

    static HyperVector randomBipolar(SplittableRandom r, int d) {
        int[] x = new int[d];
        for (int i = 0; i < d; i++) {
            x[i] = r.nextBoolean() ? 1 : -1;
        }
        return HyperVector.of(x);
    }

    @Test
    void bindIsSelfInverseOnBipolarVectors() {
        long seed = 11;
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < 20; t++) {
            HyperVector a = randomBipolar(r, 257);
            HyperVector b = randomBipolar(r, 257);
            assertThat(Algebra.unbind(Algebra.bind(a, b), a)).as("seed %d trial %d", seed, t).isEqualTo(b);
        }
    }

    @Test
    void bundleToy() {
        assertThat(Algebra.bundle(v(1, 1, 1, -1), v(1, 1, -1, -1), v(1, -1, -1, -1))).isEqualTo(v(1, 1, -1, -1));
        assertThat(Algebra.bundle(v(1, -1), v(-1, -1))).isEqualTo(v(0, -1));
        HyperVector a = v(1, 0, -1, 1);
        assertThat(Algebra.bundle(List.of(a, a, a, a))).isEqualTo(a);
    }

    @Test
    void bundleRejectsEmptyAndMismatch() {
        assertThatThrownBy(() -> Algebra.bundle(List.of())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Algebra.bundle(v(1, 1), v(1, 1, 1))).isInstanceOf(DimensionMismatchException.class)
                .hasMessageContaining("expected 2, got 3");
        assertThatThrownBy(() -> Algebra.bind(v(1), v(1, 1))).isInstanceOf(DimensionMismatchException.class);
    }

    @Test
    void bundleBuilderWidensPastTheByteLimit() {
        // 300 additions of a skewed stream: sums run far past ±127, so the builder must move from
        // byte to int sums mid-way and still equal plain integer sums.
        long seed = 4;
        SplittableRandom r = new SplittableRandom(seed);
        int d = 97;
        HyperVector common = randomBipolar(r, d);
        BundleBuilder b = new BundleBuilder(d);
        int[] expected = new int[d];
        for (int t = 0; t < 300; t++) {
            HyperVector x = t % 7 == 0 ? randomBipolar(r, d) : common;
            HyperVector key = randomBipolar(r, d);
            switch (t % 5) {
                case 0, 1, 2 -> {
                    b.add(x);
                    for (int i = 0; i < d; i++) {
                        expected[i] += x.get(i);
                    }
                }
                case 3 -> {
                    b.addBound(x, key);
                    for (int i = 0; i < d; i++) {
                        expected[i] += x.get(i) * key.get(i);
                    }
                }
                default -> {
                    b.addPermuted(x, t);
                    for (int i = 0; i < d; i++) {
                        expected[i] += x.get((i + t) % d);
                    }
                }
            }
            if (t == 100 || t == 299) {
                for (int i = 0; i < d; i++) {
                    assertThat(b.sum(i)).as("seed %d, after %d adds, column %d", seed, t + 1, i).isEqualTo(expected[i]);
                }
                assertThat(b.build()).isEqualTo(HyperVector.signOf(expected));
            }
        }
        assertThat(b.count()).isEqualTo(300);
        assertThat(java.util.Arrays.stream(expected).map(Math::abs).max().orElseThrow()).isGreaterThan(127);
        b.clear();
        assertThat(b.count()).isZero();
        assertThat(b.add(common).build()).isEqualTo(common);
    }

    @Test
    void weightedBundle() {
        assertThat(Algebra.weightedBundle(List.of(v(1, 1, -1), v(-1, 1, 1)), new double[] {2, 1})).isEqualTo(v(1, 1, -1));
        assertThatThrownBy(() -> Algebra.weightedBundle(List.of(v(1)), new double[] {1, 2}))
                .hasMessageContaining("expected 1, got 2");
    }

    @Test
    void differenceResonanceNegate() {
        assertThat(Algebra.difference(v(1, -1, 0, 1), v(1, 1, 0, -1))).isEqualTo(v(0, 1, 0, -1));
        assertThat(Algebra.resonance(v(1, -1, 1, -1), v(1, 1, 1, -1))).isEqualTo(v(1, 0, 1, -1));
        assertThat(Algebra.negate(v(1, 1, -1, 0), v(1, -1, 0, 1))).isEqualTo(v(0, 1, -1, -1));
        assertThat(Algebra.negate(v(1, 1, -1, 0), v(1, -1, 0, 1), Algebra.NegateMethod.ZERO)).isEqualTo(v(0, 0, -1, 0));
        assertThat(Algebra.negate(v(1, 1, -1, 0), v(1, -1, 0, 1), Algebra.NegateMethod.INVERT)).isEqualTo(v(0, 1, -1, -1));
    }

    @Test
    void permuteFollowsRustHead() {
        // Elements must be ternary, so check the index mapping with a vector whose pattern is unique.
        HyperVector x = v(1, 0, -1, 0, 0);
        assertThat(Algebra.permute(x, 2)).isEqualTo(v(-1, 0, 0, 1, 0)); // out[i] = x[(i + 2) mod 5]
        assertThat(Algebra.permute(x, -2)).isEqualTo(v(0, 0, 1, 0, -1));
        assertThat(Algebra.permute(x, 7)).isEqualTo(Algebra.permute(x, 2));
        SplittableRandom r = new SplittableRandom(5);
        HyperVector y = randomBipolar(r, 100);
        for (int k : new int[] {1, 10, 99, 100, 1000}) {
            assertThat(Algebra.permute(Algebra.permute(y, k), -k)).isEqualTo(y);
        }
        BundleBuilder b = new BundleBuilder(5);
        assertThat(b.addPermuted(x, 2).build()).isEqualTo(Algebra.permute(x, 2));
    }

    @Test
    void prototypeUsesCeilRule() {
        // n = 2, threshold 0.5: m = 1, so a column sum of 1 already counts (Python's strict rule would give 0).
        assertThat(Algebra.prototype(List.of(v(1, 1, -1, 0), v(0, 1, -1, -1)))).isEqualTo(v(1, 1, -1, -1));
        assertThat(Algebra.prototype(List.of(v(1, 1, 1), v(1, -1, 1), v(1, -1, 0)), 1.0)).isEqualTo(v(1, 0, 0));
    }

    @Test
    void prototypeAddBlendAmplify() {
        assertThat(Algebra.prototypeAdd(v(1, -1, 0), v(-1, -1, 1), 2)).isEqualTo(v(1, -1, 1));
        assertThat(Algebra.blend(v(1, -1, 1), v(1, 1, -1), 0.5)).isEqualTo(v(1, 0, 0));
        assertThat(Algebra.blend(v(1, -1, 1), v(1, 1, -1), 0.0)).isEqualTo(v(1, -1, 1));
        assertThat(Algebra.blendWeighted(v(1, -1, 1), v(1, 1, -1), 1, 2)).isEqualTo(v(1, 1, -1));
        assertThat(Algebra.amplify(v(1, 0, -1), v(-1, 1, 1), 2)).isEqualTo(v(-1, 1, 1));
    }

    @Test
    void cleanupPicksBestAndIsEmptyForEmptyCodebook() {
        VectorManager vm = new VectorManager(4096);
        HyperVector a = vm.get("A");
        HyperVector noise = vm.get("noise");
        List<HyperVector> book = List.of(vm.get("B"), a, vm.get("C"));
        Algebra.Match m = Algebra.cleanup(Algebra.bundle(a, a, a, noise), book).orElseThrow();
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.similarity()).isGreaterThan(0.5);
        assertThat(Algebra.cleanup(a, List.of())).isEmpty();
    }

    @Test
    void hyperVectorRejectsNonTernary() {
        assertThatThrownBy(() -> HyperVector.of(0, 2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("element 1 must be -1, 0 or 1, got 2");
        assertThatThrownBy(() -> HyperVector.zeros(0)).hasMessageContaining("got 0");
    }
}
