package io.engram.bench.ann;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Lucene 10.6's binary quantization (BBQ): HNSW over 1-bit document codes scored against 4-bit
 * query codes, {@code Lucene104HnswScalarQuantizedVectorsFormat(SINGLE_BIT_QUERY_NIBBLE, M, beamWidth)};
 * or, as {@value #NAME_INT8}, the same format with 8-bit codes ({@code UNSIGNED_BYTE}), Lucene's
 * counterpart of Engram's int8 traversal.
 *
 * <p>Built and searched as {@link LuceneHnswEngine} (same documents, codec, threads and merge), then
 * the ef hits of the quantized graph search are rescored exactly with the float vectors kept in
 * memory and the best k returned: "raw → exact rerank of ef hits", the configuration of the
 * platform baselines (fashion-mnist: 0.962 recall@10 at ef 160).
 *
 * <p>{@code indexBytes} is the directory size: the 1-bit codes, the graph and Lucene's own copy of
 * the raw float vectors (which the format keeps on disk). The harness' in-memory float copy used for
 * the rescore (n × dim × 4 bytes, the same floats) is not counted.
 */
public final class LuceneQuantizedEngine extends LuceneHnswEngine {

    public static final String NAME = "lucene-bbq";
    public static final String NAME_INT8 = "lucene-hnsw-int8";
    static final int[] DEFAULT_SWEEP = {10, 20, 40, 80, 160, 320, 640};
    static final ScalarEncoding ENCODING = ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE;

    private final String name;
    private final ScalarEncoding encoding;

    public LuceneQuantizedEngine(EngineOptions options) {
        this(options, NAME, ENCODING);
    }

    LuceneQuantizedEngine(EngineOptions options, String name, ScalarEncoding encoding) {
        super(options);
        this.name = name;
        this.encoding = encoding;
    }

    /** The 8-bit variant: HNSW over unsigned-byte codes, ef hits rescored exactly. */
    static LuceneQuantizedEngine int8(EngineOptions options) {
        return new LuceneQuantizedEngine(options, NAME_INT8, ScalarEncoding.UNSIGNED_BYTE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = super.params();
        p.put("format", "Lucene104HnswScalarQuantizedVectorsFormat(" + encoding + ")");
        p.put("search", "LeafReader.searchNearestVectors(k = ef) on " + encoding + " codes, ef hits rescored"
                + " exactly with in-memory floats, top k");
        p.put("indexBytes", "directory files (codes, graph, Lucene's raw floats); the in-memory float copy"
                + " used for rescoring is not counted");
        return p;
    }

    @Override
    public int[] defaultSweep() {
        return DEFAULT_SWEEP.clone();
    }

    @Override
    protected KnnVectorsFormat format(int threads, ExecutorService mergeExecutor) {
        return threads > 1
                ? new Lucene104HnswScalarQuantizedVectorsFormat(encoding, options.m(), options.efConstruction(),
                        threads, mergeExecutor)
                : new Lucene104HnswScalarQuantizedVectorsFormat(encoding, options.m(), options.efConstruction());
    }

    @Override
    protected boolean rescoresExactly() {
        return true;
    }
}
