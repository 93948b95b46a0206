package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

    @TempDir
    Path cache;

    static Dataset random(Metric metric, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] train = new float[300][12];
        float[][] queries = new float[25][12];
        for (float[][] rows : new float[][][] {train, queries}) {
            for (float[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) rnd.nextGaussian();
                }
            }
        }
        return new Dataset("random-" + seed, metric, train, queries);
    }

    /** The slow, obvious definition: sort every row by its value in double precision. */
    static int[] naive(Dataset d, float[] q, int k) {
        Comparator<Integer> order = Comparator.comparingDouble(i -> value(d.metric(), q, d.train()[i]));
        if (d.metric() != Metric.L2) {
            order = order.reversed();
        }
        return IntStream.range(0, d.size()).boxed().sorted(order.thenComparing(i -> i)).limit(k)
                .mapToInt(Integer::intValue).toArray();
    }

    static double value(Metric metric, float[] a, float[] b) {
        double dot = 0;
        double l2 = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            l2 += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return switch (metric) {
            case L2 -> l2;
            case COSINE -> dot / Math.sqrt(na * nb);
            default -> dot;
        };
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "COSINE", "INNER_PRODUCT"})
    void matchesNaiveSortForEveryMetric(Metric metric) {
        Dataset d = random(metric, 7);
        GroundTruth truth = GroundTruth.compute(d, 20, 3);
        assertThat(truth.k()).isEqualTo(20);
        for (int q = 0; q < d.queries().length; q++) {
            // Float kernels may reorder near-ties; the first 10 of 20 must agree as sets.
            int[] expected = naive(d, d.queries()[q], 20);
            assertThat(Arrays.copyOf(truth.ids()[q], 10)).as("query %d", q)
                    .containsExactlyInAnyOrder(Arrays.copyOf(expected, 10));
            assertThat(truth.ids()[q][0]).isEqualTo(expected[0]);
            for (int j = 1; j < 20; j++) {
                float prev = truth.values()[q][j - 1];
                float cur = truth.values()[q][j];
                assertThat(metric == Metric.L2 ? prev <= cur : prev >= cur).isTrue();
            }
        }
    }

    @Test
    void depthIsCappedByTrainSize() {
        Dataset d = random(Metric.L2, 3);
        assertThat(GroundTruth.compute(d, 1000, 1).k()).isEqualTo(300);
    }

    @Test
    void cacheRoundTripsAndRejectsOtherDataOrCorruption() throws IOException {
        Dataset d = random(Metric.L2, 11);
        GroundTruth first = GroundTruth.cached(d, 100, 2, cache);
        Path file = GroundTruth.cacheFile(d, 100, cache);
        assertThat(file).exists();
        assertThat(file.getFileName().toString()).isEqualTo("random-11-l2-300x12-q25-k100.gt");
        GroundTruth again = GroundTruth.read(file, d, 100);
        assertThat(again.ids()).isDeepEqualTo(first.ids());
        assertThat(again.values()).isDeepEqualTo(first.values());

        // Same name and sizes, different vectors: the fingerprint differs, so the file is refused.
        Dataset other = new Dataset(d.name(), d.metric(), random(Metric.L2, 12).train(), d.queries());
        GroundTruth recomputed = GroundTruth.cached(other, 100, 2, cache);
        assertThat(recomputed.ids()).isDeepEqualTo(GroundTruth.compute(other, 100, 1).ids());

        // A flipped payload byte fails the checksum and the truth is recomputed.
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(file, bytes);
        GroundTruth repaired = GroundTruth.cached(other, 100, 2, cache);
        assertThat(repaired.ids()).isDeepEqualTo(recomputed.ids());
        assertThat(GroundTruth.read(file, other, 100).ids()).isDeepEqualTo(recomputed.ids());
    }
}
