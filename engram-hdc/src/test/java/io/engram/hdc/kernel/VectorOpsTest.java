package io.engram.hdc.kernel;

import static io.engram.hdc.kernel.AlgebraTest.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** hdc-holon §5.3 invariants (§16.2). */
class VectorOpsTest {
    private static final VectorManager VM = new VectorManager(4096);

    private static List<HyperVector> atoms(String prefix, int n) {
        List<HyperVector> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(VM.get(prefix + i));
        }
        return out;
    }

    @Test
    void reflectFlipCoherence() {
        assertThat(VectorOps.reflectAboutMean(v(1, 1, -1, -1))).isEqualTo(v(-1, -1, 1, 1));
        HyperVector a = VM.get("a");
        assertThat(Similarity.cosine(VectorOps.flip(a), a)).isLessThan(-0.99);
        assertThat(VectorOps.coherence(atoms("r", 10))).isLessThan(0.15);
        assertThat(VectorOps.coherence(List.of(a))).isEqualTo(1.0);
    }

    @Test
    void driftRateSeesSuddenChange() {
        SplittableRandom r = new SplittableRandom(23);
        List<HyperVector> stream = new ArrayList<>();
        HyperVector a = VM.get("A");
        HyperVector b = VM.get("B");
        for (int i = 0; i < 10; i++) {
            stream.add(ExtendedAlgebraTest.noisy(i < 5 ? a : b, 0.05, r));
        }
        double[] rates = VectorOps.driftRate(stream, 1);
        assertThat(rates).hasSize(8);
        assertThat(Arrays.stream(rates).min().orElseThrow()).isLessThan(-0.5);
        assertThat(VectorOps.driftRate(stream.subList(0, 2), 1)).isEmpty();
    }

    @Test
    void powerSparsifyCentroid() {
        HyperVector x = v(1, -1, 0, 1);
        assertThat(VectorOps.power(x, 0)).isEqualTo(v(0, 0, 0, 0));
        assertThat(VectorOps.power(x, 1)).isEqualTo(x);
        assertThat(VectorOps.power(x, 2)).isEqualTo(v(1, 1, 0, 1));
        assertThat(VectorOps.power(x, 3)).isEqualTo(x);
        assertThat(VectorOps.power(x, 0.5)).isEqualTo(x);
        assertThatThrownBy(() -> VectorOps.power(x, -1)).hasMessageContaining("got -1.0");
        assertThat(VectorOps.sparsify(x, 2)).isEqualTo(v(1, -1, 0, 0));
        assertThat(VectorOps.sparsify(x, 10)).isEqualTo(x);
        assertThat(VectorOps.sparsify(VM.get("s"), 100).nnz()).isEqualTo(100);
        List<HyperVector> three = atoms("c", 3);
        assertThat(VectorOps.centroid(three)).isEqualTo(Algebra.bundle(three));
    }

    @Test
    void topkAndMatrix() {
        List<HyperVector> cands = atoms("k", 6);
        HyperVector q = Algebra.bundle(cands.get(2), cands.get(2), cands.get(4));
        List<Algebra.Match> top = VectorOps.topkSimilar(q, cands, 2);
        assertThat(top).hasSize(2);
        assertThat(top.get(0).similarity()).isGreaterThanOrEqualTo(top.get(1).similarity());
        assertThat(top.getFirst().index()).isEqualTo(2);
        double[][] m = VectorOps.similarityMatrix(cands);
        for (int i = 0; i < m.length; i++) {
            assertThat(m[i][i]).isEqualTo(1.0);
            for (int j = 0; j < m.length; j++) {
                assertThat(m[i][j]).isEqualTo(m[j][i]).isBetween(-1.0, 1.0);
            }
        }
    }

    @Test
    void entropyConfidenceCorrelation() {
        assertThat(VectorOps.entropy(v(1, 1, 1))).isZero();
        assertThat(VectorOps.entropy(v(1, 0, -1))).isCloseTo(1.0, within(1e-12));
        VectorOps.ConfidentBundle cb = VectorOps.bundleWithConfidence(List.of(v(1, 1), v(1, -1), v(1, 1)));
        assertThat(cb.bundle()).isEqualTo(v(1, 1));
        assertThat(cb.margins()).containsExactly(1.0, 1.0 / 3);
        List<HyperVector> periodic = new ArrayList<>();
        List<HyperVector> base = atoms("p", 3);
        for (int i = 0; i < 12; i++) {
            periodic.add(base.get(i % 3));
        }
        double[] acf = VectorOps.autocorrelate(periodic, 5);
        assertThat(acf[0]).isEqualTo(1.0);
        assertThat(acf[3]).isCloseTo(1.0, within(1e-12));
        assertThat(Math.abs(acf[1])).isLessThan(0.1);
        assertThat(VectorOps.autocorrelate(periodic.subList(0, 2), 10)).hasSize(2);
        double[] xcf = VectorOps.crossCorrelate(periodic, periodic, 3);
        assertThat(xcf[0]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void randomProjectAndGrover() {
        HyperVector a = VM.get("proj");
        HyperVector p1 = VectorOps.randomProject(a, 256, 7);
        assertThat(VectorOps.randomProject(a, 256, 7)).isEqualTo(p1);
        assertThat(p1.dimensions()).isEqualTo(256);
        // Projections roughly preserve similarity: a near-copy stays closer than an unrelated atom.
        HyperVector near = ExtendedAlgebraTest.noisy(a, 0.1, new SplittableRandom(1));
        double close = Similarity.cosine(VectorOps.randomProject(near, 256, 7), p1);
        double far = Similarity.cosine(VectorOps.randomProject(VM.get("other"), 256, 7), p1);
        assertThat(close).isGreaterThan(far + 0.3);
        HyperVector signal = VM.get("signal");
        HyperVector bg = Algebra.bundle(signal, VM.get("n1"), VM.get("n2"));
        HyperVector amplified = VectorOps.groverAmplify(signal, bg, 1);
        assertThat(amplified.dimensions()).isEqualTo(4096);
        assertThat(VectorOps.groverAmplify(signal, bg, 0)).isEqualTo(bg);
    }
}
