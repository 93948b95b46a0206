package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class RecallTest {

    @Test
    void countsTheTrueTopKAmongTheFirstKResults() {
        int[] truth = {5, 3, 9, 1, 7, 100};
        assertThat(Recall.at(new long[] {5, 3, 9}, 3, truth, 3)).isEqualTo(1.0);
        assertThat(Recall.at(new long[] {9, 5, 3}, 3, truth, 3)).isEqualTo(1.0); // order does not matter
        assertThat(Recall.at(new long[] {5, 1, 2}, 3, truth, 3)).isEqualTo(1 / 3.0); // 1 is 4th, not top-3
        assertThat(Recall.at(new long[] {5, 3, 9, 1}, 4, truth, 2)).isEqualTo(1.0); // only the first k count
        assertThat(Recall.at(new long[] {7, 3, 0}, 3, truth, 3)).isEqualTo(1 / 3.0); // 7 is outside the top 3
    }

    @Test
    void missingAndDuplicateResultsAreMisses() {
        int[] truth = {1, 2, 3, 4};
        assertThat(Recall.at(new long[] {1, 2, 0, 0}, 2, truth, 4)).isEqualTo(0.5);
        assertThat(Recall.at(new long[] {1, 1, 1, 1}, 4, truth, 4)).isEqualTo(0.25);
        assertThat(Recall.at(new long[4], 0, truth, 4)).isZero();
    }

    @Test
    void rejectsBadK() {
        assertThatThrownBy(() -> Recall.at(new long[1], 1, new int[] {1}, 0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Recall.at(new long[2], 2, new int[] {1}, 2))
                .hasMessageContaining("ground truth holds 1 neighbours, k = 2");
    }
}
