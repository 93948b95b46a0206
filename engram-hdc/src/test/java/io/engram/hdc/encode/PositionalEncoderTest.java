package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import org.junit.jupiter.api.Test;

/** Golden similarities of hdc-holon §6.1 (d = 4096), checked to 4 decimals, and §16.3. */
class PositionalEncoderTest {
    private static final PositionalEncoder ENC = new PositionalEncoder(4096);

    private static double logSim(double a, double b, double scale) {
        return Similarity.cosine(ENC.encodeLog(a, scale), ENC.encodeLog(b, scale));
    }

    private static double linSim(double a, double b) {
        return Similarity.cosine(ENC.encodeLinear(a, 1000), ENC.encodeLinear(b, 1000));
    }

    @Test
    void logRateTable() {
        double[] rates = {10, 100, 1000, 10000, 100000};
        double[][] expected = {
            {1, 0.9648, 0.9062, 0.8296, 0.7739},
            {0.9648, 1, 0.9414, 0.8647, 0.7915},
            {0.9062, 0.9414, 1, 0.9233, 0.8501},
            {0.8296, 0.8647, 0.9233, 1, 0.9268},
            {0.7739, 0.7915, 0.8501, 0.9268, 1},
        };
        for (int i = 0; i < rates.length; i++) {
            for (int j = 0; j < rates.length; j++) {
                assertThat(logSim(rates[i], rates[j], 1000)).as("%s vs %s", rates[i], rates[j])
                        .isCloseTo(expected[i][j], within(0.00005));
            }
        }
    }

    @Test
    void furtherGoldenValues() {
        assertThat(logSim(100, 200, 1000)).isCloseTo(0.9800, within(0.00005));
        assertThat(logSim(100, 101, 1000)).isCloseTo(1.0000, within(0.00005));
        assertThat(logSim(100, 80000, 1000)).isCloseTo(0.8003, within(0.00005));
        assertThat(logSim(100, 1000, 5000)).isCloseTo(0.9521, within(0.00005));
        assertThat(linSim(10, 20)).isCloseTo(0.5732, within(0.00005));
        assertThat(linSim(100, 110)).isCloseTo(0.5352, within(0.00005));
        assertThat(linSim(0, 10)).isCloseTo(0.4323, within(0.00005));
        assertThat(linSim(0, 50)).isCloseTo(0.2714, within(0.00005));
    }

    @Test
    void logOfOneAndNonPositive() {
        assertThat(ENC.encodeLog(1).nnz()).isEqualTo(2048);
        assertThat(ENC.encodeLog(0).nnz()).isZero();
        assertThat(ENC.encodeLog(-5).nnz()).isZero();
        assertThat(ENC.encodeLog(0.001).nnz()).isPositive();
    }

    @Test
    void continuousExpectations() {
        assertThat(linSim(100, 110)).isGreaterThan(0.5).isGreaterThan(linSim(100, 200));
        HyperVector a = ENC.encodeLinear(42);
        assertThat(ENC.encodeLinear(42)).isEqualTo(a);
        assertThat(Similarity.cosine(a, a)).isEqualTo(1.0);
        double small = Similarity.cosine(ENC.encodeLinear(0, 100), ENC.encodeLinear(10, 100));
        double large = Similarity.cosine(ENC.encodeLinear(0, 10000), ENC.encodeLinear(10, 10000));
        assertThat(large).isGreaterThan(small);
        assertThat(Math.abs(logSim(10, 100, 1000) - logSim(1000, 10000, 1000))).isLessThan(0.1);
        assertThat(logSim(10, 100, 1000)).isGreaterThan(logSim(10, 10000, 1000));
    }

    /** The encoding written as the spec states it, StrictMath at every dimension. */
    private static byte[] reference(double p, double scale, int d) {
        byte[] out = new byte[d];
        for (int i = 0; i < d; i++) {
            double angle = p * (1.0 / StrictMath.pow(scale, (double) i / d));
            double v = (i & 1) == 0 ? StrictMath.sin(angle) : StrictMath.cos(angle);
            out[i] = (byte) (v > 0 ? 1 : v < 0 ? -1 : 0);
        }
        return out;
    }

    @Test
    void signsAreStrictMathsEverywhere() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        for (int t = 0; t < 200; t++) {
            double p = switch (t % 4) {
                case 0 -> r.nextDouble(-10, 10);
                case 1 -> r.nextDouble(-1e6, 1e6);
                case 2 -> r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-300, 300));
                default -> Math.PI * r.nextInt(-1_000_000, 1_000_000) * (t % 8 == 3 ? 0.5 : 1);
            };
            int d = t % 5 == 0 ? 1000 : t % 7 == 0 ? 33 : 4096;
            double scale = t % 3 == 0 ? 1000 : t % 3 == 1 ? 10 : 0.5;
            assertThat(new PositionalEncoder(d).encode(p, scale).toArray()).as("p = %s, d = %d, scale %s", p, d, scale)
                    .containsExactly(reference(p, scale, d));
        }
        for (double p : new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Math.PI, -Math.PI, Math.PI / 2,
                1e300, -1e300}) {
            assertThat(ENC.encode(p, 1000).toArray()).as("p = %s", p).containsExactly(reference(p, 1000, 4096));
        }
    }

    /**
     * Angles at a boundary of the sign (a multiple of π, or of π plus π/2), next to it, and just
     * inside and outside the distance from which the fast path reads the sign itself.
     */
    @Test
    void signsNearTheirBoundariesAreStrictMaths() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(23);
        for (int t = 0; t < 20_000; t++) {
            long k = t < 2000 ? t - 1000 : r.nextLong(-(1L << 40), 1L << 40);
            double boundary = k * Math.PI + (t % 2 == 0 ? 0 : Math.PI / 2);
            double edge = (Math.abs(k) + 1) * 1e-13 * Math.PI;
            java.util.List<Double> angles = new java.util.ArrayList<>(java.util.List.of(boundary, Math.nextUp(boundary),
                    Math.nextDown(boundary), Math.nextUp(Math.nextUp(boundary)), boundary * (1 + 1e-15)));
            for (double c : new double[] {0.9, 1, 1.1, 2, 10}) {
                angles.add(boundary + c * edge);
                angles.add(boundary - c * edge);
            }
            for (double a : angles) {
                assertThat((double) PositionalEncoder.sign(a, false)).as("sin %s", a)
                        .isEqualTo(Math.signum(StrictMath.sin(a)) + 0.0);
                assertThat((double) PositionalEncoder.sign(a, true)).as("cos %s", a)
                        .isEqualTo(Math.signum(StrictMath.cos(a)) + 0.0);
            }
        }
    }

    @Test
    void aNonFiniteAngleIsRefused() {
        assertThatThrownBy(() -> new PositionalEncoder(2).encode(1.5e308, 0.5))
                .isInstanceOf(io.engram.core.InvalidArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> new PositionalEncoder(4096).encode(1, Double.MIN_VALUE))
                .isInstanceOf(io.engram.core.InvalidArgumentException.class).hasMessageContaining("must be finite");
    }
}
