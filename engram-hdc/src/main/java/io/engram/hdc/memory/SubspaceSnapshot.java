package io.engram.hdc.memory;

import io.engram.core.InvalidArgumentException;

/**
 * The complete state of an {@link OnlineSubspace} (the Rust field set plus the reflexive-K
 * settings), enough to restore it exactly: {@code components} holds {@code rows × dim} values
 * row-major, where {@code rows} is the current number of components.
 */
public record SubspaceSnapshot(int dim, int k, double amnesia, double emaAlpha, double sigmaMult, int reorthInterval,
        long n, double[] mean, int rows, double[] components, double resEma, double resVarEma, boolean reflexive,
        int minComponents, int maxComponents, double growThreshold, double shrinkThreshold) {

    public SubspaceSnapshot {
        // A subspace always has at least one component and never more than dim of them.
        if (dim <= 0 || k <= 0 || k > dim || rows < 1 || rows > dim) {
            throw new InvalidArgumentException("subspace snapshot needs dim > 0, 1 <= k <= dim and 1 <= rows <= dim, got dim "
                    + dim + ", k " + k + ", rows " + rows);
        }
        if (minComponents < 1 || maxComponents < minComponents || maxComponents > dim) {
            throw new InvalidArgumentException("subspace snapshot needs 1 <= min_components <= max_components <= dim, got "
                    + minComponents + " and " + maxComponents + " for dim " + dim);
        }
        if (mean.length != dim) {
            throw new InvalidArgumentException("snapshot mean must have " + dim + " values, got " + mean.length);
        }
        if (components.length != (long) rows * dim) {
            throw new InvalidArgumentException("snapshot components must have rows × dim = " + (long) rows * dim
                    + " values, got " + components.length);
        }
        mean = mean.clone();
        components = components.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] components() {
        return components.clone();
    }
}
