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
        // Numbers from the file are checked, not truncated or wrapped: 2^64 + 5 is not 5.
        Files.writeString(file, "{\"dim\":18446744073709551621,\"engrams\":[]}");
        assertThatThrownBy(() -> EngramLibrary.load(file)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("dim must be a whole number that fits a long, got 18446744073709551621");
        Files.writeString(file, "{\"dim\":12.5,\"engrams\":[]}");
        assertThatThrownBy(() -> EngramLibrary.load(file)).hasMessageContaining("dim must be a whole number");
    }

    @Test
    void aSnapshotFromAFileCannotAskForMoreThanItHolds(@TempDir Path dir) throws Exception {
        // k and the component counts come from the file: a small file must not make the loader
        // allocate k × dim doubles, nor restore a subspace with no component or more than dim.
        Path file = dir.resolve("lib.json");
        String mean = "[" + "0,".repeat(39_999) + "0]";
        String snapshot = "{\"dim\":40000,\"k\":%d,\"amnesia\":2,\"ema_alpha\":0.01,\"sigma_mult\":3.5,\"reorth_interval\":500,"
                + "\"n\":3,\"mean\":" + mean + ",\"rows\":%d,\"components\":%s,\"res_ema\":0,\"res_var_ema\":0,"
                + "\"reflexive\":true,\"min_components\":1,\"max_components\":%d,\"grow_threshold\":0.05,\"shrink_threshold\":0.01}";
        String library = "{\"dim\":40000,\"engrams\":[{\"name\":\"x\",\"kind\":\"single\",\"subspaces\":[%s]}]}";
        Files.writeString(file, library.formatted(snapshot.formatted(40_000, 1, mean, 64)));
        assertThat(EngramLibrary.load(file).get("x").subspace().numComponents()).isEqualTo(1);
        Files.writeString(file, library.formatted(snapshot.formatted(4, 0, "[]", 64)));
        assertThatThrownBy(() -> EngramLibrary.load(file)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("1 <= rows <= dim, got dim 40000, k 4, rows 0");
        Files.writeString(file, library.formatted(snapshot.formatted(40_001, 1, mean, 64)));
        assertThatThrownBy(() -> EngramLibrary.load(file)).hasMessageContaining("1 <= k <= dim");
        Files.writeString(file, library.formatted(snapshot.formatted(4, 1, mean, 1 << 30)));
        assertThatThrownBy(() -> EngramLibrary.load(file)).hasMessageContaining("max_components <= dim");
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
        // The single-subspace checks, stripe by stripe: export round-trip, reconstruct + anomalous
        // component = x, reflexive K within its bounds.
        StripedSubspace copy = StripedSubspace.fromSnapshot(s.snapshot());
        assertThat(copy.residual(odd)).isCloseTo(s.residual(odd), within(1e-10));
        assertThat(copy.residualProfile(odd)).containsExactly(s.residualProfile(odd), within(1e-10));
        for (int stripe = 0; stripe < 2; stripe++) {
            double[] rebuilt = s.stripe(stripe).reconstruct(odd[stripe]);
            double[] rest = s.anomalousComponent(stripe, odd[stripe]);
            for (int i = 0; i < D; i++) {
                assertThat(rebuilt[i] + rest[i]).isCloseTo(odd[stripe][i], within(1e-9));
            }
            assertThat(s.stripe(stripe).numComponents()).isBetween(3, Math.min(D, 64));
        }

        EngramLibrary lib = new EngramLibrary(D);
        Engram e = lib.addStriped("striped", s, null, Map.of());
        assertThat(e.kind()).isEqualTo(Engram.Kind.STRIPED);
        assertThat(e.residualStriped(odd)).isCloseTo(s.residual(odd), within(1e-10));
        assertThat(lib.matchStriped(odd, 1)).extracting(EngramLibrary.Match::name).containsExactly("striped");
        assertThatThrownBy(() -> e.residual(odd[0])).hasMessageContaining("striped");
        assertThatThrownBy(() -> s.update(new double[3][D])).hasMessageContaining("(2), got 3");
    }
}
