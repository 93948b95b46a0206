package io.engram.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    private static String format(Instant t) {
        char[] out = new char[IsoInstants.MAX_LENGTH];
        int n = IsoInstants.format(t, out);
        return n < 0 ? null : new String(out, 0, n);
    }

    @Test
    void matchesInstantToStringOverTheFastRange() {
        SplittableRandom r = new SplittableRandom(7);
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = r.nextLong(last + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(format(t)).as("%s", t).isEqualTo(t.toString());
        }
    }

    @Test
    void edgesMatchAndOutsideTheFastRangeItDeclines() {
        for (String s : new String[] {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z", "2000-02-29T12:00:00.100Z",
                "2024-02-29T23:59:59.999999Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(format(Instant.parse(s))).isEqualTo(s);
        }
        assertThat(format(Instant.parse("1969-12-31T23:59:59Z"))).isNull();
        assertThat(format(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(format(Instant.MIN)).isNull();
        assertThat(format(Instant.MAX)).isNull();
    }
}
