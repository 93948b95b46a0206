package io.engram.index;

import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import io.engram.core.random.RustStdRng;

/**
 * The random hyperplanes of one LSH generation: {@code tables × bits} unit normals of Gaussian
 * components, in one row-major {@code float[]}. A vector's key in a table has bit 1 where its
 * projection on that table's plane is positive, packed most-significant first (plane 0 of a table
 * is bit {@code bits − 1}). Immutable.
 */
final class SimHashPlanes {

    private static final FloatKernels KERNELS = Kernels.floats();

    final int tables;
    final int bits;
    final int dimension;
    final float[] planes;

    private SimHashPlanes(int tables, int bits, int dimension, float[] planes) {
        this.tables = tables;
        this.bits = bits;
        this.dimension = dimension;
        this.planes = planes;
    }

    /** Draws planes from {@code StdRng::seed_from_u64(planeSeed)} standard normals, normalised. */
    static SimHashPlanes draw(long planeSeed, int tables, int bits, int dimension) {
        RustStdRng rng = new RustStdRng(planeSeed);
        float[] planes = new float[tables * bits * dimension];
        for (int p = 0; p < tables * bits; p++) {
            int base = p * dimension;
            double norm = 0;
            for (int j = 0; j < dimension; j++) {
                float x = (float) rng.nextStandardNormal();
                planes[base + j] = x;
                norm += (double) x * x;
            }
            // Unit planes make margins comparable across bits when choosing which bits to flip.
            float inverse = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int j = 0; j < dimension; j++) {
                planes[base + j] *= inverse;
            }
        }
        return new SimHashPlanes(tables, bits, dimension, planes);
    }

    /**
     * The key of the vector at {@code vectors[offset, offset + dimension)} in {@code table}; when
     * {@code margins} is non-null, also writes |projection| per bit position (index = bit, so
     * flipping bit b is {@code key ^ (1L << b)}).
     */
    long key(int table, float[] vectors, int offset, float[] margins) {
        long key = 0;
        int first = table * bits;
        for (int i = 0; i < bits; i++) {
            float projection = KERNELS.dot(planes, (first + i) * dimension, vectors, offset, dimension);
            key = (key << 1) | (projection > 0 ? 1 : 0);
            if (margins != null) {
                margins[bits - 1 - i] = Math.abs(projection);
            }
        }
        return key;
    }

    long bytes() {
        return 4L * planes.length;
    }
}
