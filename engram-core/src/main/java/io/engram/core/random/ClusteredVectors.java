package io.engram.core.random;

import io.engram.core.InvalidArgumentException;

/**
 * The RaBitQ reference's benchmark dataset, {@code clustered(n, D, C, seed)}: C centroids with
 * coordinates from {@code Uniform(-2, 2)} (f32), then per point a centroid picked with
 * {@code gen_range(0..C)} and, per coordinate, a {@code Normal(0, σ)} f64 sample cast to f32 and
 * added in f32. Draw for draw the same stream as the reference, so recall tables computed on it
 * are comparable number for number.
 *
 * <p>The reference's queries are the last {@code nq} points of a stream generated with
 * {@code n + nq}: call {@link #generate} with the total and split.
 */
public final class ClusteredVectors {

    /** The reference's noise: σ = 0.6. */
    public static final double REFERENCE_SIGMA = 0.6;

    private ClusteredVectors() {}

    /** {@code clustered(n, dim, clusters, seed)} with σ = 0.6. */
    public static float[][] generate(int n, int dim, int clusters, long seed) {
        return generate(n, dim, clusters, REFERENCE_SIGMA, seed);
    }

    /** The same generator with another noise level. */
    public static float[][] generate(int n, int dim, int clusters, double sigma, long seed) {
        InvalidArgumentException.check(n >= 0, "point count must not be negative, got %d", n);
        InvalidArgumentException.check(dim > 0, "dimension must be positive, got %d", dim);
        InvalidArgumentException.check(clusters > 0, "cluster count must be positive, got %d", clusters);
        InvalidArgumentException.check((long) n * dim <= Integer.MAX_VALUE,
                "n × dim must fit one array, got %d × %d", n, dim);
        RustStdRng rng = new RustStdRng(seed);
        UniformF32 uniform = new UniformF32(-2.0f, 2.0f);
        float[][] centroids = new float[clusters][dim];
        for (float[] centroid : centroids) {
            for (int j = 0; j < dim; j++) {
                centroid[j] = uniform.sample(rng);
            }
        }
        float[][] points = new float[n][dim];
        for (float[] p : points) {
            float[] centroid = centroids[rng.genIndex(clusters)];
            for (int j = 0; j < dim; j++) {
                p[j] = centroid[j] + (float) rng.nextNormal(0.0, sigma);
            }
        }
        return points;
    }
}
