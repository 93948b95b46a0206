package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The active (Vector API when available) ternary kernels agree with the scalar ones. */
class TernaryKernelsParityTest {

    @Test
    void dotOfLongIdenticalVectorsPassesTheByteWideningPoint() {
        // All ones: every lane gains +1 per step, the worst case for the byte accumulators.
        for (int n : new int[] {4096, 127 * 64, 127 * 64 + 1, 20_000}) {
            byte[] ones = new byte[n];
            java.util.Arrays.fill(ones, (byte) 1);
            byte[] minus = new byte[n];
            java.util.Arrays.fill(minus, (byte) -1);
            assertThat(TernaryKernels.active().dot(ones, ones)).isEqualTo(n);
            assertThat(TernaryKernels.active().dot(ones, minus)).isEqualTo(-n);
        }
    }

    @Test
    void atomsMatchTheKeystreamRecipe() {
        TernaryKernels active = TernaryKernels.active();
        TernaryKernels scalar = TernaryKernels.scalar();
        SplittableRandom r = new SplittableRandom(99);
        int[] lengths = {1, 15, 16, 17, 63, 64, 65, 100, 255, 256, 257, 1000, 1024, 4096, 4100};
        for (int t = 0; t < 45; t++) {
            long seed = t < 3 ? new long[] {0, -1, Long.MIN_VALUE}[t] : r.nextLong();
            int n = lengths[t % lengths.length];
            // The recipe word by word: element j = (keystream word j mod 3) − 1.
            io.engram.core.random.ChaChaRng rng = io.engram.core.random.ChaChaRng.chacha8(seed);
            byte[] expected = new byte[n];
            for (int j = 0; j < n; j++) {
                expected[j] = (byte) (Integer.remainderUnsigned(rng.nextInt(), 3) - 1);
            }
            int w = HyperVector.planeWords(n);
            long[] packed = new long[2 * w];
            scalar.pack(expected, packed);
            long[] a = new long[2 * w];
            long[] b = new long[2 * w];
            java.util.Arrays.fill(a, -1L); // stale contents must be overwritten, padding included
            java.util.Arrays.fill(b, -1L);
            active.atom(seed, a, n);
            scalar.atom(seed, b, n);
            assertThat(b).as("scalar, seed %d, n %d", seed, n).containsExactly(packed);
            assertThat(a).as("active, seed %d, n %d", seed, n).containsExactly(packed);
        }
    }

    /** The residue test on the words where its unsigned ranges meet, fed straight to the Vector API step. */
    @Test
    void atomResiduesAtTheEdgesOfTheirRanges() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TernaryKernels.active() instanceof PanamaTernaryKernels,
                "the Vector API kernels are not active here");
        int lanes = jdk.incubator.vector.IntVector.SPECIES_PREFERRED.length();
        org.junit.jupiter.api.Assumptions.assumeTrue(lanes % 4 == 0, "the atom kernel needs lanes in fours");
        int[] edges = {0, 1, 2, 3, 4, 5, 0x55555554, 0x55555555, 0x55555556, 0x55555557, 0xAAAAAAA9, 0xAAAAAAAA,
                0xAAAAAAAB, 0xAAAAAAAC, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFF};
        int[] words = new int[16 * lanes];
        int w = lanes / 4;
        for (int shift = 0; shift < edges.length; shift++) {
            for (int i = 0; i < words.length; i++) {
                words[i] = edges[(i + shift) % edges.length];
            }
            long[] planes = new long[2 * w];
            PanamaTernaryKernels.planeWords(words, planes, 0, w);
            for (int b = 0; b < lanes; b++) {
                for (int j = 0; j < 16; j++) {
                    int word = words[j * lanes + b];
                    int r = Integer.remainderUnsigned(word, 3);
                    int bit = 16 * (b % 4) + j;
                    assertThat((planes[b / 4] >>> bit) & 1).as("sign of %x", word).isEqualTo(r == 0 ? 1L : 0L);
                    assertThat((planes[w + b / 4] >>> bit) & 1).as("non-zero of %x", word).isEqualTo(r != 1 ? 1L : 0L);
                }
            }
        }
    }

    @Test
    void activeMatchesScalarOnEveryLength() {
        TernaryKernels active = TernaryKernels.active();
        TernaryKernels scalar = TernaryKernels.scalar();
        long seed = 2026;
        SplittableRandom r = new SplittableRandom(seed);
        for (int n = 1; n <= 300; n += (n < 70 ? 1 : 37)) {
            byte[] a = new byte[n];
            byte[] b = new byte[n];
            double[] f = new double[n];
            int[] sums1 = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = (byte) (r.nextInt(3) - 1);
                b[i] = (byte) (r.nextInt(3) - 1);
                f[i] = r.nextGaussian();
                sums1[i] = r.nextInt(-5, 6);
            }
            int[] sums2 = sums1.clone();
            byte[] small1 = new byte[n];
            for (int i = 0; i < n; i++) {
                small1[i] = (byte) r.nextInt(-100, 101);
            }
            byte[] small2 = small1.clone();
            active.add(small1, a);
            scalar.add(small2, a);
            active.addProduct(small1, a, b);
            scalar.addProduct(small2, a, b);
            assertThat(small1).as("n %d", n).containsExactly(small2);
            byte[] sg1 = new byte[n];
            byte[] sg2 = new byte[n];
            active.sign(small1, sg1);
            scalar.sign(small2, sg2);
            assertThat(sg1).as("n %d", n).containsExactly(sg2);
            assertThat(active.dot(a, b)).as("n %d", n).isEqualTo(scalar.dot(a, b));
            assertThat(active.dot(a, a)).as("n %d", n).isEqualTo(scalar.dot(a, a));
            byte[] m1 = new byte[n];
            byte[] m2 = new byte[n];
            active.multiply(a, b, m1);
            scalar.multiply(a, b, m2);
            assertThat(m1).as("n %d", n).containsExactly(m2);
            active.add(sums1, a);
            scalar.add(sums2, a);
            active.addProduct(sums1, a, b);
            scalar.addProduct(sums2, a, b);
            assertThat(sums1).as("n %d seed %d", n, seed).containsExactly(sums2);
            byte[] s1 = new byte[n];
            byte[] s2 = new byte[n];
            active.sign(sums1, s1);
            scalar.sign(sums2, s2);
            assertThat(s1).as("n %d", n).containsExactly(s2);
            double[] d1 = new double[2];
            double[] d2 = new double[2];
            active.dotWithNorm(a, f, d1);
            scalar.dotWithNorm(a, f, d2);
            assertThat(d1[0]).as("n %d", n).isCloseTo(d2[0], within(1e-12 * (1 + d2[1])));
            assertThat(d1[1]).as("n %d", n).isCloseTo(d2[1], within(1e-12 * (1 + d2[1])));
            double[] acc1 = f.clone();
            double[] acc2 = f.clone();
            active.add(acc1, a);
            scalar.add(acc2, a);
            assertThat(acc1).containsExactly(acc2);
        }
    }

    @Test
    void planesRoundTripAndBindAndDotAgreeWithTheBytes() {
        TernaryKernels active = TernaryKernels.active();
        TernaryKernels scalar = TernaryKernels.scalar();
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {1, 63, 64, 65, 100, 128, 1000, 4096, 4100}) {
            byte[] a = new byte[n];
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                a[i] = (byte) (r.nextInt(3) - 1);
                b[i] = (byte) (r.nextInt(3) - 1);
            }
            int w = HyperVector.planeWords(n);
            long[] p1 = new long[2 * w];
            long[] p2 = new long[2 * w];
            active.pack(a, p1);
            scalar.pack(a, p2);
            assertThat(p1).as("pack, n %d", n).containsExactly(p2);
            byte[] back1 = new byte[n];
            byte[] back2 = new byte[n];
            active.unpack(p1, back1);
            scalar.unpack(p1, back2);
            assertThat(back1).containsExactly(a);
            assertThat(back2).containsExactly(a);

            byte[] product = new byte[n];
            scalar.multiply(a, b, product);
            HyperVector bound = Algebra.bind(HyperVector.of(a), HyperVector.of(b));
            assertThat(bound.hasData()).as("bind answers in planes").isFalse();
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                assertThat(bound.get(i)).as("element %d of %d", i, n).isEqualTo(product[i]);
                nnz += product[i] != 0 ? 1 : 0;
            }
            assertThat(bound.nnz()).isEqualTo(nnz);
            assertThat(bound).isEqualTo(HyperVector.of(product)).hasSameHashCodeAs(HyperVector.of(product));
            assertThat(bound.toArray()).containsExactly(product);
            double[] f = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = r.nextGaussian();
            }
            for (TernaryKernels k : new TernaryKernels[] {active, scalar}) {
                double[] fromBytes = new double[2];
                double[] fromPlanes = new double[2];
                k.dotWithNorm(a, f, fromBytes);
                k.dotWithNorm(p1, f, fromPlanes);
                assertThat(fromPlanes).as("dot with a float vector from planes, n %d", n).containsExactly(fromBytes);
            }
            int levels = 1 + r.nextInt(12);
            long[] bits = new long[levels * w];
            long exact = 0;
            for (int i = 0; i < n; i++) {
                long u = r.nextLong(1L << levels);
                exact += a[i] * u;
                for (int k = 0; k < levels; k++) {
                    bits[k * w + (i >>> 6)] |= ((u >>> k) & 1L) << i;
                }
            }
            long offset = r.nextLong(1L << levels);
            long sum = 0;
            for (byte x : a) {
                sum += x;
            }
            long expected = exact - offset * sum;
            assertThat(active.dotBitSliced(p1, bits, levels, offset)).as("bit-sliced dot, n %d", n).isEqualTo(expected);
            assertThat(scalar.dotBitSliced(p1, bits, levels, offset)).as("bit-sliced dot, scalar, n %d", n)
                    .isEqualTo(expected);
            long exactBound = 0;
            long sumBound = 0;
            for (int i = 0; i < n; i++) {
                long u = 0;
                for (int k = 0; k < levels; k++) {
                    u |= ((bits[k * w + (i >>> 6)] >>> i) & 1L) << k;
                }
                exactBound += product[i] * u;
                sumBound += product[i];
            }
            long expectedBound = exactBound - offset * sumBound;
            long[] pb = HyperVector.of(b).planes();
            assertThat(active.dotBitSlicedBound(p1, pb, bits, levels, offset)).as("bit-sliced dot of a pair, n %d", n)
                    .isEqualTo(expectedBound);
            assertThat(scalar.dotBitSlicedBound(p1, pb, bits, levels, offset)).as("bit-sliced dot of a pair, scalar, n %d", n)
                    .isEqualTo(expectedBound);
            assertThat(active.dotBitSliced(bound.planes(), bits, levels, offset)).isEqualTo(expectedBound);
            HyperVector other = Algebra.bind(HyperVector.of(b), HyperVector.of(b));
            assertThat(Similarity.dot(bound, other)).as("dot on planes, n %d", n)
                    .isEqualTo(scalar.dot(product, other.toArray()));
        }
    }

    @Test
    void bitSlicedCountsMatchScalarAndTheIntegerSums() {
        TernaryKernels active = TernaryKernels.active();
        TernaryKernels scalar = TernaryKernels.scalar();
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {1, 63, 64, 65, 200, 512, 1000, 4096, 4100}) {
            int w = HyperVector.planeWords(n);
            int additions = 1 + r.nextInt(40);
            int levels = 32 - Integer.numberOfLeadingZeros(additions);
            long[] c1 = new long[2 * levels * w];
            long[] c2 = new long[2 * levels * w];
            int[] sums = new int[n];
            for (int k = 0; k < additions; k++) {
                byte[] a = new byte[n];
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) (r.nextInt(3) - 1);
                    b[i] = (byte) (r.nextInt(3) - 1);
                }
                long[] pa = new long[2 * w];
                long[] pb = new long[2 * w];
                scalar.pack(a, pa);
                scalar.pack(b, pb);
                active.count(pa, pb, c1, levels);
                scalar.count(pa, pb, c2, levels);
                for (int i = 0; i < n; i++) {
                    sums[i] += a[i] * b[i];
                }
            }
            assertThat(c1).as("counters, n %d, %d additions", n, additions).containsExactly(c2);
            long[] s1 = new long[2 * w];
            long[] s2 = new long[2 * w];
            active.countSign(c1, levels, s1);
            scalar.countSign(c2, levels, s2);
            assertThat(s1).as("sign, n %d", n).containsExactly(s2);
            byte[] expected = new byte[n];
            scalar.sign(sums, expected);
            byte[] got = new byte[n];
            scalar.unpack(s1, got);
            assertThat(got).as("sign of the integer sums, n %d", n).containsExactly(expected);
        }
    }

    @Test
    void multiplyOnPlanesMatchesScalarAndTheElementProducts() {
        TernaryKernels active = TernaryKernels.active();
        TernaryKernels scalar = TernaryKernels.scalar();
        SplittableRandom r = new SplittableRandom(17);
        for (int n : new int[] {1, 63, 64, 65, 300, 512, 1000, 4096, 4100}) {
            int w = HyperVector.planeWords(n);
            byte[] a = new byte[n];
            byte[] b = new byte[n];
            byte[] product = new byte[n];
            for (int i = 0; i < n; i++) {
                a[i] = (byte) (r.nextInt(3) - 1);
                b[i] = (byte) (r.nextInt(3) - 1);
            }
            scalar.multiply(a, b, product);
            long[] pa = new long[2 * w];
            long[] pb = new long[2 * w];
            long[] expected = new long[2 * w];
            scalar.pack(a, pa);
            scalar.pack(b, pb);
            scalar.pack(product, expected);
            long[] s1 = new long[2 * w];
            long[] s2 = new long[2 * w];
            active.multiply(pa, pb, s1);
            scalar.multiply(pa, pb, s2);
            assertThat(s2).as("scalar, n %d", n).containsExactly(expected);
            assertThat(s1).as("active, n %d", n).containsExactly(expected);
        }
    }

    @Test
    void signOfFewMatchesScalarAndTheIntegerSums() {
        TernaryKernels active = TernaryKernels.active();
        TernaryKernels scalar = TernaryKernels.scalar();
        SplittableRandom r = new SplittableRandom(13);
        for (int n : new int[] {1, 64, 65, 300, 512, 4096, 4100}) {
            int w = HyperVector.planeWords(n);
            for (int terms = 0; terms <= TernaryKernels.FEW; terms++) {
                long[][] pa = new long[terms][];
                long[][] pb = new long[terms][];
                int[] sums = new int[n];
                for (int k = 0; k < terms; k++) {
                    byte[] a = new byte[n];
                    byte[] b = new byte[n];
                    for (int i = 0; i < n; i++) {
                        // Mostly agreeing terms, so that counts reach the top level.
                        a[i] = (byte) (r.nextInt(5) == 0 ? r.nextInt(3) - 1 : 1);
                        b[i] = (byte) (r.nextInt(3) - 1);
                        sums[i] += a[i] * b[i];
                    }
                    pa[k] = new long[2 * w];
                    pb[k] = new long[2 * w];
                    scalar.pack(a, pa[k]);
                    scalar.pack(b, pb[k]);
                }
                long[] s1 = new long[2 * w];
                long[] s2 = new long[2 * w];
                active.signOfFew(pa, pb, terms, s1);
                scalar.signOfFew(pa, pb, terms, s2);
                byte[] expected = new byte[n];
                scalar.sign(sums, expected);
                long[] packed = new long[2 * w];
                scalar.pack(expected, packed);
                assertThat(s2).as("scalar, n %d, %d terms", n, terms).containsExactly(packed);
                assertThat(s1).as("active, n %d, %d terms", n, terms).containsExactly(packed);
            }
        }
    }
}
