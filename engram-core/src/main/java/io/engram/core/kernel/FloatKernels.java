package io.engram.core.kernel;

import io.engram.core.DimensionMismatchException;

/**
 * Dense-vector kernels over {@code float[]}, {@code byte[]} (int8) and packed 4-bit codes.
 *
 * <p>Two implementations exist: {@link ScalarFloatKernels}, which sums strictly left to right
 * without FMA (the order reference-parity code paths need), and a Vector API one, which
 * reassociates sums across lanes. Integer kernels agree bit for bit; float kernels agree within
 * the tolerance stated on {@link Kernels}. Obtain the active implementation from
 * {@link Kernels#floats()}.
 *
 * <p>Offset forms take raw positions and lengths; they throw {@link IndexOutOfBoundsException}
 * when a range falls outside an array. Array forms check that lengths agree and throw
 * {@link DimensionMismatchException} otherwise.
 */
public interface FloatKernels {

    /** A short name of the implementation, e.g. {@code "scalar"} or {@code "panama"}. */
    String name();

    /** Σ a[aOffset+i]·b[bOffset+i] for i in [0, length). */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Σ (a[aOffset+i] − b[bOffset+i])² for i in [0, length). */
    float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

    /**
     * Cosine similarity; 0 when either vector has zero norm (a defined value rather than NaN, so
     * a zero vector ranks last instead of poisoning a top-k).
     */
    float cosine(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Σ a[i]·b[i] over int8 components, exact in int arithmetic. */
    int dotInt8(byte[] a, int aOffset, byte[] b, int bOffset, int length);

    /** Σ (a[i] − b[i])² over int8 components, exact in int arithmetic. */
    int squareDistanceInt8(byte[] a, int aOffset, byte[] b, int bOffset, int length);

    /**
     * Dot product of two vectors of unsigned 4-bit values packed two per byte (component 2j in the
     * low nibble of byte j, component 2j+1 in the high nibble). {@code length} counts bytes.
     */
    int dotInt4Packed(byte[] a, int aOffset, byte[] b, int bOffset, int length);

    /**
     * Scores one query against {@code rowCount} consecutive rows of a row-major block whose row
     * width is {@code query.length}: {@code scores[i] = dot(query, rows[firstRow + i])}.
     */
    default void dotBatch(float[] query, float[] rows, int firstRow, int rowCount, float[] scores) {
        int dim = query.length;
        checkBatch(dim, rows, firstRow, rowCount, scores);
        for (int r = 0; r < rowCount; r++) {
            scores[r] = dot(query, 0, rows, (firstRow + r) * dim, dim);
        }
    }

    /** Like {@link #dotBatch} with squared L2 distance. */
    default void squareDistanceBatch(float[] query, float[] rows, int firstRow, int rowCount, float[] scores) {
        int dim = query.length;
        checkBatch(dim, rows, firstRow, rowCount, scores);
        for (int r = 0; r < rowCount; r++) {
            scores[r] = squareDistance(query, 0, rows, (firstRow + r) * dim, dim);
        }
    }

    /**
     * Squared L2 distances from {@code query} to four rows of one slab, into
     * {@code out[outOffset .. outOffset + 3]}. Scoring four rows in one loop gives the CPU four
     * independent streams of loads, so the memory latency of rows outside the caches overlaps (a
     * graph search scores the unvisited neighbours of a node this way; ~1.7× faster per row than
     * single calls when rows come from DRAM).
     *
     * <p>Each row's result depends only on the query and that row — not on its slot or on the
     * other three — but it is summed in its own order, so it may differ from
     * {@link #squareDistance} in the last bits. Callers that compare distances use one of the two
     * consistently.
     */
    default void squareDistance4(float[] query, int qOffset, float[] rows, int offset0, int offset1, int offset2,
            int offset3, int length, float[] out, int outOffset) {
        out[outOffset] = squareDistance(query, qOffset, rows, offset0, length);
        out[outOffset + 1] = squareDistance(query, qOffset, rows, offset1, length);
        out[outOffset + 2] = squareDistance(query, qOffset, rows, offset2, length);
        out[outOffset + 3] = squareDistance(query, qOffset, rows, offset3, length);
    }

    /** Like {@link #squareDistance4} with the dot product. */
    default void dot4(float[] query, int qOffset, float[] rows, int offset0, int offset1, int offset2, int offset3,
            int length, float[] out, int outOffset) {
        out[outOffset] = dot(query, qOffset, rows, offset0, length);
        out[outOffset + 1] = dot(query, qOffset, rows, offset1, length);
        out[outOffset + 2] = dot(query, qOffset, rows, offset2, length);
        out[outOffset + 3] = dot(query, qOffset, rows, offset3, length);
    }

    /**
     * Dot products of a float query with four rows of int8 codes, into
     * {@code out[outOffset .. outOffset + 3]}: {@code Σ query[qOffset+i]·rows[offset_r+i]}. A graph
     * search that walks quantized rows (a quarter of the bytes of float rows) scores neighbour lists
     * with it and applies each row's scale afterwards. As with {@link #dot4}, each row's value
     * depends only on the query and that row; implementations differ in summation order within the
     * tolerance stated on {@link Kernels}.
     */
    default void dotInt8Rows4(float[] query, int qOffset, byte[] rows, int offset0, int offset1, int offset2,
            int offset3, int length, float[] out, int outOffset) {
        ScalarFloatKernels.checkRanges(query.length, qOffset, rows.length, offset0, length);
        ScalarFloatKernels.checkRanges(query.length, qOffset, rows.length, offset1, length);
        ScalarFloatKernels.checkRanges(query.length, qOffset, rows.length, offset2, length);
        ScalarFloatKernels.checkRanges(query.length, qOffset, rows.length, offset3, length);
        java.util.Objects.checkFromIndexSize(outOffset, 4, out.length);
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int i = 0; i < length; i++) {
            float q = query[qOffset + i];
            s0 += q * rows[offset0 + i];
            s1 += q * rows[offset1 + i];
            s2 += q * rows[offset2 + i];
            s3 += q * rows[offset3 + i];
        }
        out[outOffset] = s0;
        out[outOffset + 1] = s1;
        out[outOffset + 2] = s2;
        out[outOffset + 3] = s3;
    }

    default float dot(float[] a, float[] b) {
        DimensionMismatchException.check(a.length, b.length);
        return dot(a, 0, b, 0, a.length);
    }

    default float squareDistance(float[] a, float[] b) {
        DimensionMismatchException.check(a.length, b.length);
        return squareDistance(a, 0, b, 0, a.length);
    }

    default float cosine(float[] a, float[] b) {
        DimensionMismatchException.check(a.length, b.length);
        return cosine(a, 0, b, 0, a.length);
    }

    /** Euclidean norm √(Σ a[i]²). */
    default float norm(float[] a) {
        return (float) Math.sqrt(dot(a, 0, a, 0, a.length));
    }

    default int dotInt8(byte[] a, byte[] b) {
        DimensionMismatchException.check(a.length, b.length);
        return dotInt8(a, 0, b, 0, a.length);
    }

    default int squareDistanceInt8(byte[] a, byte[] b) {
        DimensionMismatchException.check(a.length, b.length);
        return squareDistanceInt8(a, 0, b, 0, a.length);
    }

    default int dotInt4Packed(byte[] a, byte[] b) {
        DimensionMismatchException.check(a.length, b.length);
        return dotInt4Packed(a, 0, b, 0, a.length);
    }

    private static void checkBatch(int dim, float[] rows, int firstRow, int rowCount, float[] scores) {
        if (firstRow < 0 || rowCount < 0 || (long) (firstRow + (long) rowCount) * dim > rows.length) {
            throw new IndexOutOfBoundsException("rows [" + firstRow + ", " + ((long) firstRow + rowCount)
                    + ") of width " + dim + " exceed a block of " + rows.length + " floats");
        }
        if (scores.length < rowCount) {
            throw new IndexOutOfBoundsException("scores holds " + scores.length + " values, " + rowCount + " needed");
        }
    }
}
