package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;
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
}
