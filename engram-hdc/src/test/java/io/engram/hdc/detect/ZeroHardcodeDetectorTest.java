package io.engram.hdc.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Onset and recovery mechanics of the detector (hdc-holon §12.3). */
class ZeroHardcodeDetectorTest {

    @Test
    void onsetMissesSevenAndRecoveryExitsOnTheSeventhNormalEvent() {
        TrafficGenerator gen = new TrafficGenerator();
        ZeroHardcodeDetector d = new ZeroHardcodeDetector(290);
        TrafficPhase calm = TrafficPhase.calm("calm", 1, 100);
        for (int i = 0; i < 300; i++) {
            d.process(gen.normal(), 100);
        }
        assertThat(d.warmupComplete()).isTrue();
        List<Boolean> onset = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            onset.add(d.process(gen.attack(AttackType.SYN_FLOOD), 80_000).anomalous());
        }
        assertThat(onset.subList(0, 7)).containsOnly(false);
        assertThat(onset.subList(7, 20)).containsOnly(true);
        List<Integer> sums = new ArrayList<>();
        List<Boolean> states = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            states.add(d.process(gen.next(calm), 100).anomalous());
            sums.add(d.windowSum());
        }
        assertThat(sums.subList(0, 7)).containsExactly(14, 13, 12, 11, 8, 5, 2);
        assertThat(states).containsExactly(true, true, true, true, true, true, false, false);
    }

    @Test
    void inTheDemoEveryAttackMissesSevenAndEveryRecoveryExitsOnTheSeventhNormalPacket() {
        // hdc-holon §16.9 on the reference timeline itself, packet by packet (the table only counts).
        List<TrafficPhase> timeline = TrafficPhase.REFERENCE_TIMELINE;
        double scale = TrafficPhase.REFERENCE_SCALE;
        TrafficGenerator gen = new TrafficGenerator();
        ZeroHardcodeDetector d = new ZeroHardcodeDetector(ZeroHardcodeDetector.referenceWarmup(timeline.getFirst().packets(scale)));
        int attacks = 0;
        int recoveries = 0;
        for (int p = 0; p < timeline.size(); p++) {
            TrafficPhase phase = timeline.get(p);
            boolean afterAttack = p > 0 && timeline.get(p - 1).isAttack();
            List<Boolean> states = new ArrayList<>();
            List<Integer> sums = new ArrayList<>();
            for (int i = 0; i < phase.packets(scale); i++) {
                states.add(d.process(gen.next(phase), phase.packetsPerSecond()).anomalous());
                sums.add(d.windowSum());
            }
            if (phase.isAttack()) {
                attacks++;
                assertThat(states.subList(0, 7)).as(phase.name()).containsOnly(false);
                assertThat(states.get(7)).as(phase.name()).isTrue();
            } else if (afterAttack) {
                recoveries++;
                assertThat(sums.subList(0, 7)).as(phase.name()).containsExactly(14, 13, 12, 11, 8, 5, 2);
                assertThat(states.subList(0, 8)).as(phase.name()).containsExactly(true, true, true, true, true, true, false, false);
            }
        }
        assertThat(attacks).isEqualTo(3);
        assertThat(recoveries).isEqualTo(3);
    }

    @Test
    void explanationsNameFieldsAndValues() {
        ZeroHardcodeDetector d = new ZeroHardcodeDetector(150, new StructureEncoder(new VectorManager(1024)));
        TrafficGenerator gen = new TrafficGenerator();
        for (int i = 0; i < 150; i++) {
            assertThat(d.process(gen.normal(), 100).warmup()).isTrue();
        }
        Verdict calm = d.process(gen.normal(), 100);
        assertThat(calm.explanation()).isEqualTo("Traffic matches learned baseline");
        Verdict attack = d.process(new Packet("UDP", 53, 50000, null, null, 4000), 100_000);
        assertThat(attack.raw()).isTrue();
        assertThat(attack.explanation()).startsWith("Rate (100000 pps) is ").contains("std below baseline");
        assertThat(ZeroHardcodeDetector.fields(new Packet("UDP", 53, 50000, null, null, 4000)))
                .isEqualTo("protocol=UDP, src_port=53, dst_port=50000, payload_size=4000");
        assertThat(ZeroHardcodeDetector.fields(Map.of("a", 1))).isEqualTo("a=1");
        assertThatThrownBy(() -> new ZeroHardcodeDetector(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void anExplanationShowsTheEventAsItWasWhenJudged() {
        ZeroHardcodeDetector d = new ZeroHardcodeDetector(150, new StructureEncoder(new VectorManager(1024)));
        for (int i = 0; i < 150; i++) {
            d.process(Map.of("kind", "a", "n", i % 3), 100);
        }
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        List<Integer> tags = new ArrayList<>(List.of(1, 2));
        event.put("kind", "zzz");
        event.put("tags", tags);
        Verdict v = d.process(event, 100);
        assertThat(v.patternZ()).isLessThan(ZeroHardcodeDetector.PATTERN_Z);
        event.put("kind", "changed");
        tags.add(3);
        assertThat(v.explanation()).contains("kind=zzz, tags=[1, 2]").doesNotContain("changed");
    }

    @Test
    void packetWalkEqualsItsJson() {
        StructureEncoder enc = new StructureEncoder(new VectorManager(4096));
        TrafficGenerator gen = new TrafficGenerator();
        for (int i = 0; i < 200; i++) {
            Packet p = i % 3 == 0 ? gen.attack(AttackType.values()[i % 4]) : gen.normal();
            assertThat(enc.encodeWalkable(p)).as(p.toJson()).isEqualTo(enc.encodeJson(p.toJson()));
        }
    }

    @Test
    void lcgMatchesTheReferenceFormula() {
        TrafficRng rng = new TrafficRng(42);
        long expected = 42L * 6364136223846793005L + 1;
        assertThat(rng.next()).isEqualTo(expected);
        TrafficRng again = new TrafficRng(42);
        again.next();
        long n = again.next();
        assertThat(new TrafficRng(expected).next()).isEqualTo(n);
        TrafficRng r = new TrafficRng(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(r.random()).isBetween(0.0, 1.0).isLessThan(1.0);
            assertThat(r.randint(49152, 65535)).isBetween(49152L, 65535L);
        }
    }
}
