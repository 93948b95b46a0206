package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselineScorerTest {

    /** a·s and Σ s² in longs, the cosine rounded once from them: what the exact path must give. */
    private static double exactCosine(byte[] a, long[] s) {
        long dot = 0;
        long nnz = 0;
        long squares = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * s[i];
            nnz += a[i] != 0 ? 1 : 0;
            squares += s[i] * s[i];
        }
        double denominator = Math.sqrt(nnz * (double) squares);
        return denominator < Similarity.DEGENERATE_EPSILON ? 0.0 : dot / denominator;
    }

    @Test
    void accumulatedSumsAreScoredExactlyAndAgreeWithTheirNormalization() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {1, 7, 64, 65, 1000, 4096, 4100}) {
            Accumulator acc = new Accumulator(n);
            int added = 1 + r.nextInt(400);
            for (int k = 0; k < added; k++) {
                acc.add(random(r, n));
            }
            double[] sums = acc.sums();
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = (long) sums[i];
            }
            BaselineScorer scorer = new BaselineScorer(sums);
            assertThat(scorer.exact()).isTrue();
            double[] normalized = acc.normalize();
            for (int t = 0; t < 5; t++) {
                byte[] a = new byte[n];
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) (r.nextInt(3) - 1);
                    b[i] = (byte) (r.nextInt(3) - 1);
                }
                HyperVector bytes = HyperVector.of(a);
                HyperVector planes = Algebra.bind(HyperVector.of(a), HyperVector.of(b));
                byte[] product = planes.toArray();
                assertThat(scorer.cosine(bytes)).as("int8 form, n %d", n).isEqualTo(exactCosine(a, s))
                        .isCloseTo(Similarity.cosine(bytes, normalized), within(1e-12));
                assertThat(scorer.cosine(planes)).as("planes, n %d", n).isEqualTo(exactCosine(product, s))
                        .isCloseTo(Similarity.cosine(planes, normalized), within(1e-12));
                assertThat(scorer.cosine(HyperVector.of(a), HyperVector.of(b))).as("a pair, unbound, n %d", n)
                        .isEqualTo(scorer.cosine(planes));
            }
            assertThat(scorer.cosine(HyperVector.zeros(n))).isZero();
        }
    }

    @Test
    void otherBaselinesAreScoredBySimilarityBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 1000;
        double[] fractions = new double[n];
        double[] huge = new double[n];
        for (int i = 0; i < n; i++) {
            fractions[i] = r.nextGaussian();
            huge[i] = i == 0 ? 1 << 23 : r.nextInt(100);
        }
        for (double[] baseline : new double[][] {fractions, huge}) {
            BaselineScorer scorer = new BaselineScorer(baseline);
            assertThat(scorer.exact()).isFalse();
            HyperVector a = random(r, n);
            assertThat(scorer.cosine(a)).isEqualTo(Similarity.cosine(a, baseline));
            HyperVector b = random(r, n);
            assertThat(scorer.cosine(a, b)).isEqualTo(Similarity.cosine(Algebra.bind(a, b), baseline));
        }
        assertThat(new BaselineScorer(new double[] {-(1 << 22) + 1, (1 << 22) - 1}).exact()).isTrue();
    }

    @Test
    void theWidestExactRangeAndTheOverflowGuard() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 700;
        long[] s = new long[n];
        double[] baseline = new double[n];
        int top = (1 << (BaselineScorer.MAX_LEVELS - 1)) - 1; // 24 levels: u = s + m spans 2^24 − 1
        for (int i = 0; i < n; i++) {
            s[i] = i == 0 ? top : i == 1 ? -top : r.nextLong(-top, top + 1L);
            baseline[i] = s[i];
        }
        BaselineScorer scorer = new BaselineScorer(baseline);
        assertThat(scorer.exact()).isTrue();
        for (int t = 0; t < 5; t++) {
            HyperVector a = random(r, n);
            assertThat(scorer.cosine(a)).isEqualTo(exactCosine(a.toArray(), s))
                    .isCloseTo(Similarity.cosine(a, baseline), within(1e-12));
        }
        // 2^17 values near 2^23 would sum their squares past 2^62: scored by Similarity instead.
        double[] wide = new double[1 << 17];
        java.util.Arrays.fill(wide, top);
        BaselineScorer guarded = new BaselineScorer(wide);
        assertThat(guarded.exact()).isFalse();
        HyperVector a = random(r, wide.length);
        assertThat(guarded.cosine(a)).isEqualTo(Similarity.cosine(a, wide));
    }

    @Test
    void theBaselineIsCopied() {
        double[] baseline = {1, 0, -1, 2};
        BaselineScorer scorer = new BaselineScorer(baseline);
        HyperVector a = HyperVector.of(new byte[] {1, 0, -1, 1});
        double before = scorer.cosine(a);
        baseline[0] = -100;
        assertThat(scorer.cosine(a)).isEqualTo(before).isEqualTo(4 / Math.sqrt(3 * 6));
    }

    @Test
    void badInputIsRefusedByName() {
        assertThatThrownBy(() -> new BaselineScorer(new double[] {1, Double.NaN}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> new BaselineScorer(new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Infinity");
        BaselineScorer zeros = new BaselineScorer(new double[3]);
        assertThat(zeros.exact()).isTrue();
        assertThat(zeros.cosine(HyperVector.of(new byte[] {1, 1, 1}))).as("zero baseline").isZero();
        assertThatThrownBy(() -> zeros.cosine(HyperVector.zeros(4))).isInstanceOf(DimensionMismatchException.class);
    }

    private static HyperVector random(SplittableRandom r, int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (r.nextInt(3) - 1);
        }
        return HyperVector.of(a);
    }
}
