package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path cache;

    @Test
    void gaussianIsSeededWithSeparateQueries() throws IOException {
        Dataset a = Datasets.load("gaussian:500x16", cache);
        Dataset b = Datasets.load("gaussian:500x16:42", cache);
        Dataset c = Datasets.load("gaussian:500x16:7", cache);
        assertThat(a.name()).isEqualTo("gaussian-500x16-seed42");
        assertThat(a.metric()).isEqualTo(Metric.L2);
        assertThat(a.size()).isEqualTo(500);
        assertThat(a.dimension()).isEqualTo(16);
        assertThat(a.queries()).hasNumberOfRows(50);
        assertThat(a.train()).isDeepEqualTo(b.train());
        assertThat(a.queries()).isDeepEqualTo(b.queries());
        assertThat(a.train()[0]).isNotEqualTo(c.train()[0]);
        for (float[] q : a.queries()) {
            for (float[] t : a.train()) {
                assertThat(q).isNotEqualTo(t);
            }
        }
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @Test
    void queryCountIsATenthWithinBounds() {
        assertThat(Datasets.gaussianQueryCount(20)).isEqualTo(10);
        assertThat(Datasets.gaussianQueryCount(2_000)).isEqualTo(200);
        assertThat(Datasets.gaussianQueryCount(1_000_000)).isEqualTo(1_000);
    }

    @Test
    void metricOverrideAndQueryLimit() throws IOException {
        Dataset d = Datasets.load("gaussian:100x4", cache).withMetric(Metric.COSINE).limitQueries(3);
        assertThat(d.metric()).isEqualTo(Metric.COSINE);
        assertThat(d.queries()).hasNumberOfRows(3);
        assertThat(d.limitQueries(1000).queries()).hasNumberOfRows(3);
    }

    @Test
    void missingAptGetIsAClearError() {
        Path root = cache.resolve("datasets/fashion-mnist");
        assertThatThrownBy(() -> Datasets.fetchDebianPackage(root, cache.resolve("empty-bin").toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'apt-get' is not on PATH")
                .hasMessageContaining("apt-get download dataset-fashion-mnist && dpkg-deb -x");
    }

    @Test
    void unknownSpecsAreRejectedWithTheAcceptedForms() {
        assertThatThrownBy(() -> Datasets.load("sift-1m", cache)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("unknown dataset 'sift-1m'").hasMessageContaining("gaussian:NxD");
        assertThatThrownBy(() -> Datasets.load("gaussian:0x4", cache)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Datasets.load("gaussian:99999999999x4", cache))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> Datasets.load("debian-minilm:999", cache))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1000..100000");
        assertThatThrownBy(() -> Datasets.load("debian-minilm:100001", cache))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1000..100000");
    }

    @Test
    void knownSpecsIncludeDebianMiniLmWithinRange() {
        assertThat(Datasets.isKnown("debian-minilm")).isTrue();
        assertThat(Datasets.isKnown("debian-minilm:1000")).isTrue();
        assertThat(Datasets.isKnown("debian-minilm:100000")).isTrue();
        assertThat(Datasets.isKnown("debian-minilm:999")).isFalse();
        assertThat(Datasets.isKnown("debian-minilm:100001")).isFalse();
        assertThat(Datasets.isKnown("debian-minilm:")).isFalse();
        assertThat(Datasets.isKnown("fashion-mnist")).isTrue();
        assertThat(Datasets.isKnown("gaussian:10x2:7")).isTrue();
        assertThat(Datasets.isKnown("gaussian:0x2")).isFalse();
    }
}
