package io.engram.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopKTest {

    static LongStream seeds() {
        return LongStream.range(0, 200).map(i -> 0x5EED_0000L + i * 7919L);
    }

    private record Entry(long id, float score) {}

    /** Reference: sort everything with the documented order and take the first k. */
    private static Entry[] bruteForce(long[] ids, float[] scores, int n, int k, boolean largest) {
        Entry[] all = new Entry[n];
        for (int i = 0; i < n; i++) {
            all[i] = new Entry(ids[i], scores[i]);
        }
        Comparator<Entry> byScore = largest
                ? (a, b) -> Float.compare(b.score + 0.0f, a.score + 0.0f)
                : (a, b) -> Float.compare(a.score + 0.0f, b.score + 0.0f);
        Arrays.sort(all, byScore.thenComparingLong(Entry::id));
        return Arrays.copyOf(all, Math.min(k, n));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void matchesBruteForceSortIncludingTiesAndReuse(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean largest = rnd.nextBoolean();
        TopK top = largest ? TopK.largest(1) : TopK.smallest(1);
        // Several queries through one instance exercise reset() and array growth.
        for (int query = 0; query < 4; query++) {
            int n = rnd.nextInt(0, 300);
            int k = 1 + rnd.nextInt(0, 2 + n + n / 2); // k often exceeds n
            boolean fewValues = rnd.nextBoolean(); // a small value set forces many ties
            long[] ids = new long[n];
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                ids[i] = fewValues ? rnd.nextLong(-50, 50) : rnd.nextLong();
                scores[i] = fewValues ? rnd.nextInt(-3, 4) : (float) rnd.nextGaussian();
                if (fewValues && scores[i] == 0 && rnd.nextBoolean()) {
                    scores[i] = -0.0f; // numerically equal to 0.0, so it must tie
                }
            }
            top.reset(k);
            for (int i = 0; i < n; i++) {
                top.offer(ids[i], scores[i]);
            }
            Entry[] expected = bruteForce(ids, scores, n, k, largest);
            assertThat(top.size()).as("seed %d", seed).isEqualTo(expected.length);
            assertThat(top.isFull()).as("seed %d", seed).isEqualTo(n >= k);
            if (top.isFull()) {
                assertThat(top.worstScore()).as("seed %d", seed)
                        .isEqualTo(expected[expected.length - 1].score + 0.0f);
            }
            long[] outIds = new long[k + 3];
            float[] outScores = new float[k + 3];
            int written = top.drainSorted(outIds, outScores);
            assertThat(written).as("seed %d", seed).isEqualTo(expected.length);
            for (int i = 0; i < written; i++) {
                assertThat(outIds[i]).as("seed %d, rank %d", seed, i).isEqualTo(expected[i].id);
                assertThat(outScores[i] == expected[i].score)
                        .as("seed %d, rank %d: %s vs %s", seed, i, outScores[i], expected[i].score)
                        .isTrue();
            }
            assertThat(top.isEmpty()).as("seed %d", seed).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void offerReportsAcceptanceConsistentWithWorstScore(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TopK top = TopK.smallest(1 + rnd.nextInt(10));
        for (int i = 0; i < 100; i++) {
            float score = rnd.nextInt(0, 20);
            long id = rnd.nextLong(0, 1000);
            boolean full = top.isFull();
            float worst = top.worstScore();
            long worstId = full ? top.worstId() : Long.MAX_VALUE;
            boolean shouldEnter = !full || score < worst || (score == worst && id < worstId);
            assertThat(top.cannotEnter(score)).as("seed %d", seed).isEqualTo(full && score > worst);
            assertThat(top.offer(id, score)).as("seed %d, offer %d", seed, i).isEqualTo(shouldEnter);
        }
    }

    @Test
    void tiesBreakBySmallerIdWhateverTheArrivalOrder() {
        TopK top = TopK.largest(2);
        top.offer(9, 1f);
        top.offer(5, 1f);
        top.offer(7, 1f);
        top.offer(3, 0.5f);
        TopK.Hits hits = top.drainSorted();
        assertThat(hits.ids()).containsExactly(5, 7);
        assertThat(hits.scores()).containsExactly(1f, 1f);
    }

    @Test
    void worstScoreIsTheNeutralBoundUntilFull() {
        TopK largest = TopK.largest(2);
        TopK smallest = TopK.smallest(2);
        assertThat(largest.worstScore()).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(smallest.worstScore()).isEqualTo(Float.POSITIVE_INFINITY);
        largest.offer(1, 3f);
        smallest.offer(1, 3f);
        assertThat(largest.worstScore()).isEqualTo(Float.NEGATIVE_INFINITY);
        largest.offer(2, 5f);
        smallest.offer(2, 5f);
        assertThat(largest.worstScore()).isEqualTo(3f);
        assertThat(smallest.worstScore()).isEqualTo(5f);
        assertThat(smallest.cannotEnter(6f)).isTrue();
        assertThat(smallest.cannotEnter(5f)).isFalse();
    }

    @Test
    void infinitiesAreOrdinaryScores() {
        TopK top = TopK.smallest(3);
        top.offer(1, Float.POSITIVE_INFINITY);
        top.offer(2, Float.NEGATIVE_INFINITY);
        top.offer(3, 0f);
        top.offer(4, Float.POSITIVE_INFINITY);
        assertThat(top.drainSorted().ids()).containsExactly(2, 3, 1);
    }

    @Test
    void rejectsNaNAndNonPositiveK() {
        TopK top = TopK.largest(3);
        assertThatThrownBy(() -> top.offer(42, Float.NaN))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("42");
        assertThat(top.size()).isZero();
        assertThatThrownBy(() -> TopK.largest(0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("k must be positive, got 0");
        assertThatThrownBy(() -> TopK.smallest(-1)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> top.reset(0)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void drainChecksOutputLengthAndAcceptsNullScores() {
        TopK top = TopK.smallest(3);
        top.offer(1, 1f);
        top.offer(2, 2f);
        assertThatThrownBy(() -> top.drainSorted(new long[1], null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("outIds has length 1, needs 2");
        long[] ids = new long[2];
        assertThat(top.drainSorted(ids, null)).isEqualTo(2);
        assertThat(ids).containsExactly(1, 2);
    }

    @Test
    void hugeKDoesNotReserveMemoryUpFront() {
        TopK top = TopK.largest(Integer.MAX_VALUE);
        for (int i = 0; i < 1000; i++) {
            top.offer(i, i);
        }
        assertThat(top.size()).isEqualTo(1000);
        assertThat(top.isFull()).isFalse();
        assertThat(top.drainSorted().ids()[0]).isEqualTo(999);
    }

    @Test
    void heapOrderAccessorsExposeAllEntries() {
        TopK top = TopK.smallest(3);
        for (int i = 0; i < 10; i++) {
            top.offer(i, 10 - i);
        }
        long[] seen = new long[top.size()];
        for (int i = 0; i < top.size(); i++) {
            seen[i] = top.idAt(i);
            assertThat(top.scoreAt(i)).isEqualTo(10f - top.idAt(i));
        }
        assertThat(seen).containsExactlyInAnyOrder(7, 8, 9);
        assertThatThrownBy(() -> top.idAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
