package io.engram.hdc.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.VectorManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Discrete and continuous reckoners (hdc-holon §10.4). */
class ReckonerTest {
    private static final VectorManager VM = new VectorManager(1024);

    /** A "thought" that leans toward one of two themes with some shared noise. */
    private static HyperVector thought(SplittableRandom r, boolean win) {
        return Algebra.bundle(VM.get(win ? "win-theme" : "loss-theme"), VM.get("noise" + r.nextInt(50)),
                VM.get("ctx" + r.nextInt(20)));
    }

    @Test
    void discreteLearnsAndPredicts() {
        SplittableRandom r = new SplittableRandom(12);
        DiscreteReckoner rk = new DiscreteReckoner(List.of("Win", "Loss"), 1024, 10);
        assertThat(rk.predict(thought(r, true)).direction()).isEqualTo(-1);
        for (int i = 0; i < 200; i++) {
            boolean win = r.nextBoolean();
            rk.observe(thought(r, win), win ? 0 : 1, 1.0);
        }
        assertThat(rk.recalibrations()).isEqualTo(20);
        int correct = 0;
        for (int i = 0; i < 100; i++) {
            boolean win = r.nextBoolean();
            DiscreteReckoner.Prediction p = rk.predict(thought(r, win));
            if (p.direction() == (win ? 0 : 1)) {
                correct++;
            }
            assertThat(p.conviction()).isEqualTo(Math.abs(p.rawCosine()));
            assertThat(p.scores().get(0).cosine()).isGreaterThanOrEqualTo(p.scores().get(1).cosine());
        }
        assertThat(correct).isGreaterThanOrEqualTo(95);
        assertThatThrownBy(() -> rk.observe(thought(r, true), 2, 1)).hasMessageContaining("[0, 2), got 2");
    }

    @Test
    void curveFitsAnExponentialAccuracy() {
        SplittableRandom r = new SplittableRandom(3);
        DiscreteReckoner rk = new DiscreteReckoner(List.of("a", "b"), 64, 10).withCurveParams(5000, 500, 20);
        assertThat(rk.fitCurve()).isFalse();
        assertThat(rk.accuracyAt(0.5)).isNaN();
        // Resolutions whose accuracy is 0.5 + 0.1·e^(2c): the fit should recover a ≈ 0.1, b ≈ 2.
        for (int i = 0; i < 4000; i++) {
            double c = r.nextDouble();
            rk.resolve(c, r.nextDouble() < 0.5 + 0.1 * Math.exp(2 * c));
        }
        assertThat(rk.fitCurve()).isTrue();
        assertThat(rk.accuracyAt(0.0)).isCloseTo(0.6, within(0.05));
        assertThat(rk.accuracyAt(0.9)).isCloseTo(Math.min(0.99, 0.5 + 0.1 * Math.exp(1.8)), within(0.06));
        assertThat(rk.accuracyAt(10)).isEqualTo(0.99);
    }

    @Test
    void continuousInterpolatesLearntValues() {
        ContinuousReckoner rk = new ContinuousReckoner(1024, 10, 0.015);
        assertThat(rk.query(VM.get("anything"))).isEqualTo(0.015);
        SplittableRandom r = new SplittableRandom(8);
        // Three kinds of thought, each tied to a value.
        String[] kinds = {"calm", "busy", "storm"};
        double[] values = {1.0, 5.0, 9.0};
        for (int i = 0; i < 600; i++) {
            int kind = r.nextInt(3);
            HyperVector t = Algebra.bundle(VM.get(kinds[kind]), VM.get(kinds[kind] + "-detail" + r.nextInt(5)),
                    VM.get("noise" + r.nextInt(30)));
            rk.observe(t, values[kind] + 0.2 * r.nextGaussian(), 1.0);
        }
        double[] range = rk.range();
        assertThat(range[0]).isLessThan(1.5);
        assertThat(range[1]).isGreaterThan(8.5);
        double calm = rk.query(Algebra.bundle(VM.get("calm"), VM.get("calm-detail1"), VM.get("noise3")));
        double storm = rk.query(Algebra.bundle(VM.get("storm"), VM.get("storm-detail2"), VM.get("noise4")));
        assertThat(calm).isLessThan(4.0);
        assertThat(storm).isGreaterThan(6.0);
        assertThat(rk.observations()).isEqualTo(600);
    }
}
