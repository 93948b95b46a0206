package io.engram.index.rabitq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.random.RustStdRng;
import io.engram.index.SearchResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties the reference's unit tests check (rabitq-rulake spec §8.2–8.4), plus Engram's fixes. */
class RabitqBehaviourTest {

    /** The reference's unit-test generator: centres gen::<f32>()·4 − 2, uniform noise ±0.15 (with 20 centres its 1-bit recall@10 is 27.8 %, the reference reports 27.6 %). */
    static float[][] unitTestData(int n, int dim, int clusters, long seed) {
        RustStdRng rng = new RustStdRng(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = rng.nextF32() * 4 - 2;
            }
        }
        float[][] out = new float[n][dim];
        for (float[] v : out) {
            float[] c = centres[rng.genIndex(clusters)];
            for (int j = 0; j < dim; j++) {
                v[j] = c[j] + (rng.nextF32() * 0.3f - 0.15f);
            }
        }
        return out;
    }

    static double recallAt10(AnnIndex index, float[][] data, float[][] queries) {
        return recallAt10(q -> index.search(q, 10), data, queries);
    }

    /** Recall@10 of {@code search} against the exact top 10 of {@code data}. */
    static double recallAt10(java.util.function.Function<float[], SearchResult> search, float[][] data, float[][] queries) {
        FlatF32Index flat = new FlatF32Index(data[0].length);
        for (int i = 0; i < data.length; i++) {
            flat.add(i, data[i]);
        }
        double hits = 0;
        for (float[] q : queries) {
            long[] truth = flat.search(q, 10).ids();
            long[] got = search.apply(q).ids();
            for (long t : truth) {
                for (long g : got) {
                    if (t == g) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return hits / (10.0 * queries.length);
    }

    static <T extends AnnIndex> T filled(T index, float[][] data) {
        for (int i = 0; i < data.length; i++) {
            index.add(i, data[i]);
        }
        return index;
    }

    static float[] randomUnit(SplittableRandom r, int dim) {
        float[] v = new float[dim];
        double s = 0;
        for (int j = 0; j < dim; j++) {
            v[j] = (float) r.nextGaussian();
            s += v[j] * v[j];
        }
        for (int j = 0; j < dim; j++) {
            v[j] /= (float) Math.sqrt(s);
        }
        return v;
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    // ---- §8.2 rotations ----

    @Test
    void haarRowsAreOrthonormalAndApplyPreservesNorms() {
        for (int dim : new int[] {64, 128, 256}) {
            HaarRotation r = (HaarRotation) RandomRotation.of(RotationKind.HAAR_DENSE, dim, 7);
            double tolerance = dim == 256 ? 1e-3 : 1e-4;
            for (int i = 0; i < dim; i += 7) {
                for (int j = i; j < dim; j += 5) {
                    double dot = 0;
                    for (int k = 0; k < dim; k++) {
                        dot += r.entry(i, k) * r.entry(j, k);
                    }
                    assertThat(Math.abs(dot - (i == j ? 1 : 0))).as("rows %d, %d at D=%d", i, j, dim).isLessThan(tolerance);
                }
            }
            float[] v = randomUnit(new SplittableRandom(dim), dim);
            assertThat(Math.abs(norm(r.apply(v)) - 1)).isLessThan(1e-3);
            assertThat(RandomRotation.of(RotationKind.HAAR_DENSE, dim, 7).apply(v)).containsExactly(r.apply(v));
        }
    }

    @Test
    void hadamardKeepsUnitNormsWithinFivePercentAndDependsOnTheSeed() {
        SplittableRandom random = new SplittableRandom(3);
        for (int dim : new int[] {128, 256, 1000}) {
            RandomRotation r = RandomRotation.of(RotationKind.HADAMARD_SIGNED, dim, 42);
            for (int i = 0; i < 100; i++) {
                assertThat(norm(r.apply(randomUnit(random, dim)))).isBetween(0.95, 1.05);
            }
            float[] v = randomUnit(random, dim);
            assertThat(RandomRotation.of(RotationKind.HADAMARD_SIGNED, dim, 42).apply(v)).containsExactly(r.apply(v));
            assertThat(RandomRotation.of(RotationKind.HADAMARD_SIGNED, dim, 43).apply(v)).isNotEqualTo(r.apply(v));
        }
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
        HadamardRotation.fwht(ones, 8);
        assertThat(ones).containsExactly(8, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void hadamardIsSmallAndItsKindIsRecorded() {
        RabitqIndex haar = new RabitqIndex(128, 1);
        RabitqIndex hadamard = new RabitqIndex(128, 1, RotationKind.HADAMARD_SIGNED);
        assertThat(hadamard.rotation().bytes()).isLessThan(haar.rotation().bytes() / 10);
        assertThat(haar.memoryBytes()).isEqualTo(66_052);
        assertThat(hadamard.memoryBytes()).isEqualTo(2_052);
        assertThat(hadamard.rotationKind()).isEqualTo(RotationKind.HADAMARD_SIGNED);
        assertThat(haar.rotationKind()).isEqualTo(RotationKind.HAAR_DENSE);
    }

    @Test
    void paddedHadamardIsOrthogonalOnThePaddedSpace() {
        HadamardRotation r = (HadamardRotation) RandomRotation.of(RotationKind.HADAMARD_SIGNED, 100, 5);
        float[] out = new float[r.paddedDim()];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 20; i++) {
            r.applyPadded(randomUnit(random, 100), out);
            assertThat(norm(out)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    // ---- §8.3 codes and estimators ----

    @Test
    void packingRoundTripsAndMasksPadding() {
        SplittableRandom random = new SplittableRandom(1);
        float[] v = new float[130];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        long[] code = new long[SignCodes.wordsFor(130)];
        SignCodes.packSigns(v, 130, code, 0);
        for (int i = 0; i < 130; i++) {
            assertThat(SignCodes.bit(code, 0, i)).isEqualTo(v[i] >= 0);
        }
        assertThat(code[2] & ~SignCodes.lastWordMask(130)).isZero();

        long[] a = new long[1];
        SignCodes.packSigns(randomUnit(random, 64), 64, a, 0);
        assertThat(SignCodes.agreement(a, 0, a, 0, 1, SignCodes.lastWordMask(64))).isEqualTo(64);
        long[] opposite = {~a[0]};
        assertThat(SignCodes.agreement(a, 0, opposite, 0, 1, -1L)).isZero();

        float[] x = randomUnit(random, 100);
        float[] minus = new float[100];
        for (int i = 0; i < 100; i++) {
            minus[i] = x[i] == 0 ? -1 : -x[i];
        }
        long[] cx = new long[2];
        long[] cm = new long[2];
        SignCodes.packSigns(x, 100, cx, 0);
        SignCodes.packSigns(minus, 100, cm, 0);
        assertThat(SignCodes.agreement(cx, 0, cm, 0, 2, -1L)).as("raw XNOR counts padding").isEqualTo(28);
        assertThat(SignCodes.agreement(cx, 0, cm, 0, 2, SignCodes.lastWordMask(100))).isZero();
        assertThat(SignCodes.agreement(cx, 0, cx, 0, 2, SignCodes.lastWordMask(100))).isEqualTo(100);
        assertThat(SignCodes.lastWordMask(128)).isEqualTo(-1L);
    }

    @Test
    void symmetricEstimateOfSelfIsZeroAndNearRanksBeforeFar() {
        SplittableRandom random = new SplittableRandom(4);
        float[] x = randomUnit(random, 128);
        float[] near = x.clone();
        float[] far = randomUnit(random, 128);
        for (int i = 0; i < 128; i++) {
            near[i] += 0.05f * (float) random.nextGaussian();
        }
        for (RotationKind kind : RotationKind.values()) {
            RabitqIndex index = new RabitqIndex(128, 11, kind);
            index.add(0, x);
            assertThat(index.search(x, 1).distances()[0]).isLessThan(1e-5f);
            index.add(1, near);
            index.add(2, far);
            assertThat(index.search(x, 3).ids()).containsExactly(0, 1, 2);
            RabitqAsymIndex asym = new RabitqAsymIndex(128, 11, 1, kind);
            asym.add(1, near);
            asym.add(2, far);
            assertThat(asym.search(x, 2).ids()).containsExactly(1, 2);
        }
    }

    // ---- §8.4 indexes ----

    @Test
    void recallGatesOnTheReferenceUnitTestData() {
        float[][] data = unitTestData(1000, 128, 20, 42);
        float[][] queries = unitTestData(1100, 128, 20, 42);
        queries = Arrays.copyOfRange(queries, 1000, 1100);
        double sym = recallAt10(filled(new RabitqIndex(128, 42), data), data, queries);
        double plus5 = recallAt10(filled(new RabitqPlusIndex(128, 42, 5), data), data, queries);
        double asym = recallAt10(filled(new RabitqAsymIndex(128, 42, 1), data), data, queries);
        double hadamard20 = recallAt10(filled(new RabitqPlusIndex(128, 42, 20, RotationKind.HADAMARD_SIGNED), data), data, queries);
        assertThat(sym).isGreaterThan(0.20);
        assertThat(plus5).isGreaterThan(0.90);
        assertThat(asym).isGreaterThanOrEqualTo(sym - 0.02);
        assertThat(hadamard20).isGreaterThanOrEqualTo(0.85);
        float[][] data100 = unitTestData(1000, 100, 16, 7);
        float[][] q100 = Arrays.copyOfRange(unitTestData(1050, 100, 16, 7), 1000, 1050);
        assertThat(recallAt10(filled(new RabitqPlusIndex(100, 7, 5), data100), data100, q100)).isGreaterThan(0.80);
    }

    @Test
    void flatIsExactAndResultsAscend() {
        float[][] data = unitTestData(300, 16, 5, 3);
        FlatF32Index flat = filled(new FlatF32Index(16), data);
        RabitqPlusIndex plus = filled(new RabitqPlusIndex(16, 3, 4), data);
        float[] q = data[17];
        SearchResult exact = flat.search(q, 10);
        assertThat(exact.ids()[0]).isEqualTo(17);
        for (AnnIndex index : new AnnIndex[] {flat, plus, filled(new RabitqIndex(16, 3), data), filled(new RabitqAsymIndex(16, 3, 3), data)}) {
            float[] d = index.search(q, 10).distances();
            for (int i = 1; i < d.length; i++) {
                assertThat(d[i]).isGreaterThanOrEqualTo(d[i - 1]);
            }
        }
        double best = Double.MAX_VALUE;
        for (float[] v : data) {
            double s = 0;
            for (int j = 0; j < 16; j++) {
                s += (v[j] - q[j]) * (v[j] - q[j]);
            }
            best = Math.min(best, s);
        }
        assertThat(exact.distances()[0]).isEqualTo((float) best);
    }

    @Test
    void nanQueryDoesNotThrowAndHadamardScoresAreFinite() {
        float[][] data = unitTestData(200, 32, 4, 5);
        float[] nan = new float[32];
        Arrays.fill(nan, Float.NaN);
        for (AnnIndex index : new AnnIndex[] {filled(new FlatF32Index(32), data), filled(new RabitqIndex(32, 5), data),
                filled(new RabitqPlusIndex(32, 5, 3), data), filled(new RabitqAsymIndex(32, 5, 3), data)}) {
            assertThat(index.search(nan, 5).size()).isEqualTo(5);
        }
        SearchResult r = filled(new RabitqIndex(32, 5, RotationKind.HADAMARD_SIGNED), data).search(data[0], 7);
        assertThat(r.size()).isEqualTo(7);
        for (float d : r.distances()) {
            assertThat(Float.isFinite(d)).isTrue();
        }
    }

    @Test
    void memoryOrdersAsTheReferenceSays() {
        float[][] data = unitTestData(1000, 256, 8, 1);
        long one = filled(new RabitqIndex(256, 1), data).memoryBytes();
        long flat = filled(new FlatF32Index(256), data).memoryBytes();
        long plus = filled(new RabitqPlusIndex(256, 1, 2), data).memoryBytes();
        assertThat(one).isLessThan(flat);
        assertThat(flat).isLessThan(plus);
    }

    @Test
    void edgeCasesAndErrors() {
        RabitqPlusIndex index = new RabitqPlusIndex(8, 1, 2);
        assertThatThrownBy(() -> index.search(new float[8], 1)).isInstanceOf(EmptyIndexException.class).hasMessage("index is empty");
        index.add(1, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        index.add(2, new float[] {8, 7, 6, 5, 4, 3, 2, 1});
        assertThat(index.search(new float[8], 10).size()).isEqualTo(2);
        assertThatThrownBy(() -> index.search(new float[8], 0)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> index.search(new float[7], 1)).isInstanceOf(DimensionMismatchException.class)
                .hasMessageContaining("expected 8").hasMessageContaining("got 7");
        assertThatThrownBy(() -> index.add(3, new float[9])).isInstanceOf(DimensionMismatchException.class);
        assertThatThrownBy(() -> index.add(1L << 32, new float[8])).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("u32");
        assertThatThrownBy(() -> index.add(-1, new float[8])).isInstanceOf(InvalidArgumentException.class);
        float[] bad = new float[8];
        bad[3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> index.add(4, bad)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
        assertThat(index.size()).isEqualTo(2);
        index.add(0xFFFF_FFFFL, new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        assertThat(index.search(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 1).ids()).containsExactly(0xFFFF_FFFFL);

        RabitqAsymIndex asym = new RabitqAsymIndex(8, 1, 3);
        asym.add(1, new float[] {1, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> asym.add(2, new float[3])).isInstanceOf(DimensionMismatchException.class);
        asym.add(3, new float[] {0, 1, 0, 0, 0, 0, 0, 0});
        assertThat(asym.size()).isEqualTo(2);
        SearchResult r = asym.search(new float[] {0, 1, 0, 0, 0, 0, 0, 0}, 2);
        assertThat(r.ids()).containsExactly(3, 1);
        assertThat(r.distances()[0]).isZero();
    }

    @Test
    void parallelBuildIsBitIdenticalToSerialAdd() {
        float[][] data = unitTestData(3000, 64, 10, 8);
        long[] ids = new long[data.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 7L * i + 3;
        }
        for (RotationKind kind : RotationKind.values()) {
            RabitqPlusIndex serial = new RabitqPlusIndex(64, 8, 5, kind);
            for (int i = 0; i < data.length; i++) {
                serial.add(ids[i], data[i]);
            }
            RabitqPlusIndex parallel = RabitqPlusIndex.build(64, 8, 5, kind, ids, data);
            assertThat(parallel.codes().packedCodes()).isEqualTo(serial.codes().packedCodes());
            assertThat(parallel.codes().norms()).isEqualTo(serial.codes().norms());
            assertThat(parallel.ids()).isEqualTo(serial.ids());
            for (int q = 0; q < 20; q++) {
                SearchResult a = serial.search(data[q * 37], 10);
                SearchResult b = parallel.search(data[q * 37], 10);
                assertThat(b.ids()).isEqualTo(a.ids());
                assertThat(b.distances()).isEqualTo(a.distances());
            }
        }
    }

    @Test
    void buildValidatesEveryRowBeforeStoringAny() {
        float[][] data = {new float[4], new float[4], new float[5]};
        RabitqPlusIndex index = new RabitqPlusIndex(4, 1, 2);
        assertThatThrownBy(() -> index.addAll(new long[] {0, 1, 2}, data)).isInstanceOf(DimensionMismatchException.class);
        assertThat(index.size()).isZero();
    }

    @Test
    void scalarAndVectorKernelsAgreeBitForBit() {
        ParityKernels scalar = ParityKernels.Scalar.INSTANCE;
        ParityKernels vector = new PanamaParityKernels();
        for (int dim : new int[] {64, 100, 128, 192, 200}) {
            for (int n : new int[] {7, 1023, 5000}) {
                float[][] data = unitTestData(n, dim, 6, dim + n);
                RabitqIndex index = filled(new RabitqIndex(dim, 2), data);
                QueryScratch s = QueryScratch.get(index.store, 0);
                CodeStore.Rows rows = index.store.rows();
                for (int q = 0; q < 5; q++) {
                    float qn = index.encodeQuery(data[(q * 131) % n], s);
                    for (int wanted : new int[] {1, 10, 100}) {
                        BufferedSelect a = new BufferedSelect();
                        BufferedSelect b = new BufferedSelect();
                        a.reset(Math.min(wanted, n));
                        b.reset(Math.min(wanted, n));
                        scalar.symmetricScan(rows.codes(), index.codeWords(), SignCodes.lastWordMask(dim), rows.norms(), n, s.code, qn, index.cosTable, a);
                        vector.symmetricScan(rows.codes(), index.codeWords(), SignCodes.lastWordMask(dim), rows.norms(), n, s.code, qn, index.cosTable, b);
                        int count = a.finish();
                        float[] query = data[(q * 131) % n];
                        int[] picked = new int[Math.min(n, 37)];
                        for (int i = 0; i < picked.length; i++) {
                            picked[i] = (i * 7919) % n;
                        }
                        float[] exactScalar = new float[picked.length];
                        float[] exactVector = new float[picked.length];
                        float[] originals = new float[n * dim];
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(data[i], 0, originals, i * dim, dim);
                        }
                        scalar.l2Squared(query, originals, dim, picked, picked.length, exactScalar);
                        vector.l2Squared(query, originals, dim, picked, picked.length, exactVector);
                        assertThat(exactVector).isEqualTo(exactScalar);
                        float[] block = new float[16 * dim];
                        for (int lane = 0; lane < Math.min(16, n); lane++) {
                            for (int j = 0; j < dim; j++) {
                                block[j * 16 + lane] = data[lane][j];
                            }
                        }
                        float[] blockScalar = new float[16];
                        float[] blockVector = new float[16];
                        scalar.l2SquaredBlock(query, block, 0, dim, blockScalar);
                        vector.l2SquaredBlock(query, block, 0, dim, blockVector);
                        assertThat(blockVector).isEqualTo(blockScalar);
                        assertThat(b.finish()).isEqualTo(count);
                        for (int i = 0; i < count; i++) {
                            assertThat(b.get(i)).as("D=%d n=%d", dim, n).isEqualTo(a.get(i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void concurrentSearchesSeeCompleteRowsWhileAWriterAppends() throws Exception {
        float[][] data = unitTestData(4000, 32, 8, 12);
        RabitqPlusIndex index = new RabitqPlusIndex(32, 12, 4);
        for (int i = 0; i < 100; i++) {
            index.add(i, data[i]);
        }
        Thread writer = new Thread(() -> {
            for (int i = 100; i < data.length; i++) {
                index.add(i, data[i]);
            }
        });
        writer.start();
        int searches = 0;
        while (writer.isAlive() || searches < 50) {
            int probe = searches % 100;
            SearchResult r = index.search(data[probe], 1);
            assertThat(r.distances()[0]).isZero(); // an indexed vector always finds itself exactly
            searches++;
        }
        writer.join();
        assertThat(index.size()).isEqualTo(4000);
    }

    @Test
    void cpuKernelBatchesEqualDirectSearchesAndHonourTheRerankOverride() {
        float[][] data = unitTestData(800, 32, 10, 21);
        RabitqPlusIndex index = RabitqPlusIndex.build(32, 21, 3, RotationKind.HAAR_DENSE,
                java.util.stream.LongStream.range(0, 800).toArray(), data);
        java.util.List<float[]> queries = java.util.List.of(data[1], data[400], data[799]);
        VectorKernel kernel = new CpuKernel();
        assertThat(kernel.id()).isEqualTo("cpu");
        assertThat(kernel.caps()).isEqualTo(new VectorKernel.Caps("cpu", 1, 0, true));
        var own = kernel.scan(new VectorKernel.ScanRequest(index, queries, 5, java.util.OptionalInt.empty()));
        var wide = kernel.scan(new VectorKernel.ScanRequest(index, queries, 5, java.util.OptionalInt.of(40)));
        assertThat(own).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(own.get(i).ids()).isEqualTo(index.search(queries.get(i), 5).ids());
            assertThat(own.get(i).distances()).isEqualTo(index.search(queries.get(i), 5).distances());
            assertThat(wide.get(i).ids()).isEqualTo(index.search(queries.get(i), 5, 40).ids());
            float[] d = own.get(i).distances();
            for (int j = 1; j < d.length; j++) {
                assertThat(d[j]).isGreaterThanOrEqualTo(d[j - 1]);
            }
        }
        assertThatThrownBy(() -> new VectorKernel.ScanRequest(index, queries, 0, java.util.OptionalInt.empty()))
                .isInstanceOf(InvalidArgumentException.class);
    }

    /**
     * A positive-NaN selection threshold (ARM's default NaN, here forced through the table) must not
     * hide finite scores from the vector path: both paths keep the same candidates.
     */
    @Test
    void vectorScanHandlesANanThresholdLikeTheScalarOne() {
        int dim = 64;
        float[][] data = unitTestData(3000, dim, 5, 31);
        RabitqIndex index = filled(new RabitqIndex(dim, 3), data);
        QueryScratch s = QueryScratch.get(index.store, 0);
        float qn = index.encodeQuery(data[0], s);
        float[] lut = index.cosTable.clone();
        float positiveNan = Float.intBitsToFloat(0x7fc00000);
        for (int b = 0; b < lut.length; b++) {
            if (b < dim * 0.85) {
                lut[b] = positiveNan; // most rows score +NaN, so the kept C-th key becomes +NaN early
            }
        }
        CodeStore.Rows rows = index.store.rows();
        BufferedSelect scalar = new BufferedSelect();
        BufferedSelect vector = new BufferedSelect();
        scalar.reset(10);
        vector.reset(10);
        ParityKernels.Scalar.INSTANCE.symmetricScan(rows.codes(), index.codeWords(), SignCodes.lastWordMask(dim), rows.norms(),
                rows.size(), s.code, qn, lut, scalar);
        new PanamaParityKernels().symmetricScan(rows.codes(), index.codeWords(), SignCodes.lastWordMask(dim), rows.norms(),
                rows.size(), s.code, qn, lut, vector);
        int count = scalar.finish();
        assertThat(vector.finish()).isEqualTo(count);
        boolean anyFinite = false;
        for (int i = 0; i < count; i++) {
            assertThat(vector.get(i)).isEqualTo(scalar.get(i));
            anyFinite |= !Float.isNaN(TotalOrder.value((int) (scalar.get(i) >> 32)));
        }
        assertThat(anyFinite).as("finite scores exist and must be kept").isTrue();
    }

    @Test
    void dimensionsBeyondTheCapsAreRejectedClearly() {
        assertThatThrownBy(() -> new RabitqIndex(50_000, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("50000");
        assertThatThrownBy(() -> new FlatF32Index(4).add(1, new float[] {1, Float.NaN, 0, 0}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void asymHonoursAPerCallRerankFactor() {
        float[][] data = unitTestData(500, 32, 6, 41);
        RabitqAsymIndex reranking = filled(new RabitqAsymIndex(32, 41, 5), data);
        RabitqAsymIndex estimates = filled(new RabitqAsymIndex(32, 41, 1), data);
        SearchResult exact = reranking.search(data[3], 5, 50);
        assertThat(exact.ids()[0]).isEqualTo(3);
        assertThat(exact.distances()[0]).isZero();
        assertThat(reranking.search(data[3], 5, 1).distances()).isEqualTo(estimates.search(data[3], 5).distances());
        assertThatThrownBy(() -> estimates.search(data[3], 5, 4)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("does not keep");
    }
}
