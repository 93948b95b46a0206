package io.engram.index.rabitq;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ParityKernels} with one row per lane; see the interface. */
final class PanamaParityKernels implements ParityKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int BLOCK = 1024;

    private static final ThreadLocal<int[]> AGREE = ThreadLocal.withInitial(() -> new int[BLOCK]);
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[F.length()]);
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[F.length()]);

    /**
     * Sixteen (or eight) rows at a time: per dimension j one gather loads column j of those rows,
     * and each lane adds its own square, so each row's sum is the sequential one. The gathers issue
     * many independent loads at once, which is what a rerank of scattered rows needs.
     */
    @Override
    public void l2Squared(float[] query, float[] vectors, int dim, int[] rows, int count, float[] out) {
        int step = F.length();
        int[] offsets = OFFSETS.get();
        int i = 0;
        for (; i + step <= count; i += step) {
            for (int lane = 0; lane < step; lane++) {
                offsets[lane] = rows[i + lane] * dim;
            }
            FloatVector sum = FloatVector.zero(F);
            for (int j = 0; j < dim; j++) {
                FloatVector column = FloatVector.fromArray(F, vectors, j, offsets, 0);
                FloatVector d = FloatVector.broadcast(F, query[j]).sub(column);
                sum = sum.add(d.mul(d));
            }
            sum.intoArray(out, i);
        }
        for (; i < count; i++) {
            out[i] = SignCodes.l2Squared(query, vectors, rows[i] * dim, dim);
        }
    }

    /** One contiguous load per dimension and lane group: the layout exists for this loop. */
    @Override
    public void l2SquaredBlock(float[] query, float[] blocks, int base, int dim, float[] out) {
        int step = F.length();
        if (BLOCK_ROWS % step != 0) {
            ParityKernels.Scalar.INSTANCE.l2SquaredBlock(query, blocks, base, dim, out);
            return;
        }
        for (int group = 0; group < BLOCK_ROWS; group += step) {
            FloatVector sum = FloatVector.zero(F);
            for (int j = 0, at = base + group; j < dim; j++, at += BLOCK_ROWS) {
                FloatVector d = FloatVector.broadcast(F, query[j]).sub(FloatVector.fromArray(F, blocks, at));
                sum = sum.add(d.mul(d));
            }
            sum.intoArray(out, group);
        }
    }

    @Override
    public void symmetricScan(long[] codes, int words, long lastMask, float[] norms, int n, long[] queryCode, float queryNorm,
                     float[] lut, BufferedSelect select) {
        int[] agree = AGREE.get();
        float[] lanes = LANES.get();
        int step = F.length();
        float q2 = queryNorm * queryNorm;
        FloatVector qn = FloatVector.broadcast(F, queryNorm);
        FloatVector qq = FloatVector.broadcast(F, q2);
        for (int start = 0; start < n; start += BLOCK) {
            int count = Math.min(BLOCK, n - start);
            agreements(codes, words, lastMask, queryCode, start, count, agree);
            int i = 0;
            for (; i + step <= count; i += step) {
                int row = start + i;
                FloatVector xn = FloatVector.fromArray(F, norms, row);
                FloatVector cos = FloatVector.fromArray(F, lut, 0, agree, i);
                FloatVector ip = qn.mul(xn).mul(cos);
                FloatVector score = qq.add(xn.mul(xn)).sub(ip.mul(2.0f));
                VectorMask<Float> maybe = score.compare(VectorOperators.LE, thresholdScore(select))
                        .or(score.test(VectorOperators.IS_NAN));
                if (maybe.anyTrue()) {
                    score.intoArray(lanes, 0);
                    for (int lane = 0; lane < step; lane++) {
                        if (maybe.laneIsSet(lane)) {
                            long key = BufferedSelect.key(lanes[lane], row + lane);
                            if (key < select.threshold()) {
                                select.offer(key);
                            }
                        }
                    }
                }
            }
            for (; i < count; i++) {
                int row = start + i;
                float xn = norms[row];
                float ip = (queryNorm * xn) * lut[agree[i]];
                long key = BufferedSelect.key((q2 + xn * xn) - 2.0f * ip, row);
                if (key < select.threshold()) {
                    select.offer(key);
                }
            }
        }
    }

    /**
     * The score at the selection's threshold: lanes strictly above it cannot be kept. Before the
     * selection fills every score may be kept (NaN lanes are let through separately).
     */
    private static float thresholdScore(BufferedSelect select) {
        long threshold = select.threshold();
        float score = threshold == Long.MAX_VALUE ? Float.POSITIVE_INFINITY : TotalOrder.value((int) (threshold >> 32));
        // A NaN threshold (possible for an overflowing query) orders by total order, which a float
        // comparison cannot express: let every lane through to the exact per-lane key check.
        return Float.isNaN(score) ? Float.POSITIVE_INFINITY : score;
    }

    private static void agreements(long[] codes, int words, long lastMask, long[] queryCode, int start, int count, int[] out) {
        if (words == 2) {
            long q0 = queryCode[0];
            long q1 = queryCode[1];
            for (int i = 0, c = start * 2; i < count; i++, c += 2) {
                out[i] = Long.bitCount(~(q0 ^ codes[c])) + Long.bitCount(~(q1 ^ codes[c + 1]) & lastMask);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            out[i] = SignCodes.agreement(queryCode, 0, codes, (start + i) * words, words, lastMask);
        }
    }
}
