package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.util.Arrays;

/**
 * Vectors to index ({@code train}) and queries to run against them, with the metric they are
 * compared by. Ids are train row numbers.
 *
 * @param name a stable name that identifies the data (it keys the ground-truth cache)
 * @param metric how vectors compare
 * @param train the indexed vectors, all of one dimension
 * @param queries the query vectors, same dimension
 */
public record Dataset(String name, Metric metric, float[][] train, float[][] queries) {

    public Dataset {
        InvalidArgumentException.check(name != null && !name.isBlank(), "dataset name is blank");
        InvalidArgumentException.check(metric != null && metric != Metric.HAMMING,
                "dataset metric must be l2, cosine or ip, got %s", metric);
        InvalidArgumentException.check(train.length > 0, "dataset %s has no train vectors", name);
        InvalidArgumentException.check(queries.length > 0, "dataset %s has no queries", name);
        int dim = train[0].length;
        InvalidArgumentException.check(dim > 0, "dataset %s has zero-dimensional vectors", name);
        for (float[][] rows : new float[][][] {train, queries}) {
            for (float[] row : rows) {
                InvalidArgumentException.check(row.length == dim,
                        "dataset %s mixes dimensions %d and %d", name, dim, row.length);
            }
        }
    }

    public int dimension() {
        return train[0].length;
    }

    public int size() {
        return train.length;
    }

    /** The same data compared by another metric (the name stays: the cache key adds the metric). */
    public Dataset withMetric(Metric newMetric) {
        return new Dataset(name, newMetric, train, queries);
    }

    /** Keeps the first {@code count} queries (all when count ≥ the number of queries). */
    public Dataset limitQueries(int count) {
        InvalidArgumentException.check(count > 0, "query count must be positive, got %d", count);
        return count >= queries.length ? this
                : new Dataset(name, metric, train, Arrays.copyOf(queries, count));
    }

    /**
     * A cheap fingerprint of the vectors' bits, stored with cached ground truth so that a cache file
     * made from different data under the same name is recomputed rather than trusted.
     */
    public long fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (float[][] rows : new float[][][] {train, queries}) {
            for (float[] row : rows) {
                h = (h ^ Arrays.hashCode(row)) * 0x100000001b3L;
            }
        }
        return h;
    }
}
