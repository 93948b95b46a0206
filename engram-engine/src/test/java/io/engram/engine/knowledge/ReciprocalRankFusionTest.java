package io.engram.engine.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
    private static final double EPS = 1e-12;

    @Test
    void firstInBothListsScoresTwoOverSixtyOneAndFirstInOneOnlyOneOverSixtyOne() {
        double[] out = new double[3];
        ReciprocalRankFusion.fuseRanks(new int[] {1, 1, ReciprocalRankFusion.ABSENT},
                new int[] {1, ReciprocalRankFusion.ABSENT, ReciprocalRankFusion.ABSENT}, out);

        assertThat(out[0]).isCloseTo(2.0 / 61, within(EPS));
        assertThat(out[1]).isCloseTo(1.0 / 61, within(EPS));
        assertThat(out[2]).isZero();
    }

    @Test
    void ordersGiveTheSameScoresAsRanks() {
        // candidate 2 is first by vector and third by text; candidate 0 only in text, first.
        double[] fromOrders = new double[4];
        ReciprocalRankFusion.fuseOrders(new int[] {2, 1}, new int[] {0, 1, 2}, fromOrders);
        double[] fromRanks = new double[4];
        ReciprocalRankFusion.fuseRanks(new int[] {0, 2, 1, 0}, new int[] {1, 2, 3, 0}, fromRanks);

        assertThat(fromOrders).containsExactly(fromRanks, within(EPS));
        assertThat(fromOrders[2]).isCloseTo(1.0 / 61 + 1.0 / 63, within(EPS));
        assertThat(fromOrders[3]).isZero();
    }

    @Test
    void normalisedBestIsOneAndWorstIsZero() {
        double[] scores = new double[4];
        ReciprocalRankFusion.fuseOrders(new int[] {0, 1, 2}, new int[] {3, 0}, scores);

        ReciprocalRankFusion.normalizeMinMax(scores);

        assertThat(scores[0]).isEqualTo(1.0);
        assertThat(scores[2]).isEqualTo(0.0);
        for (double s : scores) {
            assertThat(s).isBetween(0.0, 1.0);
        }
        assertThat(scores[1]).isGreaterThan(scores[2]).isLessThan(scores[3]);
    }

    @Test
    void normalisingEqualScoresGivesOne() {
        double[] scores = {0.5, 0.5};
        ReciprocalRankFusion.normalizeMinMax(scores);
        assertThat(scores).containsExactly(1.0, 1.0);
        ReciprocalRankFusion.normalizeMinMax(new double[0]);
    }

    @Test
    void fuseIdsUnitesBothListsInIdOrder() {
        FusedRanking fused = ReciprocalRankFusion.fuseIds(new long[] {42, 7}, new long[] {42, 99, 3});

        assertThat(fused.ids()).containsExactly(3, 7, 42, 99);
        assertThat(fused.scores()).containsExactly(new double[] {1.0 / 63, 1.0 / 62, 2.0 / 61, 1.0 / 62}, within(EPS));
        assertThat(fused.size()).isEqualTo(4);
    }

    @Test
    void invalidInputIsRejectedNamingTheValues() {
        assertThatThrownBy(() -> ReciprocalRankFusion.fuseOrders(new int[] {0, 0}, new int[0], new double[2]))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("vector ranking, rank 2").hasMessageContaining("once");
        assertThatThrownBy(() -> ReciprocalRankFusion.fuseOrders(new int[0], new int[] {5}, new double[2]))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("[0, 2)").hasMessageContaining("got 5");
        assertThatThrownBy(() -> ReciprocalRankFusion.fuseRanks(new int[1], new int[2], new double[2]))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vector ranks 1");
        assertThatThrownBy(() -> ReciprocalRankFusion.contribution(-3))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> ReciprocalRankFusion.fuseIds(new long[] {1, 1}, new long[0]))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("listed twice");
    }
}
