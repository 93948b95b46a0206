package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector's graph (DiskANN/Vamana with an HNSW-style hierarchy) built on heap with exact scores.
 *
 * <p><b>Build.</b> {@link GraphIndexBuilder} with M, beam width, neighbour overflow 1.2, α 1.2,
 * {@code addHierarchy = true} and {@code refineFinalGraph = true}, over a
 * {@link ListRandomAccessVectorValues} that wraps the train rows, with two {@link ForkJoinPool}s of
 * {@code threads} parallelism (JVector's SIMD and parallel executors). The constructor that pins
 * {@code addHierarchy} is deprecated in 4.x in favour of a global configuration; it is used on
 * purpose so the run does not depend on ambient settings.
 *
 * <p><b>Search.</b> {@link GraphSearcher#search(io.github.jbellis.jvector.graph.similarity.SearchScoreProvider,
 * int, int, float, float, Bits)} with topK = k and rerankK = max(ef, k) over an exact score
 * provider; rerankK is the beam, so it plays the role of ef.
 */
public final class JVectorEngine implements AnnEngine {

    public static final String NAME = "jvector";
    static final float NEIGHBOR_OVERFLOW = 1.2f;
    static final float ALPHA = 1.2f;

    private final EngineOptions options;

    public JVectorEngine(EngineOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("M", options.m());
        p.put("beamWidth", options.efConstruction());
        p.put("neighborOverflow", NEIGHBOR_OVERFLOW);
        p.put("alpha", ALPHA);
        p.put("addHierarchy", true);
        p.put("refineFinalGraph", true);
        p.put("search", "GraphSearcher topK = k, rerankK = ef, exact scores");
        return p;
    }

    @Override
    public int[] defaultSweep() {
        return AnnEngines.DEFAULT_EF_SWEEP.clone();
    }

    /** The active JVector provider, e.g. {@code PanamaVectorizationProvider} when the Vector API is on. */
    public static String vectorization() {
        return VectorizationProvider.getInstance().getClass().getSimpleName();
    }

    @Override
    @SuppressWarnings("deprecation") // the only constructor that pins addHierarchy; see the class comment
    public Index build(Dataset data, int threads) throws IOException {
        InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
        VectorSimilarityFunction similarity = switch (data.metric()) {
            case L2 -> VectorSimilarityFunction.EUCLIDEAN;
            case COSINE -> VectorSimilarityFunction.COSINE;
            case INNER_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
            default -> throw new InvalidArgumentException("jvector does not support metric " + data.metric());
        };
        VectorTypeSupport types = VectorizationProvider.getInstance().getVectorTypeSupport();
        int dim = data.dimension();
        List<VectorFloat<?>> vectors = new ArrayList<>(data.size());
        for (float[] row : data.train()) {
            vectors.add(types.createFloatVector(row));
        }
        RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(vectors, dim);
        BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(ravv, similarity);
        ForkJoinPool simdPool = new ForkJoinPool(threads);
        ForkJoinPool parallelPool = new ForkJoinPool(threads);
        GraphIndexBuilder builder;
        ImmutableGraphIndex graph;
        try {
            builder = new GraphIndexBuilder(scores, dim, options.m(), options.efConstruction(),
                    NEIGHBOR_OVERFLOW, ALPHA, true, true, simdPool, parallelPool);
            graph = builder.build(ravv);
        } finally {
            simdPool.shutdown();
            parallelPool.shutdown();
        }
        long bytes = graph.ramBytesUsed() + (long) data.size() * dim * Float.BYTES;
        return new Index() {
            private final GraphSearcher searcher = new GraphSearcher(graph);
            private final VectorFloat<?> query = types.createFloatVector(dim);

            @Override
            public int search(float[] q, int k, int ef, long[] ids) {
                for (int i = 0; i < dim; i++) {
                    query.set(i, q[i]);
                }
                SearchResult result = searcher.search(DefaultSearchScoreProvider.exact(query, similarity, ravv),
                        k, Math.max(ef, k), 0.0f, 0.0f, Bits.ALL);
                SearchResult.NodeScore[] nodes = result.getNodes();
                int n = Math.min(k, nodes.length);
                for (int i = 0; i < n; i++) {
                    ids[i] = nodes[i].node;
                }
                return n;
            }

            @Override
            public long indexBytes() {
                return bytes;
            }

            @Override
            public Map<String, Object> info() {
                return Map.of("vectorization", vectorization());
            }

            @Override
            public void close() throws IOException {
                searcher.close();
                builder.close();
            }
        };
    }
}
