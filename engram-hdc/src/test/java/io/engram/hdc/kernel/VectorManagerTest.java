package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.DimensionMismatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hdc-holon §4.4 golden atoms and §16.1 acceptance checks. */
class VectorManagerTest {

    private static int[] first(HyperVector v, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    @Test
    void goldenAtomsReproduceBitExactly() {
        VectorManager seed0 = new VectorManager(4096);
        VectorManager seed42 = new VectorManager(4096, 42);
        assertThat(first(seed0.get("hello"), 24)).containsExactly(
                0, -1, -1, 0, 1, 1, 1, 0, 0, 1, -1, 0, 1, -1, 1, -1, 1, 1, 1, -1, 0, 0, 1, -1);
        assertThat(first(seed42.get("hello"), 24)).containsExactly(
                -1, 1, -1, 1, 0, 0, -1, -1, -1, -1, 1, -1, -1, 0, 0, 0, -1, 0, 1, 1, -1, 1, -1, 0);
        assertThat(first(seed0.get("role"), 24)).containsExactly(
                -1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, -1, 0, 1, -1, 0, 1, -1, -1, 1, 1, 1, 1, 0);
        int[] pos0 = {0, -1, 0, 1, 0, -1, -1, 0, 0, 0, 0, 1, 0, 0, 1, 0, -1, -1, 1, 0, -1, 0, 0, 0};
        assertThat(first(seed0.get("__pos__0"), 24)).containsExactly(pos0);
        assertThat(first(seed0.position(0), 24)).containsExactly(pos0);
        assertThat(seed0.position(0)).isEqualTo(seed0.get("__pos__0"));
    }

    @Test
    void prefixDoesNotDependOnDimension() {
        HyperVector small = new VectorManager(24).get("hello");
        HyperVector large = new VectorManager(4096).get("hello");
        assertThat(first(small, 24)).containsExactly(first(large, 24));
    }

    @Test
    void determinismSeedsAndAtomsDiffer() {
        assertThat(new VectorManager(1024).get("x")).isEqualTo(new VectorManager(1024).get("x"));
        assertThat(new VectorManager(1024, 42).get("x")).isNotEqualTo(new VectorManager(1024, 43).get("x"));
        VectorManager vm = new VectorManager(1024);
        assertThat(vm.get("x")).isNotEqualTo(vm.get("y"));
        assertThat(vm.position(0)).isNotEqualTo(vm.get("0"));
    }

    @Test
    void cacheSizes() {
        VectorManager vm = new VectorManager(256);
        assertThat(vm.cacheSize()).isZero();
        vm.get("a");
        assertThat(vm.cacheSize()).isEqualTo(1);
        vm.get("a");
        assertThat(vm.cacheSize()).isEqualTo(1);
        vm.get("b");
        assertThat(vm.cacheSize()).isEqualTo(2);
        vm.position(3);
        assertThat(vm.positionCacheSize()).isEqualTo(1);
        assertThat(vm.cacheSize()).isEqualTo(2);
        // An imported atom replaces the cached one: still one entry.
        vm.importCodebook(java.util.Map.of("a", new VectorManager(256, 99).get("a")));
        assertThat(vm.cacheSize()).isEqualTo(2);
        vm.clearCache();
        assertThat(vm.cacheSize()).isZero();
        assertThat(vm.positionCacheSize()).isZero();
    }

    @Test
    void theCacheIsBoundedAndADroppedAtomComesBackIdentical() {
        VectorManager vm = new VectorManager(256, 0, 16);
        HyperVector first = vm.get("v0");
        for (int i = 0; i < 1_000; i++) {
            vm.get("v" + i);
            vm.position(i);
            assertThat(vm.cacheSize()).as("after %d distinct atoms", i + 1).isLessThanOrEqualTo(16);
            assertThat(vm.positionCacheSize()).isLessThanOrEqualTo(16);
        }
        assertThat(vm.get("v0")).as("recomputed after being dropped").isEqualTo(first);
        assertThat(vm.position(0)).isEqualTo(new VectorManager(256).position(0));
    }

    @Test
    void atomsInUseStayCachedWhileOthersAgeOut() {
        VectorManager vm = new VectorManager(256, 0, 16);
        HyperVector hot = vm.get("hot");
        for (int i = 0; i < 1_000; i++) {
            vm.get("cold" + i);
            assertThat(vm.get("hot")).as("a hit keeps the same instance").isSameAs(hot);
        }
    }

    @Test
    void importedAtomsAreNeverDropped() {
        VectorManager other = new VectorManager(256, 99);
        VectorManager vm = new VectorManager(256, 0, 8);
        HyperVector foreign = other.get("k");
        vm.importCodebook(java.util.Map.of("k", foreign));
        for (int i = 0; i < 500; i++) {
            vm.get("filler" + i);
        }
        assertThat(vm.get("k")).as("the imported vector, not the recipe's").isEqualTo(foreign);
        assertThat(vm.exportCodebook()).containsEntry("k", foreign);
        assertThatThrownBy(() -> new VectorManager(256, 0, 1)).isInstanceOf(io.engram.core.InvalidArgumentException.class)
                .hasMessageContaining("cacheCapacity");
    }

    @Test
    void concurrentLookupsAgree() throws Exception {
        VectorManager shared = new VectorManager(1024);
        VectorManager reference = new VectorManager(1024);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        if (!shared.get("atom" + i).equals(reference.generate("atom" + i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var f : results) {
                assertThat(f.get()).isTrue();
            }
        }
        assertThat(shared.cacheSize()).isEqualTo(200);
    }

    @Test
    void codebookImportWinsAcrossSeeds() {
        VectorManager a = new VectorManager(512, 1);
        HyperVector x = a.get("x");
        Map<String, HyperVector> book = a.exportCodebook();
        VectorManager b = new VectorManager(512, 2);
        assertThat(b.get("x")).isNotEqualTo(x);
        b.importCodebook(book);
        assertThat(b.get("x")).isEqualTo(x);
        assertThatThrownBy(() -> new VectorManager(256).importCodebook(book))
                .isInstanceOf(DimensionMismatchException.class)
                .hasMessageContaining("expected 256, got 512");
    }

    @Test
    void statisticsAt4096() {
        VectorManager vm = new VectorManager(4096);
        HyperVector a = vm.get("A");
        HyperVector b = vm.get("B");
        HyperVector c = vm.get("C");
        double density = 0;
        for (int i = 0; i < 50; i++) {
            density += vm.get("atom" + i).density();
        }
        assertThat(density / 50).isCloseTo(0.669, within(0.01));
        assertThat(Similarity.cosine(a, b)).isCloseTo(0.003, within(0.05));
        assertThat(Similarity.cosine(Algebra.unbind(Algebra.bind(a, b), a), b)).isCloseTo(0.817, within(0.02));
        assertThat(Algebra.bind(a, b).density()).isCloseTo(0.435, within(0.03));
        assertThat(Similarity.cosine(Algebra.bundle(a, b), a)).isCloseTo(0.676, within(0.03));
        assertThat(Similarity.cosine(Algebra.bundle(a, b, c), a)).isCloseTo(0.538, within(0.03));
        assertThat(Similarity.cosine(Algebra.negate(Algebra.bundle(a, b, c), b), b)).isCloseTo(-0.41, within(0.04));
        assertThat(Similarity.cosine(Algebra.amplify(Algebra.bundle(a, b), a, 2), a)).isCloseTo(0.87, within(0.03));
    }

    @Test
    void atomsAreTernaryWithAboutOneThirdZeros() {
        HyperVector v = new VectorManager(4096).get("hello");
        assertThat(Arrays.stream(toInts(v)).allMatch(x -> x >= -1 && x <= 1)).isTrue();
        assertThat(v.nnz()).isBetween(2600, 2900);
    }

    private static int[] toInts(HyperVector v) {
        return first(v, v.dimensions());
    }
}
