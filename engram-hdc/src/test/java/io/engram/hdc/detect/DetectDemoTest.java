package io.engram.hdc.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.VectorManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zero-hardcode demo table of hdc-holon §12.3 / §16.9, exactly. */
class DetectDemoTest {

    @Test
    void referenceTableIsExact() {
        DetectDemo.Report r = DetectDemo.run();
        assertThat(r.warmup()).isEqualTo(290);
        assertThat(r.totalPackets()).isEqualTo(48_750);
        List<String> rows = r.phases().stream()
                .map(p -> p.name() + " " + p.packets() + "/" + p.detected() + " " + p.status())
                .toList();
        assertThat(rows).containsExactly(
                "warmup 300/0 LEARNING",
                "DNS attack 15000/14993 DETECTED",
                "recovery-1 150/6 CLEAN",
                "SYN flood 18000/17993 DETECTED",
                "recovery-2 150/6 CLEAN",
                "NTP attack 15000/14993 DETECTED",
                "final 150/6 CLEAN");
        assertThat(r.recall()).isCloseTo(47_979.0 / 48_000, within(1e-12));
        assertThat(r.falsePositiveRate()).isCloseTo(0.04, within(1e-12));
        assertThat(r.rateBaseline().mean()).isCloseTo(1.0, within(1e-9));
        assertThat(r.rateBaseline().std()).isEqualTo(0.02);
        assertThat(DetectDemo.toJson(r)).contains("\"packets\":48750");
    }

    @Test
    void atomsAlreadyCachedChangeNothing() {
        StructureEncoder encoder = new StructureEncoder(new VectorManager(ZeroHardcodeDetector.DIMENSIONS, 0L, 1 << 17));
        DetectDemo.Report cold = DetectDemo.run(encoder);
        int atoms = encoder.atoms().cacheSize();
        DetectDemo.Report warm = DetectDemo.run(encoder);
        assertThat(encoder.atoms().cacheSize()).as("the replay made no new atom").isEqualTo(atoms);
        assertThat(warm.phases()).isEqualTo(cold.phases());
        assertThat(warm.patternBaseline().mean()).isEqualTo(cold.patternBaseline().mean());
        assertThat(warm.patternBaseline().std()).isEqualTo(cold.patternBaseline().std());
    }

    @Test
    void theGenericStreamDetectorFindsTheSameTableInTheDemosEvents() {
        // The demo's packets as NDJSON (the packet's fields and "rate":{"$log":pps}) through the
        // domain-free StreamDetector with the demo's warmup: the same table as the detector built
        // for the demo. The SYN flood changes only the rate field, which the field alarm catches.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DetectDemo.writeEvents(new java.io.PrintStream(bytes, false, java.nio.charset.StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(48_750);
        assertThat(lines.getFirst()).endsWith(",\"rate\":{\"$log\":100}}");
        StreamDetector d = new StreamDetector(290);
        int[] sizes = {300, 15_000, 150, 18_000, 150, 15_000, 150};
        int at = 0;
        StringBuilder table = new StringBuilder();
        int byFieldAlone = 0;
        for (int size : sizes) {
            int flagged = 0;
            for (int i = 0; i < size; i++) {
                StreamDetector.StreamVerdict v = d.processJson(lines.get(at++));
                if (!v.warmup() && v.anomalous()) {
                    flagged++;
                }
                if (size == 18_000 && v.raw() && v.z() >= StreamDetector.EVENT_Z) {
                    byFieldAlone++;
                }
            }
            table.append(size).append('/').append(flagged).append(' ');
        }
        assertThat(table.toString().strip()).isEqualTo("300/0 15000/14993 150/6 18000/17993 150/6 15000/14993 150/6");
        assertThat(byFieldAlone).as("SYN packets raise the alarm by their rate field alone").isGreaterThanOrEqualTo(17_000);
    }
}
