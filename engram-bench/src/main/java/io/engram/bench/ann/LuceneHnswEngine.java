package io.engram.bench.ann;

import io.engram.bench.TempDirectory;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.TopK;
import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * Lucene's HNSW ({@link Lucene99HnswVectorsFormat}) as the baseline a Java search stack ships with.
 *
 * <p><b>Build.</b> Documents (a {@link KnnFloatVectorField} plus the row number as a doc value) go
 * through an {@link IndexWriter} into a temporary {@link FSDirectory} (memory-mapped, as in
 * production), with the default codec ({@link Lucene104Codec}) subclassed to use
 * {@code Lucene99HnswVectorsFormat(M, beamWidth)}. With one thread there is one flush and one
 * graph. With {@code threads > 1}, that many threads index disjoint slices (Lucene builds one
 * segment graph per indexing thread) and the format gets {@code numMergeWorkers = threads} and a
 * merge executor, so the final {@code forceMerge(1)} inserts into the largest graph in parallel:
 * Lucene's own way to use several cores. Build time includes the force-merge and opening the reader.
 *
 * <p><b>Search.</b> The lower-level API, not {@code KnnFloatVectorQuery}: the single segment's
 * {@link LeafReader#searchNearestVectors(String, float[], int, AcceptDocs, int)} with k = ef (the
 * collector size is Lucene's beam) and no visit limit, then the best k of those ef hits. This is what
 * {@code KnnFloatVectorQuery(field, q, ef)} does on one segment, minus query rewriting and the
 * IndexSearcher, which would only add per-query overhead unrelated to the graph.
 *
 * <p>Cosine is run as Lucene recommends: unit-length vectors with {@code DOT_PRODUCT}.
 *
 * <p><b>Subclasses</b> (e.g. {@link LuceneQuantizedEngine}) share the build and the search: they supply
 * the vectors format ({@link #format}), their name and parameters, and may ask for the ef hits to
 * be rescored exactly ({@link #rescoresExactly}).
 */
public class LuceneHnswEngine implements AnnEngine {

    public static final String NAME = "lucene-hnsw";
    static final String VECTOR_FIELD = "v";
    static final String ID_FIELD = "id";

    protected final EngineOptions options;

    public LuceneHnswEngine(EngineOptions options) {
        this.options = options;
    }

    /**
     * The vectors format every segment is written with: {@code Lucene99HnswVectorsFormat(M, beamWidth)},
     * with {@code threads} merge workers on {@code mergeExecutor} when {@code threads > 1}
     * ({@code mergeExecutor} is null otherwise).
     */
    protected KnnVectorsFormat format(int threads, ExecutorService mergeExecutor) {
        return threads > 1
                ? new Lucene99HnswVectorsFormat(options.m(), options.efConstruction(), threads, mergeExecutor)
                : new Lucene99HnswVectorsFormat(options.m(), options.efConstruction());
    }

    /**
     * Whether the ef hits of the graph search are rescored with exact float scores (over the
     * prepared train rows, kept in memory) before the best k are taken. False here: HNSW on float
     * vectors already scores exactly.
     */
    protected boolean rescoresExactly() {
        return false;
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
        p.put("format", "Lucene99HnswVectorsFormat");
        p.put("codec", Codec.getDefault().getName());
        p.put("search", "LeafReader.searchNearestVectors(k = ef), top k of ef");
        return p;
    }

    @Override
    public int[] defaultSweep() {
        return AnnEngines.DEFAULT_EF_SWEEP.clone();
    }

    @Override
    public Index build(Dataset data, int threads) throws IOException {
        InvalidArgumentException.check(threads > 0, "threads must be positive, got %d", threads);
        VectorSimilarityFunction similarity = switch (data.metric()) {
            case L2 -> VectorSimilarityFunction.EUCLIDEAN;
            case COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
            case INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
            default -> throw new InvalidArgumentException(name() + " does not support metric " + data.metric());
        };
        float[][] train = GroundTruth.prepare(data.metric(), data.train());
        Path dir = Files.createTempDirectory("engram-lucene-");
        ExecutorService mergeExecutor = threads > 1 ? Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().daemon().name("engram-lucene-merge-", 0).factory()) : null;
        Directory directory = null;
        try {
            KnnVectorsFormat format = format(threads, mergeExecutor);
            directory = FSDirectory.open(dir);
            TieredMergePolicy mergePolicy = new TieredMergePolicy();
            mergePolicy.setNoCFSRatio(0.0);
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(new Lucene104Codec() {
                        @Override
                        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                            return format;
                        }
                    })
                    .setRAMBufferSizeMB(1024)
                    .setUseCompoundFile(false)
                    .setMergePolicy(mergePolicy)
                    .setMergeScheduler(new SerialMergeScheduler());
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                int slices = Math.min(threads, train.length);
                List<Runnable> work = new ArrayList<>();
                List<IOException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                for (int s = 0; s < slices; s++) {
                    int from = (int) ((long) train.length * s / slices);
                    int to = (int) ((long) train.length * (s + 1) / slices);
                    work.add(() -> {
                        try {
                            for (int i = from; i < to; i++) {
                                Document doc = new Document();
                                doc.add(new KnnFloatVectorField(VECTOR_FIELD, train[i], similarity));
                                doc.add(new NumericDocValuesField(ID_FIELD, i));
                                writer.addDocument(doc);
                            }
                        } catch (IOException e) {
                            failures.add(e);
                        }
                    });
                }
                runAll(work);
                if (!failures.isEmpty()) {
                    throw failures.getFirst();
                }
                writer.forceMerge(1);
                writer.commit();
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            if (reader.leaves().size() != 1) {
                reader.close();
                throw new IllegalStateException("expected one segment after forceMerge(1), found " + reader.leaves().size());
            }
            LeafReader leaf = reader.leaves().getFirst().reader();
            int[] docToId = new int[leaf.maxDoc()];
            NumericDocValues idValues = leaf.getNumericDocValues(ID_FIELD);
            for (int doc; (doc = idValues.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                docToId[doc] = (int) idValues.longValue();
            }
            long bytes = directorySize(dir);
            Directory opened = directory;
            directory = null;
            return new LuceneIndex(reader, leaf, docToId, opened, dir, mergeExecutor, bytes, data.metric(),
                    rescoresExactly() ? train : null);
        } catch (IOException | RuntimeException e) {
            if (directory != null) {
                directory.close();
            }
            if (mergeExecutor != null) {
                mergeExecutor.shutdownNow();
            }
            TempDirectory.deleteRecursively(dir);
            throw e;
        }
    }

    /** Which Lucene vector implementation is active: {@code PanamaVectorUtilSupport} or the scalar default. */
    public static String vectorization() {
        try {
            Field impl = VectorUtil.class.getDeclaredField("IMPL");
            impl.setAccessible(true);
            return impl.get(null).getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static void runAll(List<Runnable> work) {
        if (work.size() == 1) {
            work.getFirst().run();
            return;
        }
        GroundTruth.runOn(work.size(), new Runnable() {
            private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public void run() {
                for (int i; (i = next.getAndIncrement()) < work.size(); ) {
                    work.get(i).run();
                }
            }
        });
    }

    private static long directorySize(Path dir) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }

    private static final class LuceneIndex implements Index {
        private final DirectoryReader reader;
        private final LeafReader leaf;
        private final int[] docToId;
        private final Directory directory;
        private final Path dir;
        private final ExecutorService mergeExecutor;
        private final long bytes;
        private final boolean normalise;
        private final Metric metric;
        /** Prepared train rows for the exact rescore of the ef hits; null when hits are taken as scored. */
        private final float[][] rescoreRows;
        private final FloatKernels kernels = Kernels.floats();
        private TopK rescored;
        private float[] rescoredValues = new float[0];

        LuceneIndex(DirectoryReader reader, LeafReader leaf, int[] docToId, Directory directory, Path dir,
                    ExecutorService mergeExecutor, long bytes, Metric metric, float[][] rescoreRows) {
            this.reader = reader;
            this.leaf = leaf;
            this.docToId = docToId;
            this.directory = directory;
            this.dir = dir;
            this.mergeExecutor = mergeExecutor;
            this.bytes = bytes;
            this.normalise = metric == Metric.COSINE;
            this.metric = metric;
            this.rescoreRows = rescoreRows;
        }

        @Override
        public int search(float[] query, int k, int ef, long[] ids) throws IOException {
            float[] q = query;
            if (normalise) {
                q = GroundTruth.prepare(Metric.COSINE, new float[][] {query})[0];
            }
            AcceptDocs all = AcceptDocs.fromLiveDocs(null, leaf.maxDoc());
            TopDocs top = leaf.searchNearestVectors(VECTOR_FIELD, q, Math.max(ef, k), all, Integer.MAX_VALUE);
            ScoreDoc[] docs = top.scoreDocs;
            if (rescoreRows != null) {
                return rescore(q, k, docs, ids);
            }
            int n = Math.min(k, docs.length);
            for (int i = 0; i < n; i++) {
                ids[i] = docToId[docs[i].doc];
            }
            return n;
        }

        /** Exact L2² (L2) or dot product (cosine on unit vectors, ip) of every hit; the best k, best first. */
        private int rescore(float[] q, int k, ScoreDoc[] docs, long[] ids) {
            if (rescored == null || rescored.k() != k) {
                rescored = metric.newTopK(k);
                rescoredValues = new float[k];
            }
            rescored.clear();
            int dim = q.length;
            for (ScoreDoc hit : docs) {
                int id = docToId[hit.doc];
                float raw = metric == Metric.L2
                        ? kernels.squareDistance(q, 0, rescoreRows[id], 0, dim)
                        : kernels.dot(q, 0, rescoreRows[id], 0, dim);
                if (!rescored.cannotEnter(raw)) {
                    rescored.offer(id, raw);
                }
            }
            return rescored.drainSorted(ids, rescoredValues);
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
            try {
                reader.close();
                directory.close();
            } finally {
                if (mergeExecutor != null) {
                    mergeExecutor.shutdownNow();
                }
                TempDirectory.deleteRecursively(dir);
            }
        }
    }
}
