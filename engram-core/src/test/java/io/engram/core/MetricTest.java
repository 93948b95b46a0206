package io.engram.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MetricTest {

    @ParameterizedTest
    @CsvSource({
        "l2, L2", "L2, L2", "Euclidean, L2", " cosine , COSINE", "ip, INNER_PRODUCT",
        "DOT, INNER_PRODUCT", "inner_product, INNER_PRODUCT", "inner-product, INNER_PRODUCT",
        "hamming, HAMMING"
    })
    void parsesNamesCaseInsensitively(String name, Metric expected) {
        assertThat(Metric.parse(name)).isEqualTo(expected);
    }

    @Test
    void unknownNameListsAcceptedValues() {
        assertThatThrownBy(() -> Metric.parse("manhattan"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("unknown metric 'manhattan'; accepted: "
                        + "l2, euclidean, cosine, ip, dot, inner_product, hamming");
        assertThatThrownBy(() -> Metric.parse(null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void directions() {
        assertThat(Metric.L2.higherIsBetter()).isFalse();
        assertThat(Metric.HAMMING.higherIsBetter()).isFalse();
        assertThat(Metric.COSINE.higherIsBetter()).isTrue();
        assertThat(Metric.INNER_PRODUCT.higherIsBetter()).isTrue();
        assertThat(Metric.L2.isBetter(1f, 2f)).isTrue();
        assertThat(Metric.COSINE.isBetter(1f, 2f)).isFalse();
        assertThat(Metric.L2.worstRaw()).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Metric.INNER_PRODUCT.worstRaw()).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Metric.L2.newTopK(3).keepsLargest()).isFalse();
        assertThat(Metric.COSINE.newTopK(3).keepsLargest()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void scoreRoundTripsAndPreservesRanking(Metric metric) {
        long seed = 0xC0FFEEL + metric.ordinal();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++) {
            float a = Float.intBitsToFloat(rnd.nextInt());
            float b = rnd.nextInt(4) == 0 ? a : (float) (rnd.nextGaussian() * 100);
            if (Float.isNaN(a)) {
                continue;
            }
            assertThat(Float.floatToRawIntBits(metric.scoreToRaw(metric.rawToScore(a))))
                    .as("seed %d, value %s", seed, a)
                    .isEqualTo(Float.floatToRawIntBits(a));
            // compare() ranks raw values exactly as "higher score is better" ranks their scores.
            int byRaw = Integer.signum(metric.compare(a, b));
            float sa = metric.rawToScore(a);
            float sb = metric.rawToScore(b);
            int byScore = sa == sb ? 0 : (sa > sb ? -1 : 1);
            assertThat(byRaw).as("seed %d, %s vs %s", seed, a, b).isEqualTo(byScore);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void nanRanksLastAndSignedZerosTie(Metric metric) {
        assertThat(metric.compare(Float.NaN, metric.worstRaw())).isPositive();
        assertThat(metric.compare(metric.worstRaw(), Float.NaN)).isNegative();
        assertThat(metric.compare(Float.NaN, Float.NaN)).isZero();
        assertThat(metric.compare(-0.0f, 0.0f)).isZero();
    }

    @Test
    void codesAreStableAndValidated() {
        for (Metric m : Metric.values()) {
            assertThat(Metric.fromCode(m.code())).isSameAs(m);
        }
        assertThat(Metric.L2.code()).isZero();
        assertThat(Metric.HAMMING.code()).isEqualTo(3);
        assertThatThrownBy(() -> Metric.fromCode(7))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("metric code 7 unknown; known codes 0..3");
    }
}
