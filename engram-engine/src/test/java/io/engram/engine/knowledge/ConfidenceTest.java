package io.engram.engine.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ConfidenceTest {
    @Test
    void allDefaultedGivesTheSpecsGoldenValue() {
        assertThat(Confidence.defaults().overall()).isCloseTo(0.5068, within(1e-4));
    }

    @Test
    void givenDimensionsGiveTheGoldenValueBelowTheirWeightedArithmeticMean() {
        Confidence c = Confidence.of(0.9, 0.8, 0.9, 0.7, 0.6, 0.9);
        double arithmetic = 0.25 * 0.9 + 0.20 * 0.8 + 0.15 * 0.9 + 0.15 * 0.7 + 0.15 * 0.6 + 0.10 * 0.9;

        assertThat(arithmetic).isCloseTo(0.805, within(1e-12));
        assertThat(c.overall()).isCloseTo(0.7966, within(1e-4)).isLessThan(arithmetic);
    }

    @Test
    void anyZeroDimensionGivesZero() {
        for (ConfidenceDimension d : ConfidenceDimension.values()) {
            assertThat(Confidence.of(0.9, 0.8, 0.9, 0.7, 0.6, 0.9).with(d, 0.0).overall())
                    .as(d.wireName()).isZero();
        }
    }

    @Test
    void aZeroDimensionGivesZeroEvenAtWeightZero() {
        ConfidenceWeights noCorroboration = ConfidenceWeights.of(0.30, 0.25, 0.15, 0.15, 0.0, 0.15);
        Confidence c = Confidence.defaults().with(ConfidenceDimension.CORROBORATION, 0.0);

        assertThat(c.overall(noCorroboration)).isZero();
    }

    @Test
    void dimensionsAreClampedToTheUnitInterval() {
        Confidence c = Confidence.defaults()
                .with(ConfidenceDimension.SOURCE_RELIABILITY, 1.7)
                .with(ConfidenceDimension.METHOD_QUALITY, -0.3);

        assertThat(c.value(ConfidenceDimension.SOURCE_RELIABILITY)).isEqualTo(1.0);
        assertThat(c.value(ConfidenceDimension.METHOD_QUALITY)).isEqualTo(0.0);
        assertThat(c.overall()).isZero();
    }

    @Test
    void equalDimensionsGiveThatValue() {
        assertThat(Confidence.of(0.6, 0.6, 0.6, 0.6, 0.6, 0.6).overall()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void onlyOverallGivenIsReturnedUnchanged() {
        assertThat(Confidence.ofOverall(0.7).overall()).isEqualTo(0.7);
        assertThat(Confidence.ofOverall(0.3137).overall(ConfidenceWeights.of(1, 0, 0, 0, 0, 0)))
                .isEqualTo(0.3137);
        assertThat(Confidence.ofOverall(0.7).explain().overallOnly()).isTrue();
        assertThat(Confidence.ofOverall(Confidence.DEFAULT_OVERALL).overall()).isEqualTo(0.7);
    }

    @Test
    void overallOutsideTheUnitIntervalIsRejected() {
        assertThatThrownBy(() -> Confidence.ofOverall(1.2))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("[0, 1]").hasMessageContaining("1.2");
    }

    @Test
    void nanDimensionIsRejected() {
        assertThatThrownBy(() -> Confidence.defaults().with(ConfidenceDimension.CORROBORATION, Double.NaN))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("corroboration");
    }

    @Test
    void weightsNotSummingToOneAreRejectedNamingTheSum() {
        assertThatThrownBy(() -> ConfidenceWeights.of(0.25, 0.20, 0.15, 0.15, 0.15, 0.20))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expected a sum of 1")
                .hasMessageContaining("1.1");
        assertThatThrownBy(() -> ConfidenceWeights.of(0.5, 0.5))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expected 6, got 2");
        assertThatThrownBy(() -> ConfidenceWeights.of(1.25, -0.25, 0, 0, 0, 0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("method_quality");
    }

    @Test
    void customWeightsChangeTheResult() {
        ConfidenceWeights onlySource = ConfidenceWeights.of(1, 0, 0, 0, 0, 0);

        assertThat(Confidence.of(0.9, 0.1, 0.1, 0.1, 0.1, 0.1).overall(onlySource)).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void missingSourceReliabilityIsTheMeanOfTheSources() {
        Confidence c = Confidence.defaults().withSourceReliabilityFrom(new double[] {0.8, 0.6, 0.4});

        assertThat(c.value(ConfidenceDimension.SOURCE_RELIABILITY)).isCloseTo(0.6, within(1e-12));
        assertThat(c.isGiven(ConfidenceDimension.SOURCE_RELIABILITY)).isTrue();
        assertThat(Confidence.defaults().withSourceReliabilityFrom(new double[0]))
                .isEqualTo(Confidence.defaults());
    }

    @Test
    void explainListsSixDimensionsWithWeightsAndDefaultedFlags() {
        Confidence c = Confidence.defaults()
                .with(ConfidenceDimension.METHOD_QUALITY, 0.9)
                .with(ConfidenceDimension.CORROBORATION, 0.4);

        ConfidenceExplanation e = c.explain();

        assertThat(e.overallOnly()).isFalse();
        assertThat(e.overall()).isEqualTo(c.overall());
        assertThat(e.terms()).extracting(ConfidenceExplanation.Term::dimension)
                .containsExactly(ConfidenceDimension.values());
        assertThat(e.terms()).extracting(ConfidenceExplanation.Term::weight)
                .containsExactly(0.25, 0.20, 0.15, 0.15, 0.15, 0.10);
        assertThat(e.terms()).extracting(ConfidenceExplanation.Term::defaulted)
                .containsExactly(true, false, true, true, false, true);
        assertThat(e.terms()).extracting(ConfidenceExplanation.Term::value)
                .containsExactly(0.5, 0.9, 1.0, 1.0, 0.4, 0.8);
    }
}
