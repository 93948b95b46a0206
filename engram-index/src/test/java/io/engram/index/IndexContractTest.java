package io.engram.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §11 check 1 and the shared contract, for Flat, KD-tree and LSH under every metric. */
class IndexContractTest {

    @TempDir
    Path dir;

    static VectorIndex create(String type, int dim, Metric metric) {
        return switch (type) {
            case "flat" -> new FlatIndex(dim, metric);
            case "kd_tree" -> new KdTreeIndex(dim, metric);
            case "lsh" -> new LshIndex(dim, metric);
            default -> throw new IllegalArgumentException(type);
        };
    }

    static VectorIndex load(String type, Path file) throws IOException {
        return switch (type) {
            case "flat" -> FlatIndex.load(file);
            case "kd_tree" -> KdTreeIndex.load(file);
            case "lsh" -> LshIndex.load(file);
            default -> throw new IllegalArgumentException(type);
        };
    }

    static Stream<Arguments> typesAndMetrics() {
        List<Arguments> out = new ArrayList<>();
        for (String type : List.of("flat", "kd_tree", "lsh")) {
            for (Metric metric : List.of(Metric.L2, Metric.COSINE, Metric.INNER_PRODUCT)) {
                out.add(Arguments.of(type, metric));
            }
        }
        return out.stream();
    }

    /** Unit vectors, so that under inner product a stored vector is its own best match. */
    static float[][] unit(float[][] data) {
        IndexDistance cosine = IndexDistance.of(Metric.COSINE);
        float[][] out = new float[data.length][];
        for (int i = 0; i < data.length; i++) {
            out[i] = cosine.prepare(data[i], data[i].length);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndMetrics")
    void contractHolds(String type, Metric metric) {
        float[][] data = unit(TestVectors.gaussian(7, 300, 12));
        VectorIndex index = create(type, 12, metric);
        assertThat(index.type()).isEqualTo(type);
        assertThat(index.supportsIncrementalUpdates()).isEqualTo(!type.equals("kd_tree"));
        // Empty: k and dimension are checked before the empty shortcut.
        assertThat(index.search(data[0], 3).size()).isZero();
        assertThatThrownBy(() -> index.search(data[0], 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("k must be positive");
        assertThatThrownBy(() -> index.search(new float[5], 1)).isInstanceOf(DimensionMismatchException.class)
                .hasMessageContaining("dimension");
        index.addAll(TestVectors.ids(200), Arrays.copyOf(data, 200));
        for (int i = 200; i < 300; i++) {
            index.add(i, data[i]);
        }
        assertThat(index.size()).isEqualTo(300);
        for (int i = 0; i < data.length; i += 7) {
            SearchResult own = index.search(data[i], 1);
            assertThat(own.ids()).as("own id first, %s %s", type, metric).containsExactly((long) i);
            if (metric != Metric.INNER_PRODUCT) {
                assertThat(own.distances()[0]).isLessThan(0.01f);
            }
        }
        SearchResult ten = index.search(data[3], 10);
        assertThat(ten.size()).isEqualTo(10);
        for (int i = 1; i < ten.size(); i++) {
            assertThat(ten.distances()[i]).isGreaterThanOrEqualTo(ten.distances()[i - 1]);
        }
        assertThat(index.search(data[3], 1_000).size()).as("k > n returns n").isEqualTo(300);
        assertThatThrownBy(() -> index.search(data[0], -2)).hasMessageContaining("k must be positive");
        assertThatThrownBy(() -> index.search(new float[13], 2)).hasMessageContaining("dimension");
        assertThatThrownBy(() -> index.add(5, data[5])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> index.addAll(new long[] {1_000, 5}, new float[][] {data[1], data[2]}))
                .hasMessageContaining("already exists");
        assertThat(index.contains(1_000)).as("a failed addAll adds nothing").isFalse();
        float[] bad = data[0].clone();
        bad[3] = Float.NaN;
        assertThatThrownBy(() -> index.add(2_000, bad)).isInstanceOf(InvalidArgumentException.class);
        bad[3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> index.add(2_000, bad)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> index.search(bad, 1)).isInstanceOf(InvalidArgumentException.class);
        assertThat(index.contains(2_000)).isFalse();

        assertThat(index.remove(5)).isTrue();
        assertThat(index.size()).isEqualTo(299);
        assertThat(index.contains(5)).isFalse();
        assertThat(index.remove(5)).isFalse();
        assertThat(index.remove(99_999)).isFalse();
        assertThat(index.search(data[5], 300).ids()).doesNotContain(5L).hasSize(299);
        index.add(5, data[5]);
        assertThat(index.search(data[5], 1).ids()).containsExactly(5L);

        index.rebuild();
        assertThat(index.size()).isEqualTo(300);
        assertThat(index.search(data[9], 5).size()).isEqualTo(5);
        Map<String, Object> stats = index.statistics();
        assertThat(stats).containsEntry("type", type).containsEntry("size", 300).containsEntry("dimension", 12)
                .containsEntry("supports_incremental", !type.equals("kd_tree"));
        assertThat(index.memoryBytes()).isGreaterThan(300L * 12 * 4);
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.search(data[0], 5).size()).isZero();
        index.add(1, data[1]);
        assertThat(index.search(data[1], 5).ids()).containsExactly(1L);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndMetrics")
    void thresholdAndFilterApplyToFinalResults(String type, Metric metric) {
        float[][] data = TestVectors.clustered(8, 400, 6, 5, 0.5);
        VectorIndex index = create(type, 6, metric);
        index.addAll(TestVectors.ids(400), data);
        FlatIndex flat = new FlatIndex(6, metric);
        flat.addAll(TestVectors.ids(400), data);
        for (int q = 0; q < 400; q += 37) {
            SearchResult all = flat.search(data[q], 400);
            float threshold = all.distances()[20];
            SearchResult kept = index.search(data[q], 400, SearchParams.DEFAULTS.withThreshold(threshold));
            // Exactly the results at or under the threshold, including one at exactly the threshold.
            int expected = 0;
            while (expected < all.size() && all.distances()[expected] <= threshold) {
                expected++;
            }
            assertThat(kept.size()).isEqualTo(expected);
            assertThat(kept.distances()[kept.size() - 1]).isEqualTo(threshold);
            SearchFilter even = id -> id % 2 == 0;
            SearchResult filtered = index.search(data[q], 10, SearchParams.DEFAULTS.withFilter(even));
            assertThat(filtered.size()).isEqualTo(10);
            assertThat(Arrays.stream(filtered.ids()).allMatch(id -> id % 2 == 0)).isTrue();
        }
        assertThat(index.search(data[0], 5, SearchParams.DEFAULTS.withThreshold(-Float.MAX_VALUE)).size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "kd_tree", "lsh"})
    void searchesRunWhileAWriterAddsAndRemoves(String type) throws Exception {
        int dim = 16;
        float[][] data = TestVectors.clustered(21, 3_000, dim, 10, 0.5);
        VectorIndex index = create(type, dim, Metric.L2);
        index.addAll(TestVectors.ids(1_000), Arrays.copyOf(data, 1_000));
        IndexDistance l2 = IndexDistance.of(Metric.L2);
        java.util.Set<Long> everAdded = ConcurrentHashMap.newKeySet();
        for (long i = 0; i < 1_000; i++) {
            everAdded.add(i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 1_000; i < 3_000; i++) {
                    everAdded.add((long) i);
                    index.add(i, data[i]);
                    if (i % 2 == 0) {
                        index.remove(i - 1_000L);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                stop.set(true);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int seed = t;
            readers.add(Thread.ofPlatform().start(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                long[] ids = new long[10];
                float[] ds = new float[10];
                int searches = 0;
                while (!stop.get() || searches < 50) {
                    try {
                        float[] q = data[r.nextInt(data.length)];
                        int n = index.search(q, 10, SearchParams.DEFAULTS, ids, ds);
                        searches++;
                        if (n != 10) {
                            throw new AssertionError("expected 10 results, got " + n);
                        }
                        for (int i = 0; i < n; i++) {
                            if (!everAdded.contains(ids[i])) {
                                throw new AssertionError("unknown id " + ids[i]);
                            }
                            // The distance belongs to the id: no torn row leaked into a result.
                            float truth = l2.toReported(l2.distance(q, 0, data[(int) ids[i]], 0, dim));
                            if (Math.abs(truth - ds[i]) > 1e-4f * (1 + truth)) {
                                throw new AssertionError("id " + ids[i] + " reported " + ds[i] + ", is " + truth);
                            }
                            if (i > 0 && (ds[i] < ds[i - 1] || ids[i] == ids[i - 1])) {
                                throw new AssertionError("results not ascending or duplicated");
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            }));
        }
        writer.join();
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(index.size()).isEqualTo(2_000);
        for (int i = 0; i < 3_000; i += 97) {
            boolean removed = i < 2_000 && i % 2 == 0; // the writer removed i - 1000 for every even i
            assertThat(index.contains(i)).as("id %d", i).isEqualTo(!removed);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndMetrics")
    void saveThenLoadGivesIdenticalResults(String type, Metric metric) throws IOException {
        float[][] data = TestVectors.clustered(31, 700, 10, 8, 0.4);
        VectorIndex index = create(type, 10, metric);
        index.addAll(TestVectors.ids(600), Arrays.copyOf(data, 600));
        index.rebuild();
        for (int i = 600; i < 650; i++) {
            index.add(i, data[i]); // pending rows for the KD-tree
        }
        index.remove(3);
        index.remove(610);
        Path file = dir.resolve(type + ".idx");
        index.save(file);
        VectorIndex loaded = load(type, file);
        assertThat(loaded.size()).isEqualTo(index.size());
        assertThat(loaded.metric()).isEqualTo(metric);
        Map<String, Object> before = new java.util.HashMap<>(index.statistics());
        Map<String, Object> after = new java.util.HashMap<>(loaded.statistics());
        before.remove("memory_bytes"); // capacities differ: a loaded index is sized to its rows
        after.remove("memory_bytes");
        assertThat(after).isEqualTo(before);
        for (int q = 0; q < data.length; q += 11) {
            SearchResult a = index.search(data[q], 10);
            SearchResult b = loaded.search(data[q], 10);
            assertThat(b.ids()).containsExactly(a.ids());
            assertThat(b.distances()).containsExactly(a.distances());
        }
        assertThat(loaded.contains(3)).isFalse();
        loaded.add(3, data[3]);
        assertThat(loaded.contains(3)).isTrue();
        if (metric != Metric.INNER_PRODUCT) { // these vectors are not unit length
            assertThat(loaded.search(data[3], 1).ids()).containsExactly(3L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "kd_tree", "lsh"})
    void everyFlippedByteAndEveryTruncationIsRejected(String type) throws IOException {
        float[][] data = TestVectors.gaussian(41, 12, 3);
        VectorIndex index = create(type, 3, Metric.COSINE);
        index.addAll(TestVectors.ids(12), data);
        index.remove(4);
        Path file = dir.resolve("small." + type);
        index.save(file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(load(type, file).size()).isEqualTo(11);
        Path bad = dir.resolve("bad." + type);
        for (int pos = 0; pos < bytes.length; pos++) {
            byte[] flipped = bytes.clone();
            flipped[pos] ^= 0x10;
            Files.write(bad, flipped);
            int at = pos;
            assertThatThrownBy(() -> load(type, bad)).as("flip at %d", at).isInstanceOf(CorruptFileException.class);
        }
        for (int len = 0; len < bytes.length; len++) {
            Files.write(bad, Arrays.copyOf(bytes, len));
            int at = len;
            assertThatThrownBy(() -> load(type, bad)).as("truncated to %d", at)
                    .isInstanceOf(CorruptFileException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        Files.write(bad, longer);
        assertThatThrownBy(() -> load(type, bad)).isInstanceOf(CorruptFileException.class);
    }
}
