package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PathAtomsTest {

    @Test
    void givesTheManagersAtomsOfTheTexts() {
        VectorManager atoms = new VectorManager(256);
        PathAtoms paths = new PathAtoms(atoms);
        PathAtoms.Path ports = paths.of("src_port");
        assertThat(ports.role()).isEqualTo(atoms.get("src_port"));
        assertThat(paths.of("src_port")).as("one entry per path").isSameAs(ports);
        for (long v : new long[] {0, 1, -1, 80, 54321, Long.MAX_VALUE, Long.MIN_VALUE}) {
            HyperVector first = ports.filler(v);
            assertThat(first).isEqualTo(atoms.get("src_port." + v));
            assertThat(ports.filler(v)).as("a hit").isSameAs(first);
            assertThat(paths.of("dst_port").filler(v)).as("another path").isEqualTo(atoms.get("dst_port." + v));
        }
        PathAtoms.Path sizes = paths.of("a.b.payload_size");
        for (int v = 0; v < 5000; v++) {
            assertThat(sizes.filler(v)).isEqualTo(atoms.get("a.b.payload_size." + v));
        }
        PathAtoms.Path protocol = paths.of("protocol");
        for (String v : new String[] {"TCP", "", "a.b", "ü", "54321"}) {
            HyperVector first = protocol.filler(v);
            assertThat(first).isEqualTo(atoms.get("protocol." + v));
            assertThat(protocol.filler(new String(v))).as("a hit by an equal string").isSameAs(first);
        }
        assertThat(protocol.filler("54321")).as("a number's text and the number are one atom")
                .isEqualTo(protocol.filler(54321));
        assertThat(paths.size()).isEqualTo(7 + 7 + 5000 + 5 + 1);
    }

    @Test
    void anImportedCodebookWinsAtOnce() {
        VectorManager atoms = new VectorManager(256);
        PathAtoms paths = new PathAtoms(atoms);
        HyperVector role = paths.of("port").role();
        HyperVector number = paths.of("port").filler(80);
        HyperVector text = paths.of("port").filler("http");
        HyperVector imported = atoms.get("something else");
        atoms.importCodebook(Map.of("port", imported, "port.80", imported, "port.http", imported));
        assertThat(paths.of("port").role()).isEqualTo(imported).isNotEqualTo(role);
        assertThat(paths.of("port").filler(80)).isEqualTo(imported).isNotEqualTo(number);
        assertThat(paths.of("port").filler("http")).isEqualTo(imported).isNotEqualTo(text);
        atoms.clearCache();
        assertThat(paths.of("port").role()).isEqualTo(role);
        assertThat(paths.of("port").filler(80)).isEqualTo(number);
        assertThat(paths.of("port").filler("http")).isEqualTo(text);
    }

    @Test
    void holdsNoMoreThanTheManagersCapacityAndCapsThePaths() {
        VectorManager atoms = new VectorManager(64, 0L, 100);
        PathAtoms paths = new PathAtoms(atoms);
        for (int v = 0; v < 1000; v++) {
            assertThat(paths.of("id").filler(v)).isEqualTo(atoms.get("id." + v));
            assertThat(paths.of("name").filler("n" + v)).isEqualTo(atoms.get("name.n" + v));
            assertThat(paths.size()).isLessThanOrEqualTo(100);
        }
        for (int p = 0; p < PathAtoms.MAX_PATHS - 2; p++) { // "id" and "name" are two
            assertThat(paths.of("path" + p)).isNotNull();
        }
        assertThat(paths.of("one path too many")).isNull();
        assertThat(paths.of("path0")).as("known paths still answer").isNotNull();
    }

    @Test
    void concurrentLookupsAgree() throws Exception {
        VectorManager atoms = new VectorManager(128);
        PathAtoms paths = new PathAtoms(atoms);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    for (int i = 0; i < 20_000; i++) {
                        int v = r.nextInt(3000);
                        String path = List.of("a", "b", "c").get(r.nextInt(3));
                        PathAtoms.Path p = paths.of(path);
                        if (!p.filler(v).equals(atoms.get(path + "." + v))
                                || !p.filler("s" + v).equals(atoms.get(path + ".s" + v))
                                || !p.role().equals(atoms.get(path))) {
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
