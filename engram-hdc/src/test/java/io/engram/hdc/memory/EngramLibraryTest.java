package io.engram.hdc.memory;

import static io.engram.hdc.memory.OnlineSubspaceTest.basis;
import static io.engram.hdc.memory.OnlineSubspaceTest.lowRank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.CorruptFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hdc-holon §10.2–10.3 with the library checks of §16.7. */
class EngramLibraryTest {
    private static final int D = 128;

    private static OnlineSubspace trained(SplittableRandom r, List<double[]> basis, int n) {
        OnlineSubspace s = new OnlineSubspace(D, 4);
        for (int i = 0; i < n; i++) {
            s.update(lowRank(r, basis, 0.05));
        }
        return s;
    }

    @Test
    void matchesByResidualSpectrumAndAlignment(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(31);
        List<double[]> a = basis(r, 3, D);
        List<double[]> b = basis(r, 3, D);
        EngramLibrary lib = new EngramLibrary(D);
        lib.add("a", trained(r, a, 150), Map.of("src_port", 2.5), Map.of("note", "first", "tags", List.of("x", 1L)));
        lib.add("b", trained(r, b, 150));
        assertThat(lib.names()).containsExactly("a", "b");
        assertThat(lib.contains("a")).isTrue();

        double[] probe = lowRank(r, a, 0.05);
        List<EngramLibrary.Match> m = lib.match(probe, 3);
        assertThat(m).extracting(EngramLibrary.Match::name).containsExactly("a", "b");
        assertThat(m.get(0).score()).isLessThan(m.get(1).score());

        List<EngramLibrary.Match> spectrum = lib.matchSpectrum(lib.get("a").eigenvalueSignature(), 5);
        assertThat(spectrum).hasSize(2);
        assertThat(spectrum.get(0).score()).isGreaterThanOrEqualTo(spectrum.get(1).score());
        assertThat(spectrum.get(0).score()).isCloseTo(1.0, within(1e-9));

        OnlineSubspace probeSub = trained(r, a, 150);
        List<EngramLibrary.Match> aligned = lib.matchAlignment(probeSub, 2);
        assertThat(aligned.getFirst().name()).isEqualTo("a");
        assertThat(aligned.get(0).score()).isGreaterThan(aligned.get(1).score());

        Path file = dir.resolve("lib.json");
        lib.save(file);
        EngramLibrary back = EngramLibrary.load(file);
        assertThat(back.names()).containsExactly("a", "b");
        List<EngramLibrary.Match> again = back.match(probe, 3);
        for (int i = 0; i < m.size(); i++) {
            assertThat(again.get(i).name()).isEqualTo(m.get(i).name());
            assertThat(again.get(i).score()).isCloseTo(m.get(i).score(), within(1e-10));
        }
        assertThat(back.get("a").surpriseProfile()).containsEntry("src_port", 2.5);
        assertThat(back.get("a").metadata()).containsEntry("note", "first").containsEntry("tags", List.of("x", 1L));
        assertThat(back.get("b").surpriseProfile()).isNull();
        assertThat(back.get("a").eigenvalueSignature()).containsExactly(lib.get("a").eigenvalueSignature());

        assertThat(lib.remove("a")).isTrue();
        assertThat(lib.remove("a")).isFalse();
        assertThat(lib.names()).containsExactly("b");
        lib.addFromEngram("copy", lib.get("b"));
        assertThat(lib.get("copy").n()).isEqualTo(lib.get("b").n());

        Files.writeString(file, "{\"dim\":128,\"engrams\":[{\"name\":\"x\"}]}");
        assertThatThrownBy(() -> EngramLibrary.load(file)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("kind must be a string");
        Files.writeString(file, "{\"dim\":");
        assertThatThrownBy(() -> EngramLibrary.load(file)).isInstanceOf(CorruptFileException.class);
    }

    @Test
    void stripedSubspaceAndEngram() {
        SplittableRandom r = new SplittableRandom(41);
        List<double[]> a0 = basis(r, 2, D);
        List<double[]> a1 = basis(r, 2, D);
        StripedSubspace s = new StripedSubspace(D, 3, 2);
        assertThat(s.threshold()).isInfinite();
        for (int i = 0; i < 120; i++) {
            double[][] x = {lowRank(r, a0, 0.05), lowRank(r, a1, 0.05)};
            double rss = s.residual(x);
            double[] profile = s.residualProfile(x);
            assertThat(rss).isCloseTo(Math.hypot(profile[0], profile[1]), within(1e-9));
            s.update(x);
        }
        assertThat(s.threshold()).isFinite();
        // A change confined to stripe 1 shows up in stripe 1's residual only.
        double[][] odd = {lowRank(r, a0, 0.05), OnlineSubspaceTest.bipolar(r, D)};
        double[] profile = s.residualProfile(odd);
        double[] usual = s.residualProfile(new double[][] {lowRank(r, a0, 0.05), lowRank(r, a1, 0.05)});
        assertThat(profile[1]).isGreaterThan(10 * usual[1]);
        assertThat(profile[0]).isLessThan(s.stripeThreshold(0));
        assertThat(s.stripeResidual(1, odd[1])).isEqualTo(profile[1]);

        EngramLibrary lib = new EngramLibrary(D);
        Engram e = lib.addStriped("striped", s, null, Map.of());
        assertThat(e.kind()).isEqualTo(Engram.Kind.STRIPED);
        assertThat(e.residualStriped(odd)).isCloseTo(s.residual(odd), within(1e-10));
        assertThat(lib.matchStriped(odd, 1)).extracting(EngramLibrary.Match::name).containsExactly("striped");
        assertThatThrownBy(() -> e.residual(odd[0])).hasMessageContaining("striped");
        assertThatThrownBy(() -> s.update(new double[3][D])).hasMessageContaining("(2), got 3");
    }
}
