package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FixedThreadsEngineTest {

    @Test
    void nameAtCountBuildsOnThatManyThreads() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        AnnEngine probe = new EngramIndexEngine("probe", java.util.Map.of(), "ef", new int[] {10},
                (dim, metric) -> new io.engram.index.FlatIndex(dim, metric));
        AnnEngine fixed = new FixedThreadsEngine(new AnnEngine() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public java.util.Map<String, Object> params() {
                return java.util.Map.of("M", 16);
            }

            @Override
            public int[] defaultSweep() {
                return new int[] {10};
            }

            @Override
            public Index build(Dataset data, int threads) throws java.io.IOException {
                seen.set(threads);
                return probe.build(data, threads);
            }
        }, 1);
        Dataset data = new Dataset("tiny", Metric.L2, new float[][] {{0f, 0f}, {1f, 1f}}, new float[][] {{0f, 0f}});
        try (AnnEngine.Index index = fixed.build(data, 8)) {
            assertThat(seen.get()).isEqualTo(1);
            long[] ids = new long[1];
            assertThat(index.search(new float[] {0f, 0f}, 1, 10, ids)).isEqualTo(1);
            assertThat(ids[0]).isZero();
        }
        assertThat(fixed.name()).isEqualTo("probe@1");
        assertThat(fixed.params()).containsEntry("M", 16).containsEntry("buildThreads", 1);
    }

    @Test
    void theRegistryUnderstandsTheSuffix() {
        AnnEngine engine = AnnEngines.create("engram-flat@2", EngineOptions.DEFAULTS);
        assertThat(engine.name()).isEqualTo("engram-flat@2");
        assertThat(engine).isInstanceOf(FixedThreadsEngine.class);
        assertThatThrownBy(() -> AnnEngines.create("engram-flat@x", EngineOptions.DEFAULTS))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("positive integer");
    }
}
