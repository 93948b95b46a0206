package io.engram.index.rabitq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BufferedSelectTest {

    @Test
    void keepsTheSmallestKeysWhateverTheArrivalOrder() {
        SplittableRandom random = new SplittableRandom(5);
        BufferedSelect select = new BufferedSelect();
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(5000);
            int capacity = 1 + random.nextInt(300);
            long[] keys = new long[n];
            select.reset(capacity);
            for (int i = 0; i < n; i++) {
                // Few distinct scores, so ties (broken by row) are common.
                keys[i] = BufferedSelect.key(random.nextInt(50) / 7.0f - 3, i);
                select.offer(keys[i]);
            }
            Arrays.sort(keys);
            int kept = select.finish();
            assertThat(kept).isEqualTo(Math.min(n, capacity));
            for (int i = 0; i < kept; i++) {
                assertThat(select.get(i)).isEqualTo(keys[i]);
            }
        }
    }

    @Test
    void keysOrderByTotalOrderThenRow() {
        assertThat(BufferedSelect.key(-1.0f, 9)).isLessThan(BufferedSelect.key(-0.0f, 0));
        assertThat(BufferedSelect.key(-0.0f, 5)).isLessThan(BufferedSelect.key(0.0f, 0));
        assertThat(BufferedSelect.key(2.0f, 1)).isLessThan(BufferedSelect.key(2.0f, 2));
        assertThat(BufferedSelect.key(Float.POSITIVE_INFINITY, 0)).isLessThan(BufferedSelect.key(Float.NaN, 0));
        float negativeNan = Float.intBitsToFloat(0xFFC00000);
        assertThat(BufferedSelect.key(negativeNan, 0)).isLessThan(BufferedSelect.key(Float.NEGATIVE_INFINITY, 0));
        for (float f : new float[] {-3.5f, -0.0f, 0.0f, 1e-30f, 7f, Float.NaN}) {
            assertThat(Float.floatToRawIntBits(TotalOrder.value(TotalOrder.key(f)))).isEqualTo(Float.floatToRawIntBits(f));
        }
    }

    @Test
    void aGuessedThresholdKeepsTheExactSetWhenEnoughPassIt() {
        BufferedSelect select = new BufferedSelect();
        select.reset(3);
        select.presetThreshold(BufferedSelect.key(5.0f, 0));
        for (int i = 0; i < 10; i++) {
            select.offer(BufferedSelect.key(i, i));
        }
        assertThat(select.size()).isEqualTo(5);
        assertThat(select.finish()).isEqualTo(3);
        assertThat(BufferedSelect.row(select.get(2))).isEqualTo(2);
    }
}
