package io.engram.engine.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionScorerTest {
    private static final double EPS = 1e-9;

    /** The spec's reference candidate: cos 0.6, conf 0.5, 30 days old, 5 hops, 5 sources. */
    private static double reference(FusionPreset preset) {
        return new FusionScorer(preset).score(FusionScorer.similarityFromCosine(0.6), 0.5, 30.0, 5, 5, 0.0);
    }

    @Test
    void presetsGiveTheGoldenValues() {
        Map<FusionPreset, Double> golden = Map.of(
                FusionPreset.BALANCED, 0.605,
                FusionPreset.VERIFICATION, 0.545,
                FusionPreset.EXPLORATION, 0.65,
                FusionPreset.PREFER_RECENT, 0.605,
                FusionPreset.PREFER_STABLE, 0.62);
        assertThat(golden).hasSize(FusionPreset.values().length);
        golden.forEach((preset, expected) ->
                assertThat(reference(preset)).as(preset.wireName()).isCloseTo(expected, within(EPS)));
    }

    @Test
    void presetTableMatchesTheSpec() {
        assertThat(FusionPreset.DEFAULT).isEqualTo(FusionPreset.BALANCED);
        assertThat(FusionPreset.PREFER_RECENT.weights())
                .isEqualTo(new FusionWeights(0.35, 0.15, 0.50, 0, 0, 0));
        assertThat(FusionPreset.PREFER_STABLE.wireName()).isEqualTo("prefer_stable");
        for (FusionPreset p : FusionPreset.values()) {
            assertThat(p.weights().tension()).as(p.wireName()).isZero();
        }
    }

    @Test
    void similarityFromCosine() {
        assertThat(FusionScorer.similarityFromCosine(0.6)).isCloseTo(0.8, within(EPS));
        assertThat(FusionScorer.similarityFromCosine(-1)).isZero();
        assertThat(FusionScorer.similarityFromCosine(1)).isEqualTo(1.0);
        assertThatThrownBy(() -> FusionScorer.similarityFromCosine(1.5))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1.5");
    }

    @Test
    void recencyHalvesEveryHalfLife() {
        assertThat(FusionScorer.recency(0, 30)).isCloseTo(1.0, within(EPS));
        assertThat(FusionScorer.recency(30, 30)).isCloseTo(0.5, within(EPS));
        assertThat(FusionScorer.recency(60, 30)).isCloseTo(0.25, within(EPS));
        assertThat(FusionScorer.recency(-5, 30)).isEqualTo(1.0);
        assertThat(new FusionScorer(FusionWeights.of(0, 0, 1, 0, 0), 7)
                .score(0, 0, 7.0, 0, 0, 0)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void graphProximityFallsToZeroAtTenHops() {
        assertThat(FusionScorer.graphProximity(0)).isCloseTo(1.0, within(EPS));
        assertThat(FusionScorer.graphProximity(10)).isCloseTo(0.0, within(EPS));
        assertThat(FusionScorer.graphProximity(12)).isCloseTo(0.0, within(EPS));
        assertThat(FusionScorer.graphProximity(FusionScorer.UNREACHABLE)).isZero();
        assertThatThrownBy(() -> FusionScorer.graphProximity(-1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void sourceSupportSaturatesAtTen() {
        assertThat(FusionScorer.sourceSupport(12)).isCloseTo(1.0, within(EPS));
        assertThat(FusionScorer.sourceSupport(5)).isCloseTo(0.5, within(EPS));
        assertThat(FusionScorer.sourceSupport(0)).isZero();
    }

    @Test
    void weightsOffByMoreThanOneHundredthAreRejected() {
        assertThatThrownBy(() -> FusionWeights.of(0.33, 0.25, 0.20, 0.10, 0.10))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("= 1 ± 0.01")
                .hasMessageContaining("0.98");
        FusionWeights accepted = FusionWeights.of(0.345, 0.25, 0.20, 0.10, 0.10);
        assertThat(accepted.similarity()).isEqualTo(0.345);
        assertThatThrownBy(() -> FusionWeights.of(0.35, 0.25, 0.20, 0.10, -0.1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sources");
    }

    @Test
    void withTensionWeightZeroATensionChangesNoScoreButIsFlagged() {
        FusionScorer scorer = new FusionScorer(FusionPreset.BALANCED);
        double high = FusionScorer.tension(List.of(TensionSeverity.LOW, TensionSeverity.HIGH));

        FusionScore without = scorer.explain(0.8, 0.5, 30, 5, 5, 0.0);
        FusionScore with = scorer.explain(0.8, 0.5, 30, 5, 5, high);

        assertThat(high).isEqualTo(0.75);
        assertThat(with.total()).isEqualTo(without.total());
        assertThat(with.activeTensions()).isTrue();
        assertThat(without.activeTensions()).isFalse();
        assertThat(with.tension()).isEqualTo(0.75);
    }

    @Test
    void aTensionWeightSubtractsTheLargestSeverity() {
        FusionScorer scorer = new FusionScorer(FusionPreset.BALANCED.weights().withTension(0.2));
        double critical = FusionScorer.tension(List.of(TensionSeverity.MEDIUM, TensionSeverity.CRITICAL));

        assertThat(scorer.score(0.8, 0.5, 30, 5, 5, critical)).isCloseTo(0.605 - 0.2, within(EPS));
        assertThat(FusionScorer.tension(List.of())).isZero();
    }

    @Test
    void severityPenalties() {
        assertThat(TensionSeverity.values()).extracting(TensionSeverity::penalty)
                .containsExactly(0.25, 0.5, 0.75, 1.0);
    }

    @Test
    void explainBreaksDownEveryTerm() {
        FusionScore s = new FusionScorer(FusionPreset.VERIFICATION).explain(0.8, 0.5, 30, 5, 5, 0);

        assertThat(s.similarity()).isEqualTo(0.8);
        assertThat(s.confidence()).isEqualTo(0.5);
        assertThat(s.recency()).isCloseTo(0.5, within(EPS));
        assertThat(s.graph()).isCloseTo(0.5, within(EPS));
        assertThat(s.sources()).isCloseTo(0.5, within(EPS));
        assertThat(s.weights()).isEqualTo(FusionPreset.VERIFICATION.weights());
        assertThat(s.total()).isCloseTo(0.545, within(EPS));
    }

    @Test
    void termsOutsideTheUnitIntervalAndBadHalfLivesAreRejected() {
        FusionScorer scorer = new FusionScorer(FusionPreset.BALANCED);
        assertThatThrownBy(() -> scorer.score(1.2, 0.5, 0, 0, 0, 0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("similarity").hasMessageContaining("1.2");
        assertThatThrownBy(() -> scorer.scoreTerms(0.5, Double.NaN, 0, 0, 0, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> new FusionScorer(FusionPreset.BALANCED.weights(), 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("half-life");
    }
}
