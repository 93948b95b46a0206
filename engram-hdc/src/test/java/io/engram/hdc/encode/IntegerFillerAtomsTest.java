package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IntegerFillerAtomsTest {

    @Test
    void givesTheManagersAtomOfTheText() {
        VectorManager atoms = new VectorManager(256);
        IntegerFillerAtoms integers = new IntegerFillerAtoms(atoms);
        for (long v : new long[] {0, 1, -1, 80, 54321, Long.MAX_VALUE, Long.MIN_VALUE}) {
            HyperVector first = integers.get("src_port", v);
            assertThat(first).isEqualTo(atoms.get("src_port." + v));
            assertThat(integers.get("src_port", v)).as("a hit").isSameAs(first);
            assertThat(integers.get("dst_port", v)).as("another path").isEqualTo(atoms.get("dst_port." + v));
        }
        for (int v = 0; v < 5000; v++) {
            assertThat(integers.get("payload_size", v)).isEqualTo(atoms.get("payload_size." + v));
        }
        assertThat(integers.size()).isEqualTo(7 + 7 + 5000);
    }

    @Test
    void anImportedCodebookWinsAtOnce() {
        VectorManager atoms = new VectorManager(256);
        IntegerFillerAtoms integers = new IntegerFillerAtoms(atoms);
        HyperVector recipe = integers.get("port", 80);
        HyperVector imported = atoms.get("something else");
        atoms.importCodebook(Map.of("port.80", imported));
        assertThat(integers.get("port", 80)).isEqualTo(imported).isNotEqualTo(recipe);
        atoms.clearCache();
        assertThat(integers.get("port", 80)).isEqualTo(recipe);
    }

    @Test
    void holdsNoMoreThanTheManagersCapacityAndCapsThePaths() {
        VectorManager atoms = new VectorManager(64, 0L, 100);
        IntegerFillerAtoms integers = new IntegerFillerAtoms(atoms);
        for (int v = 0; v < 1000; v++) {
            assertThat(integers.get("id", v)).isEqualTo(atoms.get("id." + v));
            assertThat(integers.size()).isLessThanOrEqualTo(100);
        }
        for (int p = 0; p < IntegerFillerAtoms.MAX_PATHS + 10; p++) {
            assertThat(integers.get("path" + p, 7)).isEqualTo(atoms.get("path" + p + ".7"));
        }
    }

    @Test
    void concurrentLookupsAgree() throws Exception {
        VectorManager atoms = new VectorManager(128);
        IntegerFillerAtoms integers = new IntegerFillerAtoms(atoms);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    for (int i = 0; i < 20_000; i++) {
                        int v = r.nextInt(3000);
                        String path = List.of("a", "b", "c").get(r.nextInt(3));
                        if (!integers.get(path, v).equals(atoms.get(path + "." + v))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
