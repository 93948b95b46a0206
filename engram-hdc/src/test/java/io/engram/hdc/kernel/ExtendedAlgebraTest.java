package io.engram.hdc.kernel;

import static io.engram.hdc.kernel.AlgebraTest.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.hdc.kernel.ExtendedAlgebra.AttendMode;
import io.engram.hdc.kernel.ExtendedAlgebra.GateMode;
import io.engram.hdc.kernel.ExtendedAlgebra.SegmentMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** hdc-holon §5.2 with the checks of §16.2. */
class ExtendedAlgebraTest {
    private static final VectorManager VM = new VectorManager(4096);

    /** v with a seeded fraction of its elements replaced by random ternary values. */
    static HyperVector noisy(HyperVector v, double fraction, SplittableRandom r) {
        int[] x = new int[v.dimensions()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < fraction ? r.nextInt(3) - 1 : v.get(i);
        }
        return HyperVector.of(x);
    }

    @Test
    void toys() {
        assertThat(ExtendedAlgebra.similarityProfile(v(1, -1, 1, -1), v(1, 1, 1, -1))).isEqualTo(v(1, -1, 1, 1));
        assertThat(ExtendedAlgebra.conditionalBind(v(1, 1, -1, 1), v(1, -1, 1, 1), v(1, -1, 1, 0), GateMode.POSITIVE))
                .isEqualTo(v(1, 0, -1, 0));
        assertThat(ExtendedAlgebra.conditionalBind(v(1, 1, -1, 1), v(1, -1, 1, 1), v(1, -1, 1, 0), GateMode.NEGATIVE))
                .isEqualTo(v(0, -1, 0, 0));
        assertThat(ExtendedAlgebra.conditionalBind(v(1, 1, -1, 1), v(1, -1, 1, 1), v(1, -1, 1, 0), GateMode.NON_ZERO))
                .isEqualTo(v(1, -1, -1, 0));
        assertThat(ExtendedAlgebra.analogy(v(1, -1, 0), v(-1, -1, 1), v(1, 1, 0))).isEqualTo(v(0, 1, 1));
    }

    @Test
    void analogyProjectReject() {
        HyperVector a = VM.get("a");
        HyperVector c = VM.get("c");
        assertThat(ExtendedAlgebra.analogy(a, a, c)).isEqualTo(c);
        assertThat(ExtendedAlgebra.project(a, List.of(a), true)).isEqualTo(a);
        assertThat(ExtendedAlgebra.project(a, List.of(), true).nnz()).isZero();
        assertThat(ExtendedAlgebra.reject(a, List.of(a), true).density()).isLessThan(0.1);
        assertThat(ExtendedAlgebra.reject(a, List.of(), true)).isEqualTo(a);
        // Projection onto span{a, b} keeps a vector built from them close to that vector.
        HyperVector b = VM.get("b");
        HyperVector ab = Algebra.bundle(a, b);
        assertThat(Similarity.cosine(ExtendedAlgebra.project(ab, List.of(a, b), true), ab)).isGreaterThan(0.8);
        // Rejecting an unrelated c keeps its signs but fills c's zeros with the sign of the small
        // residue, so the result agrees with c (cos ≈ √(2/3)) and is nearly orthogonal to a and b.
        HyperVector rejected = ExtendedAlgebra.reject(c, List.of(a, b), true);
        assertThat(Similarity.cosine(rejected, c)).isGreaterThan(0.75);
        assertThat(Math.abs(Similarity.cosine(rejected, a))).isLessThan(0.15);
        // A vector that contains a loses part of it: with a projection coefficient below 1 only the
        // zero positions can change sign, so the ternary rejection lowers the cosine without removing it.
        HyperVector mixed = Algebra.bundle(a, c, VM.get("e"));
        double before = Similarity.cosine(mixed, a);
        assertThat(before).isGreaterThan(0.4);
        assertThat(Math.abs(Similarity.cosine(ExtendedAlgebra.reject(mixed, List.of(a), true), a))).isLessThan(before - 0.1);
    }

    @Test
    void attend() {
        HyperVector q = v(1, -1, 0, 1);
        HyperVector m = v(1, 1, 1, -1);
        assertThat(ExtendedAlgebra.attend(q, m, 1, AttendMode.HARD)).isEqualTo(Algebra.resonance(q, m));
        // Soft: agreement pushes |r| above 0.5, disagreement below, q = 0 leaves exactly 0.5 (dropped).
        assertThat(ExtendedAlgebra.attend(q, m)).isEqualTo(v(1, 0, 0, 0));
        assertThat(ExtendedAlgebra.attend(q, m, 1, AttendMode.AMPLIFY)).isEqualTo(m);
    }

    @Test
    void segmentFindsTheRegimeChange() {
        long seed = 17;
        SplittableRandom r = new SplittableRandom(seed);
        HyperVector a = VM.get("regimeA");
        HyperVector b = VM.get("regimeB");
        List<HyperVector> stream = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stream.add(noisy(i < 5 ? a : b, 0.1, r));
        }
        assertThat(ExtendedAlgebra.segment(stream, 3, 0.5, SegmentMethod.DIFF)).as("seed %d", seed).containsExactly(0, 5);
        assertThat(ExtendedAlgebra.segment(stream, 3, 0.5, SegmentMethod.PROTOTYPE)).as("seed %d", seed).contains(0, 5)
                .doesNotContain(1, 2, 3, 4, 8, 9);
        assertThat(ExtendedAlgebra.segment(List.of(), 3, 0.5, SegmentMethod.DIFF)).isEmpty();
        assertThat(ExtendedAlgebra.segment(List.of(a))).containsExactly(0);
        assertThatThrownBy(() -> ExtendedAlgebra.segment(stream, 0, 0.5, SegmentMethod.DIFF)).hasMessageContaining("got 0");
    }

    @Test
    void invertAndComplexity() {
        List<HyperVector> book = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            book.add(VM.get("entry" + i));
        }
        List<Algebra.Match> hits = ExtendedAlgebra.invert(book.get(3), book);
        assertThat(hits.getFirst().index()).isEqualTo(3);
        assertThat(hits.getFirst().similarity()).isGreaterThan(0.9);
        assertThat(hits).hasSize(1);
        List<Algebra.Match> two = ExtendedAlgebra.invert(Algebra.bundle(book.get(1), book.get(6)), book, 5, 0.3);
        assertThat(two).extracting(Algebra.Match::index).containsExactlyInAnyOrder(1, 6);
        assertThat(ExtendedAlgebra.complexity(v(1, -1, 1, -1))).isEqualTo(1.0);
        assertThat(ExtendedAlgebra.complexity(v(0, 0, 0, 0))).isZero();
        assertThat(ExtendedAlgebra.complexity(v(1, 1, 0, 0))).isCloseTo(0.25, within(1e-12));
    }
}
