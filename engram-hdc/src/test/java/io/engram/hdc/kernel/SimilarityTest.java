package io.engram.hdc.kernel;

import static io.engram.hdc.kernel.AlgebraTest.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.DimensionMismatchException;
import org.junit.jupiter.api.Test;

/** hdc-holon §7 with the checks of §16.4. */
class SimilarityTest {

    @Test
    void hammingAndOverlap() {
        assertThat(Similarity.hamming(v(1, -1, 1, -1), v(1, -1, 1, 1))).isEqualTo(0.75);
        assertThat(Similarity.overlap(v(1, 0, -1, 0), v(1, 0, 1, 0))).isEqualTo(0.5);
        assertThat(Similarity.overlap(v(0, 0), v(0, 0))).isZero();
    }

    @Test
    void agreementToys() {
        HyperVector a = v(1, 1, 1, 1);
        assertThat(Similarity.agreement(a, a)).isEqualTo(1.0);
        assertThat(Similarity.agreement(a, v(-1, -1, -1, -1))).isEqualTo(-1.0);
        assertThat(Similarity.agreement(a, v(1, 1, 0, 0))).isEqualTo(0.5);
        assertThat(Similarity.agreement(a, v(1, 1, -1, 0))).isEqualTo(0.25);
    }

    @Test
    void chebyshev() {
        assertThat(Similarity.chebyshev(v(1, -1), v(1, -1))).isEqualTo(1.0);
        assertThat(Similarity.chebyshev(v(1, -1), v(-1, -1))).isEqualTo(0.0);
        assertThat(Similarity.chebyshevDistance(v(1, -1), v(-1, -1))).isEqualTo(2);
    }

    @Test
    void minkowskiMatchesManhattanAndEuclidean() {
        VectorManager vm = new VectorManager(512);
        HyperVector a = vm.get("a");
        HyperVector b = vm.get("b");
        assertThat(Similarity.minkowskiDistance(a, b, 1)).isCloseTo(Similarity.manhattanDistance(a, b), within(1e-9));
        assertThat(Similarity.minkowskiDistance(a, b, 2)).isCloseTo(Similarity.euclideanDistance(a, b), within(1e-9));
        assertThat(Similarity.minkowski(a, b, 2)).isCloseTo(Similarity.euclidean(a, b), within(1e-12));
        assertThat(Similarity.euclidean(v(1, 0), v(0, 0))).isEqualTo(0.5);
        assertThat(Similarity.manhattan(v(1, 0), v(-1, 0))).isCloseTo(1.0 / 3, within(1e-15));
        assertThatThrownBy(() -> Similarity.minkowskiDistance(a, b, 0.5)).hasMessageContaining("got 0.5");
    }

    @Test
    void weighted() {
        HyperVector a = v(1, -1, 1);
        HyperVector b = v(1, -1, -1);
        assertThat(Similarity.weightedCosine(a, a, new double[] {1, 1, 1})).isCloseTo(1.0, within(1e-12));
        assertThat(Similarity.weightedCosine(a, b, new double[] {1, 1, 0})).isCloseTo(1.0, within(1e-12));
        assertThat(Similarity.weightedEuclideanDistance(a, b, new double[] {1, 1, 0.25})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void significance() {
        assertThat(Similarity.significance(0.05, 4096)).isCloseTo(3.2, within(1e-12));
        assertThat(Similarity.significance(0.5, 0)).isZero();
    }

    @Test
    void selfSimilarityAndDegenerate() {
        HyperVector a = new VectorManager(1000).get("x");
        assertThat(Similarity.cosine(a, a)).isCloseTo(1.0, within(1e-12));
        assertThat(Similarity.hamming(a, a)).isEqualTo(1.0);
        assertThat(Similarity.euclidean(a, a)).isEqualTo(1.0);
        assertThat(Similarity.cosine(a, HyperVector.zeros(1000))).isZero();
        assertThat(Similarity.cosine(a, a.toDoubles())).isCloseTo(1.0, within(1e-12));
        assertThat(Similarity.cosine(a, new double[1000])).isZero();
        for (Similarity.Metric m : Similarity.Metric.values()) {
            assertThat(Similarity.of(m, a, a)).as(m.name()).isGreaterThan(0);
        }
    }

    @Test
    void dimensionMismatchThrows() {
        assertThatThrownBy(() -> Similarity.cosine(v(1, 1), v(1, 1, 1)))
                .isInstanceOf(DimensionMismatchException.class).hasMessageContaining("expected 2, got 3");
        assertThatThrownBy(() -> Similarity.cosine(v(1, 1), new double[3])).isInstanceOf(DimensionMismatchException.class);
    }
}
