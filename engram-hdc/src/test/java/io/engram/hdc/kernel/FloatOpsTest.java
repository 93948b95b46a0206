package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FloatOpsTest {
    @Test
    void pipeline() {
        assertThat(FloatOps.bind(new double[] {2, -1}, new double[] {0.5, 3})).containsExactly(1.0, -3.0);
        double[] n = FloatOps.negate(new double[] {1, 1}, new double[] {1, 0});
        assertThat(n).containsExactly(0.0, 1.0);
        assertThat(FloatOps.negate(new double[] {1, 1}, new double[] {0, 0})).containsExactly(1.0, 1.0);
        assertThat(FloatOps.cosine(new double[] {1, 0}, new double[] {0, 0})).isZero();
        assertThat(FloatOps.cosine(new double[] {1, 1}, new double[] {2, 2})).isCloseTo(1.0, within(1e-12));
        assertThat(FloatOps.bundle(List.of(new double[] {1, 2}, new double[] {0.5, -3}))).containsExactly(1.5, -1.0);
    }
}
