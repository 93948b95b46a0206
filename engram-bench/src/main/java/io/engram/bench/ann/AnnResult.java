package io.engram.bench.ann;

import java.util.List;
import java.util.Map;

/**
 * What one {@link AnnBenchmark} run measured.
 *
 * @param dataset dataset name
 * @param metric metric name (l2, cosine, inner_product)
 * @param trainSize indexed vectors
 * @param querySize queries run per point
 * @param dimension vector dimension
 * @param k results per query (recall@k)
 * @param groundTruthDepth exact neighbours known per query
 * @param seed the seed of the data and of seeded engines
 * @param buildThreads threads given to each build
 * @param engines one entry per engine, in the order run
 */
public record AnnResult(String dataset, String metric, int trainSize, int querySize, int dimension, int k,
                        int groundTruthDepth, long seed, int buildThreads, List<EngineResult> engines) {

    /** Recall thresholds of the ann-benchmarks style summary. */
    public static final double[] RECALL_THRESHOLDS = {0.90, 0.95, 0.99};

    /**
     * @param engine registry name
     * @param params construction parameters
     * @param info facts gathered after the build (vectorization, index type)
     * @param sweepName the search knob ("" for none)
     * @param buildSeconds wall-clock build time
     * @param indexBytes index size (see {@link AnnEngine.Index#indexBytes()})
     * @param points one per sweep value, in sweep order
     */
    public record EngineResult(String engine, Map<String, Object> params, Map<String, Object> info, String sweepName,
                               double buildSeconds, long indexBytes, List<Point> points) {

        /** Highest QPS among points with recall ≥ {@code recall}, or NaN when none reaches it. */
        public double qpsAtRecall(double recall) {
            double best = Double.NaN;
            for (Point p : points) {
                if (p.recall() >= recall - 1e-12 && !(p.qps() <= best)) {
                    best = p.qps();
                }
            }
            return best;
        }
    }

    /**
     * One measured setting of the search knob (one query thread).
     *
     * @param param the sweep value (ef; 0 when there is no knob)
     * @param recall mean recall@k over the queries
     * @param qps queries divided by the wall time of the timed pass
     * @param meanMicros mean latency
     * @param p50Micros median latency
     * @param p95Micros 95th percentile latency
     * @param p99Micros 99th percentile latency
     */
    public record Point(int param, double recall, double qps, double meanMicros, double p50Micros,
                        double p95Micros, double p99Micros) {}
}
