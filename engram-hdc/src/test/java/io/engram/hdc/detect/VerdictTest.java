package io.engram.hdc.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void explanationIsWrittenOnceOnFirstUseAndTakesPartInEquality() {
        AtomicInteger calls = new AtomicInteger();
        Verdict lazy = new Verdict(7, false, true, true, -3.0, -1.0, () -> {
            calls.incrementAndGet();
            return "Rate (5 pps) is 3.0 std below baseline";
        });
        assertThat(calls).hasValue(0);
        Verdict eager = new Verdict(7, false, true, true, -3.0, -1.0, "Rate (5 pps) is 3.0 std below baseline");
        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(lazy.explanation()).isEqualTo(eager.explanation());
        assertThat(calls).hasValue(1);
        assertThat(lazy).isNotEqualTo(new Verdict(7, false, true, true, -3.0, -1.0, "other"));
        assertThat(lazy.toString()).contains("explanation=Rate (5 pps)");
        assertThatThrownBy(() -> new Verdict(1, true, false, false, Double.NaN, Double.NaN, (String) null))
                .isInstanceOf(NullPointerException.class);
    }
}
