package io.engram.hdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.hdc.encode.ScalarDecoder;
import io.engram.hdc.encode.ScalarMode;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.HyperVector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The facade checks of hdc-holon §16.8 and the log decoder. */
class HolonTest {
    private static final Holon H = new Holon();

    @Test
    void algebraThroughTheFacade() {
        HyperVector a = H.atom("A");
        HyperVector b = H.atom("B");
        HyperVector c = H.atom("C");
        assertThat(H.similarity(H.unbind(H.bind(a, b), a), b)).isGreaterThan(0.5);
        HyperVector abc = H.bundle(a, b, c);
        for (HyperVector x : List.of(a, b, c)) {
            assertThat(H.similarity(abc, x)).isGreaterThan(0.3);
        }
        assertThat(H.similarity(H.negate(abc, b), b)).isLessThan(H.similarity(abc, b));
        assertThat(H.similarity(H.amplify(abc, b, 2), b)).isGreaterThan(H.similarity(abc, b));
        Algebra.Match m = H.cleanup(H.bundle(a, a, a, H.atom("noise")), List.of(b, a, c)).orElseThrow();
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.similarity()).isGreaterThan(0.5);
        assertThat(H.similarity(H.blend(a, b, 0), a)).isGreaterThan(0.9);
        assertThat(H.similarity(H.blend(a, b, 1), b)).isGreaterThan(0.9);
        HyperVector half = H.blend(a, b, 0.5);
        assertThat(H.similarity(half, a)).isGreaterThan(0.3);
        assertThat(H.similarity(half, b)).isGreaterThan(0.3);
        assertThat(H.permute(H.permute(a, 10), -10)).isEqualTo(a);
        assertThat(H.significance(0.05)).isCloseTo(3.2, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void prototypeOfBillingDocuments() {
        List<HyperVector> docs = List.of(
                H.encodeJson("{\"type\":\"billing\",\"amount\":100,\"user\":\"u1\"}"),
                H.encodeJson("{\"type\":\"billing\",\"amount\":250,\"user\":\"u2\"}"),
                H.encodeJson("{\"type\":\"billing\",\"amount\":75,\"user\":\"u3\"}"));
        HyperVector proto = H.prototype(docs);
        for (HyperVector d : docs) {
            assertThat(H.similarity(proto, d)).isGreaterThan(0.2);
        }
    }

    @Test
    void anomalyWorkflowAndRateBaseline() {
        SplittableRandom r = new SplittableRandom(5);
        Accumulator baseline = H.createAccumulator();
        String[] paths = {"/home", "/login", "/search", "/cart"};
        for (int i = 0; i < 100; i++) {
            baseline.add(H.encodeJson("{\"method\":\"GET\",\"path\":\"" + paths[r.nextInt(paths.length)]
                    + "\",\"status\":200}"));
        }
        double[] norm = baseline.normalize();
        double normal = H.similarity(H.encodeJson("{\"method\":\"GET\",\"path\":\"/home\",\"status\":200}"), norm);
        double odd = H.similarity(H.encodeJson("{\"method\":\"DELETE\",\"path\":\"/admin\",\"status\":500}"), norm);
        assertThat(normal).isGreaterThan(odd);

        Accumulator rates = H.createAccumulator();
        for (int i = 0; i < 50; i++) {
            rates.add(H.encodeScalarLog(100 * (0.9 + 0.2 * r.nextDouble())));
        }
        double[] rateNorm = rates.normalize();
        assertThat(H.similarity(H.encodeScalarLog(105), rateNorm))
                .isGreaterThan(H.similarity(H.encodeScalarLog(100_000), rateNorm));
    }

    @Test
    void decodeLog() {
        // Below 10^1.57 every sin/cos term has one sign (|p·freq| < π/2 for all dimensions), so the
        // positional encoding cannot tell those values apart; decode where it can.
        for (double value : new double[] {100, 1234, 80_000, 3e7}) {
            double decoded = H.decodeScalarLog(H.encodeScalarLog(value));
            assertThat(decoded / value).as("decode %s -> %s", value, decoded).isBetween(0.8, 1.25);
        }
        assertThat(H.decodeScalarLog(H.encodeScalarLog(2000), 100, 1e5) / 2000).isBetween(0.8, 1.25);
        assertThat(H.encodeJsonStriped("{\"a\":1,\"b\":2}", 3)).hasSize(3);
        // The decoder takes any log encoder; the rotation one has four outputs, so it can only
        // return some value with the same encoding.
        java.util.function.DoubleFunction<HyperVector> rotationLog = x -> H.encodeScalar(x, new ScalarMode.Log(10));
        HyperVector target = rotationLog.apply(500);
        double decoded = ScalarDecoder.decodeLog(target, rotationLog, 1e-2, 1e10, 500, 200);
        assertThat(rotationLog.apply(decoded)).isEqualTo(target);
    }
}
