package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every path of the builder (bit-sliced counts, byte sums, int sums) gives the integer sums' signs. */
class BundleBuilderTest {
    private static final int D = 1000;

    private static HyperVector random(SplittableRandom r) {
        byte[] v = new byte[D];
        for (int i = 0; i < D; i++) {
            v[i] = (byte) (r.nextInt(3) - 1);
        }
        return HyperVector.of(v);
    }

    @Test
    void unitAdditionsMatchIntegerSumsAcrossEveryForm() {
        SplittableRandom r = new SplittableRandom(3);
        BundleBuilder b = new BundleBuilder(D);
        for (int total : new int[] {1, 2, 7, 8, 126, 127, 128, 300}) {
            b.clear();
            int[] sums = new int[D];
            for (int k = 0; k < total; k++) {
                HyperVector x = random(r);
                if (k % 3 == 0) {
                    HyperVector y = random(r);
                    b.addBound(x, y);
                    for (int i = 0; i < D; i++) {
                        sums[i] += x.get(i) * y.get(i);
                    }
                } else {
                    b.add(x);
                    for (int i = 0; i < D; i++) {
                        sums[i] += x.get(i);
                    }
                }
            }
            assertThat(b.count()).isEqualTo(total);
            for (int i = 0; i < D; i += 97) {
                assertThat(b.sum(i)).as("sum %d after %d additions", i, total).isEqualTo(sums[i]);
            }
            assertThat(b.build()).as("%d additions", total).isEqualTo(HyperVector.signOf(sums));
        }
    }

    @Test
    void weightedAndPermutedAdditionsAfterBitSlicedOnesKeepTheSums() {
        SplittableRandom r = new SplittableRandom(5);
        BundleBuilder b = new BundleBuilder(D);
        int[] sums = new int[D];
        for (int k = 0; k < 5; k++) {
            HyperVector x = random(r);
            b.add(x);
            for (int i = 0; i < D; i++) {
                sums[i] += x.get(i);
            }
        }
        HyperVector p = random(r);
        b.addPermuted(p, 3);
        for (int i = 0; i < D; i++) {
            sums[i] += p.get((i + 3) % D);
        }
        HyperVector w = random(r);
        b.add(w, -4);
        for (int i = 0; i < D; i++) {
            sums[i] += -4 * w.get(i);
        }
        assertThat(b.build()).isEqualTo(HyperVector.signOf(sums));
        b.clear();
        assertThat(b.build()).isEqualTo(HyperVector.zeros(D));
    }
}
