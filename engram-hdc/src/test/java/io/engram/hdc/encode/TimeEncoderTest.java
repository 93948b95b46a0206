package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import org.junit.jupiter.api.Test;

/** Time encoding checks of hdc-holon §6.5 and §16.3. */
class TimeEncoderTest {
    private static final TimeEncoder ENC = new TimeEncoder(new VectorManager(4096));
    private static final double T = 1_700_000_000; // 2023-11-14T22:13:20Z, a Tuesday

    private static double sim(double a, double b) {
        return Similarity.cosine(ENC.encode(a), ENC.encode(b));
    }

    @Test
    void weekApartAndYearApartStaySimilar() {
        assertThat(sim(T, T + 7 * 86400)).isGreaterThan(0.3);
        assertThat(sim(0, 365 * 86400)).isGreaterThan(0.3);
    }

    @Test
    void oneHourCloserThanTwelve() {
        assertThat(sim(T, T + 3600)).isGreaterThan(sim(T, T + 12 * 3600));
    }

    @Test
    void resolutionMatters() {
        double s = Similarity.cosine(ENC.encode(T, TimeEncoder.Resolution.SECOND), ENC.encode(T, TimeEncoder.Resolution.DAY));
        assertThat(s).isLessThan(0.99);
    }

    @Test
    void dayOfWeek() {
        assertThat(TimeEncoder.dayOfWeek(0)).isEqualTo(4);
        assertThat(TimeEncoder.dayOfWeek((long) T)).isEqualTo(2);
        assertThat(TimeEncoder.dayOfWeek(-1)).isEqualTo(3);
        assertThat(ENC.encode(T)).isEqualTo(ENC.encode(T));
    }
}
