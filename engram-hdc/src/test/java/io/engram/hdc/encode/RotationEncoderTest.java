package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Rust rotation and thermometer encoders, hdc-holon §6.2 and §16.3. */
class RotationEncoderTest {
    private static final RotationEncoder ENC = new RotationEncoder(4096);

    @Test
    void exactlyFourDistinctOutputsOverATurn() {
        Set<HyperVector> seen = new HashSet<>();
        // 7.3° steps never land on a quadrant boundary (45° + k·90°).
        for (double deg = 1; deg < 360; deg += 7.3) {
            seen.add(ENC.encode(deg, new ScalarMode.Linear(360)));
        }
        assertThat(seen).hasSize(4);
        HyperVector zero = ENC.encode(0, new ScalarMode.Linear(360));
        HyperVector half = ENC.encode(180, new ScalarMode.Linear(360));
        assertThat(Similarity.cosine(zero, half)).isCloseTo(-1.0, within(1e-12));
        assertThat(Math.abs(Similarity.cosine(zero, ENC.encode(90, new ScalarMode.Linear(360))))).isLessThan(0.1);
    }

    @Test
    void logRatesCollapse() {
        assertThat(ENC.encodeLog(100)).isEqualTo(ENC.encodeLog(1000));
        assertThat(ENC.encodeLog(10000)).isEqualTo(ENC.encodeLog(80000)).isEqualTo(ENC.encodeLog(100000));
        assertThat(Math.abs(Similarity.cosine(ENC.encodeLog(100), ENC.encodeLog(100000)))).isLessThan(0.1);
        assertThat(ENC.encodeLog(100)).isEqualTo(ENC.encodeLogBase(100, 10));
        assertThat(ENC.encodeLog(0).nnz()).isZero();
    }

    @Test
    void linearGradientCircularWrapDeterminism() {
        ScalarMode.Linear lin = new ScalarMode.Linear(100);
        assertThat(Similarity.cosine(ENC.encode(0, lin), ENC.encode(5, lin)))
                .isGreaterThan(Similarity.cosine(ENC.encode(0, lin), ENC.encode(50, lin)));
        ScalarMode.Circular day = new ScalarMode.Circular(24);
        assertThat(ENC.encode(1, day)).isEqualTo(ENC.encode(25, day));
        assertThat(Similarity.cosine(ENC.encode(0, day), ENC.encode(24, day))).isGreaterThan(0.99);
        double near = Similarity.cosine(ENC.encode(0, day), ENC.encode(1, day));
        double wrapped = Similarity.cosine(ENC.encode(0, day), ENC.encode(23, day));
        double opposite = Similarity.cosine(ENC.encode(0, day), ENC.encode(12, day));
        assertThat(near).isGreaterThan(0.7);
        assertThat(wrapped).isGreaterThan(0.7);
        assertThat(opposite).isLessThan(near).isLessThan(wrapped);
        assertThat(new RotationEncoder(4096).encode(3.3, lin)).isEqualTo(ENC.encode(3.3, lin));
        assertThat(new RotationEncoder(4096, 7).encode(3.3, lin)).isNotEqualTo(ENC.encode(3.3, lin));
    }

    @Test
    void thermometerCosineIsLinearInDistance() {
        ScalarMode.Thermometer t = new ScalarMode.Thermometer(0, 100);
        for (double[] pair : new double[][] {{10, 20}, {0, 100}, {30, 80}, {50, 50}}) {
            double expected = 1 - 2 * Math.abs(pair[0] - pair[1]) / 100;
            assertThat(Similarity.cosine(ENC.encode(pair[0], t), ENC.encode(pair[1], t)))
                    .as("%s vs %s", pair[0], pair[1]).isCloseTo(expected, within(1e-3));
        }
        assertThat(ENC.encode(-5, t)).isEqualTo(ENC.encode(0, t));
        assertThatThrownBy(() -> new ScalarMode.Thermometer(2, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("min 2.0, max 1.0");
        assertThatThrownBy(() -> new ScalarMode.Circular(0)).hasMessageContaining("got 0.0");
    }
}
