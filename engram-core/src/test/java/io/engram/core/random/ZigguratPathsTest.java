package io.engram.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slow paths of the StandardNormal Ziggurat: the i = 0 tail and the wedge test. */
class ZigguratPathsTest {
    private static final double[] X = ZigguratTables.ZIG_NORM_X;
    private static final double R = ZigguratTables.ZIG_NORM_R;

    /** First-draw bits for strip {@code i} and u = 2·mantissa − 1 (u in [−1, 1)). */
    private static long bitsFor(int i, double u) {
        long mantissa = (long) ((u + 1.0) / 2.0 * 0x1.0p52);
        return (mantissa << 12) | i;
    }

    @Test
    void tablesHaveTheCrateShape() {
        assertThat(X).hasSize(257);
        assertThat(ZigguratTables.ZIG_NORM_F).hasSize(257);
        assertThat(X[1]).isEqualTo(R);
        assertThat(X[256]).isZero();
        assertThat(ZigguratTables.ZIG_NORM_F[256]).isEqualTo(1.0);
        for (int i = 0; i < 256; i++) {
            assertThat(X[i]).isGreaterThan(X[i + 1]);
            assertThat(ZigguratTables.ZIG_NORM_F[i]).isLessThan(ZigguratTables.ZIG_NORM_F[i + 1]);
        }
    }

    @Test
    void tailSamplesLieBeyondRWithTheSignOfU() {
        for (long seed = 0; seed < 50; seed++) {
            RustStdRng rng = new RustStdRng(seed);
            double up = rng.zigguratAttempt(0xFFFF_FFFF_FFFF_F000L); // i = 0, u just below 1
            double down = rng.zigguratAttempt(0L); // i = 0, u = −1
            assertThat(up).isGreaterThan(R);
            assertThat(down).isLessThan(-R);
        }
    }

    @Test
    void innerStripReturnsUTimesXWithoutFurtherDraws() {
        RustStdRng a = new RustStdRng(3);
        RustStdRng b = new RustStdRng(3);
        long bits = bitsFor(5, 0.5);
        double expectedU = Double.longBitsToDouble((bits >>> 12) | 0x4000_0000_0000_0000L) - 3.0;
        assertThat(a.zigguratAttempt(bits)).isEqualTo(expectedU * X[5]);
        assertThat(a.nextU64()).isEqualTo(b.nextU64()); // nothing consumed
    }

    @Test
    void wedgeEitherAcceptsXOrAsksForARetry() {
        long bits = bitsFor(5, 0.99); // |x| between X[6] and X[5]: inside the wedge of strip 5
        double u = Double.longBitsToDouble((bits >>> 12) | 0x4000_0000_0000_0000L) - 3.0;
        double x = u * X[5];
        assertThat(Math.abs(x)).isBetween(X[6], X[5]);
        int accepted = 0;
        int rejected = 0;
        for (long seed = 0; seed < 64; seed++) {
            RustStdRng rng = new RustStdRng(seed);
            RustStdRng twin = new RustStdRng(seed);
            double got = rng.zigguratAttempt(bits);
            double uniform = twin.nextF64();
            double f = ZigguratTables.ZIG_NORM_F[6] + (ZigguratTables.ZIG_NORM_F[5] - ZigguratTables.ZIG_NORM_F[6]) * uniform;
            if (f < StrictMath.exp(-x * x / 2.0)) {
                assertThat(got).isEqualTo(x);
                accepted++;
            } else {
                assertThat(got).isNaN();
                rejected++;
            }
        }
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void seededStreamTakesEveryPathAndHasStandardMoments() {
        RustStdRng sampler = new RustStdRng(2024);
        RustStdRng stepper = new RustStdRng(2024);
        int n = 300_000;
        int tails = 0;
        int wedgeAccepted = 0;
        int wedgeRejected = 0;
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < n; k++) {
            double z = sampler.nextStandardNormal();
            // Replay the same draws one attempt at a time to see which path produced z.
            double replay;
            do {
                long bits = stepper.nextU64();
                int i = (int) (bits & 0xFF);
                double u = Double.longBitsToDouble((bits >>> 12) | 0x4000_0000_0000_0000L) - 3.0;
                boolean fastPath = Math.abs(u * X[i]) < X[i + 1];
                replay = stepper.zigguratAttempt(bits);
                if (!fastPath && i == 0) {
                    tails++;
                    assertThat(Math.abs(replay)).isGreaterThan(R);
                } else if (!fastPath && Double.isNaN(replay)) {
                    wedgeRejected++;
                } else if (!fastPath) {
                    wedgeAccepted++;
                }
            } while (Double.isNaN(replay));
            assertThat(replay).isEqualTo(z);
            sum += z;
            sumSq += z * z;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertThat(mean).isBetween(-0.01, 0.01);
        assertThat(variance).isBetween(0.98, 1.02);
        assertThat(tails).isPositive();
        assertThat(wedgeAccepted).isPositive();
        assertThat(wedgeRejected).isPositive();
    }
}
