package io.engram.hdc.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.engram.hdc.kernel.VectorManager;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The batch-013 scenario: warmup at 5,000 pps, then three attacks at 500,000 pps with recoveries. */
class RateLimitMitigatorTest {

    /** Normal traffic of the batch-013 example: 75 % TCP, 20 % UDP, 5 % ICMP. */
    private static Packet normal(TrafficRng r) {
        double x = r.random();
        if (x < 0.75) {
            return new Packet("TCP", (int) r.randint(49152, 65534), r.choice(80, 443, 8080, 22, 8443),
                    r.choice("PA", "A", "SA", "S", "FA"), null, (int) r.randint(0, 1499));
        } else if (x < 0.95) {
            return new Packet("UDP", (int) r.randint(49152, 65534), r.choice(53, 443, 123, 5353), null, null,
                    (int) r.randint(20, 511));
        }
        return new Packet("ICMP", null, null, null, r.choice(0, 8), 64);
    }

    private static MitigationRule attack(RateLimitMitigator m, TrafficRng r, Supplier<Packet> attack) {
        for (int i = 0; i < 500; i++) {
            Packet p = attack.get();
            m.process(p, 500_000);
            m.trackAnomaly(p);
        }
        MitigationRule rule = m.deriveRule();
        m.resetAnomalyTracking();
        for (int i = 0; i < 200; i++) {
            m.process(normal(r), 5000);
        }
        return rule;
    }

    @Test
    void derivesCompositeRulesAndDecodesTheBaselineRate() {
        TrafficRng r = new TrafficRng(42);
        RateLimitMitigator m = new RateLimitMitigator(300, new VectorManager(4096));
        for (int i = 0; i < 350; i++) {
            m.process(normal(r), 5000);
        }
        assertThat(m.warmupComplete()).isTrue();
        assertThat(Math.log10(m.decodedBaselinePps())).isCloseTo(Math.log10(5000), within(0.35));

        MitigationRule dns = attack(m, r, () -> new Packet("UDP", 53, (int) r.randint(49152, 65534), null, null,
                (int) r.randint(512, 4095)));
        assertThat(dns).isNotNull();
        assertThat(dns.match()).containsEntry("src_port", "53").containsEntry("protocol", "UDP").doesNotContainKey("dst_port");
        assertThat(dns.reason()).contains("src_port=53").contains("% conc");

        MitigationRule syn = attack(m, r, () -> new Packet("TCP", (int) r.randint(1, 65534), 80, "S", null, 0));
        assertThat(syn.match()).containsEntry("dst_port", "80").containsEntry("flags", "S").doesNotContainKey("src_port");

        MitigationRule icmp = attack(m, r, () -> new Packet("ICMP", null, null, null, 8, 1400));
        assertThat(icmp.match()).containsEntry("icmp_type", "8").containsEntry("protocol", "ICMP");
        assertThat(icmp.toJson()).startsWith("{\"match\":{").contains("\"action\":\"rate_limit\"");
        assertThat(icmp.ratePps()).isEqualTo(m.decodedBaselinePps());
    }

    @Test
    void hyperLogLogCountsDistinctValues() {
        HyperLogLog h = new HyperLogLog(10);
        for (int i = 0; i < 500; i++) {
            h.add("v" + (i % 100));
        }
        assertThat(h.estimate()).isCloseTo(100, within(10.0));
        assertThat(h.cardinalityRatio()).isCloseTo(0.2, within(0.03));
        h.reset();
        for (int i = 0; i < 300; i++) {
            h.add("fixed");
        }
        assertThat(h.cardinalityRatio()).isLessThan(0.01);
        assertThat(new HyperLogLog(10).cardinalityRatio()).isZero();
    }
}
