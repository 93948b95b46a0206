package io.engram.bench.ann;

import io.engram.core.InvalidArgumentException;
import io.engram.index.FlatIndex;
import io.engram.index.HnswIndex;
import io.engram.index.HnswParams;
import io.engram.index.KdTreeIndex;
import io.engram.index.LshIndex;
import io.engram.index.LshParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Engines by name. Each entry makes an {@link AnnEngine} from the shared {@link EngineOptions}.
 *
 * <p><b>Adding an engine.</b> Put one {@link #register} call in the static block below (the
 * registration point), or call it from code that runs before the command parses its options. An
 * engram-index structure needs only a factory:
 *
 * <pre>{@code
 * register("engram-flat", o -> new EngramIndexEngine("engram-flat", Map.of(), "", new int[] {0},
 *         (dim, metric) -> new FlatIndex(dim, metric)));
 * }</pre>
 */
public final class AnnEngines {

    /** ef values of the platform baselines (ann-benchmarks style doubling). */
    public static final int[] DEFAULT_EF_SWEEP = {10, 20, 40, 80, 160, 320};

    public static final String ENGRAM_HNSW = "engram-hnsw";
    public static final String ENGRAM_HNSW_INT8 = "engram-hnsw-int8";
    public static final String ENGRAM_FLAT = "engram-flat";
    public static final String ENGRAM_KDTREE = "engram-kdtree";
    public static final String ENGRAM_LSH = "engram-lsh";
    public static final String ENGRAM_RABITQ = RabitqEngine.NAME;
    public static final String ENGRAM_IVF_RABITQ = RabitqIvfEngine.NAME;
    public static final String LUCENE_BBQ = LuceneQuantizedEngine.NAME;

    private static final Map<String, Function<EngineOptions, AnnEngine>> FACTORIES = new LinkedHashMap<>();

    static {
        // ---- registration point: one line per engine ----
        register(ExactEngine.NAME, options -> new ExactEngine());
        register(ENGRAM_HNSW, options -> engramHnsw(options, false));
        register(ENGRAM_HNSW_INT8, options -> engramHnsw(options, true));
        register(ENGRAM_FLAT, options -> new EngramIndexEngine(ENGRAM_FLAT, Map.of(), "", new int[] {0}, FlatIndex::new));
        register(ENGRAM_KDTREE, options -> new EngramIndexEngine(ENGRAM_KDTREE,
                Map.of("leafSize", KdTreeIndex.DEFAULT_LEAF_SIZE, "rebuildThreshold", 0), "", new int[] {0},
                (dim, metric) -> new KdTreeIndex(dim, metric, KdTreeIndex.DEFAULT_LEAF_SIZE, 0)));
        register(ENGRAM_LSH, AnnEngines::engramLsh);
        register(LuceneHnswEngine.NAME, LuceneHnswEngine::new);
        register(JVectorEngine.NAME, JVectorEngine::new);
        register(ENGRAM_RABITQ, options -> new RabitqEngine());
        register(ENGRAM_IVF_RABITQ, options -> new RabitqIvfEngine());
        register(RabitqIvfEngine.NAME_4_BIT, options -> new RabitqIvfEngine(RabitqIvfEngine.NAME_4_BIT,
                io.engram.index.rabitq.IvfParams.DEFAULTS.withBits(4)));
        register(LUCENE_BBQ, LuceneQuantizedEngine::new);
        register(LuceneQuantizedEngine.NAME_INT8, LuceneQuantizedEngine::int8);
    }

    private AnnEngines() {}

    /** Adds (or replaces) an engine under {@code name}. */
    public static synchronized void register(String name, Function<EngineOptions, AnnEngine> factory) {
        InvalidArgumentException.check(name != null && name.matches("[a-z0-9][a-z0-9._-]*"),
                "engine name must be lower-case letters, digits, '.', '_' or '-', got '%s'", name);
        FACTORIES.put(name, factory);
    }

    /** Registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** {@code name} without an {@code @N} build-thread suffix, after checking that N is a positive integer. */
    public static String baseName(String name) {
        int at = name.lastIndexOf('@');
        if (at <= 0) {
            return name;
        }
        String count = name.substring(at + 1);
        InvalidArgumentException.check(count.matches("[1-9][0-9]{0,3}"),
                "engine '%s': the build thread count after '@' must be a positive integer, got '%s'", name, count);
        return name.substring(0, at);
    }

    /**
     * Creates the engine named {@code name}; {@code name@N} (e.g. {@code lucene-hnsw@1}) builds on
     * N threads whatever the run's thread count.
     */
    public static synchronized AnnEngine create(String name, EngineOptions options) {
        String base = baseName(name);
        if (!base.equals(name)) {
            return new FixedThreadsEngine(create(base, options), Integer.parseInt(name.substring(base.length() + 1)));
        }
        Function<EngineOptions, AnnEngine> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new InvalidArgumentException("unknown engine '" + name + "'; known engines: " + String.join(", ", FACTORIES.keySet()));
        }
        return factory.apply(options);
    }

    /**
     * HnswIndex with the shared M and efConstruction (defaults 16 and 100, the same as Lucene and
     * JVector); with {@code int8}, searches walk int8 codes and rank the ef found exactly.
     */
    static AnnEngine engramHnsw(EngineOptions options, boolean int8) {
        HnswParams params = HnswParams.DEFAULTS.withM(options.m()).withEfConstruction(options.efConstruction())
                .withInt8Traversal(int8);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("M", params.m());
        report.put("efConstruction", params.efConstruction());
        report.put("maxLevel", params.maxLevel());
        report.put("seed", params.seed());
        report.put("int8Traversal", int8);
        return new EngramIndexEngine(int8 ? ENGRAM_HNSW_INT8 : ENGRAM_HNSW, report, "ef", DEFAULT_EF_SWEEP,
                (dim, metric) -> new HnswIndex(dim, metric, params));
    }

    /** LshIndex at its defaults (10 tables × 10 bits, seed 42), sweeping multi-probe flips per table. */
    static AnnEngine engramLsh(EngineOptions options) {
        LshParams params = LshParams.DEFAULTS;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("numTables", params.numTables());
        report.put("hashSize", params.hashSize());
        report.put("seed", params.seed());
        return new EngramIndexEngine(ENGRAM_LSH, report, "probes", new int[] {0, 1, 2, 4, 8},
                (dim, metric) -> new LshIndex(dim, metric, params));
    }
}
