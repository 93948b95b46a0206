package io.engram.engine.collection;

import io.engram.core.CorruptFileException;
import io.engram.engine.index.TextIndex;
import io.engram.engine.index.ValidityIndex;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.RecordStatus;
import io.engram.engine.store.Family;
import io.engram.engine.store.KeyValueCursor;
import io.engram.engine.store.Store;
import io.engram.index.FlatIndex;
import io.engram.index.HnswIndex;
import io.engram.index.HnswParams;
import io.engram.index.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything of a collection that is derived from the store and kept in memory: the record table,
 * the vector, text and validity indexes, the entity graph, tensions and the writer's lookup maps
 * (content hash, structured facts). Kept in step by {@link WriteSet#apply} after each committed
 * write.
 *
 * <p><b>Checkpoints.</b> The vector index (a file) and the text index (a Lucene directory) are
 * saved on close with the collection's sequence number: every stored record carries the sequence
 * of its last write, so on open only records written after the checkpoint are re-indexed, and ords
 * below the checkpoint's bound that the store no longer holds are removed. A crash simply means an
 * older checkpoint and more replay; a missing or damaged checkpoint means a full rebuild. The
 * record table, validity index, entity graph and tensions are rebuilt from the store on every open.
 *
 * <p><b>Lifetime.</b> Reads hold the instance they started on ({@link #retain}/{@link #release});
 * a rebuild builds a new instance beside it (with its own text directory, named in the
 * checkpoint), swaps it in and retires the old one, which closes when its last reader is done.
 */
final class Derived {
    /**
     * Collections search their HNSW on int8 codes and rank what it finds exactly: the same graph and
     * exact reported scores, with a quarter of the bytes read per visited node.
     */
    static final HnswParams HNSW_PARAMS = HnswParams.DEFAULTS.withInt8Traversal(true);

    final RecordTable table;
    final TextIndex text;
    final ValidityIndex validity;
    final EntityGraph graph;
    final TensionRegistry tensions;
    final TensionDetector detector;
    /** Content hash → ord of the current record with that content; writer only. */
    final Map<String, Integer> currentByHash;
    /** Document id → ords of its chunks; lists are replaced, never mutated, so readers need no lock. */
    final ConcurrentHashMap<String, List<Integer>> documents = new ConcurrentHashMap<>();
    VectorIndex vectors;
    volatile long lastSequence;
    /** The text index's directory under the collection's index directory (a rebuild takes a new one). */
    final String textDirName;
    /**
     * Holders: the collection (1) plus reads in flight. A replaced (rebuilt, dropped, closed)
     * instance is closed by whoever releases it last, so a read never loses its indexes midway.
     */
    private final AtomicInteger holders = new AtomicInteger(1);
    private volatile Runnable afterClose = () -> { };

    private Derived(CollectionSpec spec, TextIndex text, String textDirName) {
        this.table = new RecordTable(spec.dimension());
        this.text = text;
        this.textDirName = textDirName;
        this.validity = new ValidityIndex();
        this.graph = new EntityGraph();
        this.tensions = new TensionRegistry();
        this.detector = new TensionDetector();
        this.currentByHash = new HashMap<>();
    }

    /** Where the checkpoint files of one collection live. */
    static Path vectorFile(Path indexDir) {
        return indexDir.resolve("vectors.idx");
    }

    static final String DEFAULT_TEXT_DIR = "text";

    /** Opens a collection's derived state: checkpoints where usable, replay from the store for the rest. */
    static Derived load(Store store, int collectionId, CollectionSpec spec, Path indexDir) {
        byte[] name = store.get(Family.META, Keys.checkpoint(collectionId, "text-dir"));
        String textDirName = name == null ? DEFAULT_TEXT_DIR : new String(name, StandardCharsets.UTF_8);
        deleteOtherTextDirs(indexDir, textDirName); // debris of a rebuild cut short by a crash
        return load(store, collectionId, spec, indexDir, textDirName, true);
    }

    /** Builds a collection's derived state from the store alone, into a new text directory. */
    static Derived rebuild(Store store, int collectionId, CollectionSpec spec, Path indexDir) {
        return load(store, collectionId, spec, indexDir, DEFAULT_TEXT_DIR + "-" + System.nanoTime(), false);
    }

    private static Derived load(Store store, int collectionId, CollectionSpec spec, Path indexDir,
            String textDirName, boolean useCheckpoints) {
        TextIndex text = TextIndex.open(indexDir.resolve(textDirName));
        Derived d = new Derived(spec, text, textDirName);
        try {
            d.loadFrom(store, collectionId, spec, indexDir, useCheckpoints);
            return d;
        } catch (RuntimeException e) {
            text.close();
            throw e;
        }
    }

    private static void deleteOtherTextDirs(Path indexDir, String keep) {
        if (!Files.isDirectory(indexDir)) {
            return;
        }
        try (java.util.stream.Stream<Path> list = Files.list(indexDir)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(DEFAULT_TEXT_DIR) && !n.equals(keep)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + indexDir, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Takes a hold for one read; false when this instance has been replaced and closed meanwhile. */
    boolean retain() {
        for (int n = holders.get(); n > 0; n = holders.get()) {
            if (holders.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            text.close();
            afterClose.run();
        }
    }

    /** Gives up the collection's hold; the last reader out closes the indexes, then runs {@code then}. */
    void retire(Runnable then) {
        afterClose = then;
        release();
    }

    private void loadFrom(Store store, int collectionId, CollectionSpec spec, Path indexDir, boolean useCheckpoints) {
        byte[] prefix = Keys.prefix(collectionId);
        long[] seqByOrd = new long[1024];
        long last = 0;
        int records = 0;
        try (KeyValueCursor c = store.cursor(Family.RECORDS, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                RecordCodec.Stored s = RecordCodec.decode(c.key(), c.value());
                table.put(s.ord(), s.record(), null);
                if (s.ord() >= seqByOrd.length) {
                    seqByOrd = Arrays.copyOf(seqByOrd, Math.max(s.ord() + 1, seqByOrd.length * 2));
                }
                seqByOrd[s.ord()] = s.seq();
                last = Math.max(last, s.seq());
                records++;
            }
        }
        long[] counters = readCounters(store, collectionId);
        lastSequence = Math.max(last, counters[0]);
        table.advanceOrds((int) counters[1]);
        int withVector = 0;
        try (KeyValueCursor c = store.cursor(Family.VECTORS, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                String id = new String(c.key(), 4, c.key().length - 4, StandardCharsets.UTF_8);
                int ord = table.ordOf(id);
                if (ord >= 0) {
                    table.putVector(ord, RecordCodec.decodeVector(c.key(), c.value(), spec.dimension()));
                    withVector++;
                }
            }
        }
        if (withVector < records) {
            throw new CorruptFileException("collection '" + spec.name() + "': " + (records - withVector) + " of "
                    + records + " stored records have no stored vector");
        }
        int bound = table.ordBound();
        loadVectors(store, collectionId, spec, indexDir, seqByOrd, bound, useCheckpoints);
        replayText(seqByOrd, bound);
        int[] ords = new int[4096];
        KnowledgeRecord[] batch = new KnowledgeRecord[4096];
        int count = 0;
        for (int ord = 0; ord < bound; ord++) {
            KnowledgeRecord r = table.get(ord);
            if (r == null) {
                continue;
            }
            indexLookups(ord, r);
            ords[count] = ord;
            batch[count++] = r;
            if (count == ords.length) {
                graph.addRecords(ords, batch, count);
                count = 0;
            }
        }
        graph.addRecords(ords, batch, count);
        List<EntityGraph.Edge> edges = new ArrayList<>();
        for (int ord = 0; ord < bound; ord++) {
            KnowledgeRecord r = table.get(ord);
            if (r != null && r.supersedesId() != null) {
                int older = table.ordOf(r.supersedesId());
                if (older >= 0) {
                    edges.add(new EntityGraph.Edge(ord, EntityGraph.SUPERSEDES, older));
                }
            }
        }
        try (KeyValueCursor c = store.cursor(Family.TENSIONS, prefix)) {
            while (c.next() && Keys.hasPrefix(c.key(), prefix)) {
                addTension(RecordCodec.decodeTension(c.key(), c.value()), edges);
            }
        }
        graph.link(edges); // one graph transaction for every link, not one each
    }

    /** The vector index: its checkpoint brought up to date when there is a usable one, else built anew. */
    private void loadVectors(Store store, int collectionId, CollectionSpec spec, Path indexDir, long[] seqByOrd,
            int bound, boolean useCheckpoints) {
        byte[] checkpoint = useCheckpoints ? store.get(Family.META, Keys.checkpoint(collectionId, "vectors")) : null;
        Path file = vectorFile(indexDir);
        VectorIndex loaded = null;
        long checkpointSeq = -1;
        int checkpointBound = 0;
        if (checkpoint != null && checkpoint.length == 12 && Files.exists(file)) {
            ByteBuffer b = ByteBuffer.wrap(checkpoint);
            checkpointSeq = b.getLong();
            checkpointBound = b.getInt();
            try {
                loaded = spec.index() == IndexKind.HNSW ? HnswIndex.load(file) : FlatIndex.load(file);
                if (loaded.dimension() != spec.dimension() || loaded.metric() != spec.metric()) {
                    loaded = null; // a file from another collection's life under this id: rebuild
                } else if (loaded instanceof HnswIndex hnsw && !hnsw.params().equals(HNSW_PARAMS)) {
                    loaded = null; // built with other parameters (an older store): rebuild once with today's
                }
            } catch (IOException | CorruptFileException e) {
                loaded = null; // a damaged checkpoint costs a rebuild, nothing else
            }
        }
        if (loaded == null) {
            vectors = spec.index() == IndexKind.HNSW
                    ? new HnswIndex(spec.dimension(), spec.metric(), HNSW_PARAMS)
                    : new FlatIndex(spec.dimension(), spec.metric());
            checkpointSeq = -1;
            checkpointBound = 0;
        } else {
            vectors = loaded;
        }
        for (int ord = 0; ord < Math.min(checkpointBound, bound); ord++) {
            if (table.get(ord) == null && vectors.contains(ord)) {
                vectors.remove(ord);
            }
        }
        int stale = 0;
        for (int ord = 0; ord < bound; ord++) {
            if (table.get(ord) != null && (seqByOrd[ord] > checkpointSeq || ord >= checkpointBound)) {
                stale++;
            }
        }
        long[] ids = new long[stale];
        float[][] vecs = new float[stale][];
        int i = 0;
        for (int ord = 0; ord < bound; ord++) {
            if (table.get(ord) != null && (seqByOrd[ord] > checkpointSeq || ord >= checkpointBound)) {
                if (vectors.contains(ord)) {
                    vectors.remove(ord);
                }
                ids[i] = ord;
                vecs[i] = new float[spec.dimension()];
                table.vector(ord, vecs[i]);
                i++;
            }
        }
        if (stale > 0) {
            vectors.addAll(ids, vecs);
        }
    }

    /** The text index: re-put what changed after its commit, remove what the store no longer holds. */
    private void replayText(long[] seqByOrd, int bound) {
        long committed = text.committedSequence();
        int stale = 0;
        for (int ord = 0; ord < bound; ord++) {
            KnowledgeRecord r = table.get(ord);
            if (r == null) {
                if (committed >= 0) {
                    text.remove(ord);
                }
            } else if (seqByOrd[ord] > committed) {
                stale++;
            }
        }
        int[] ords = new int[stale];
        String[] texts = new String[stale];
        int i = 0;
        for (int ord = 0; ord < bound; ord++) {
            KnowledgeRecord r = table.get(ord);
            if (r != null && seqByOrd[ord] > committed) {
                ords[i] = ord;
                texts[i++] = r.content();
            }
        }
        text.putAll(ords, texts);
    }

    /** Saves the vector and text indexes as of {@link #lastSequence} (the caller holds the write lock). */
    void checkpoint(Store store, int collectionId, Path indexDir) {
        try {
            Files.createDirectories(indexDir);
            vectors.save(vectorFile(indexDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the vector index checkpoint in " + indexDir, e);
        }
        // The file first, then the record of it: a crash in between leaves a file newer than the
        // recorded sequence, which replay tolerates (it re-indexes a little more than needed).
        text.commit(lastSequence);
        try (Store.Batch batch = store.batch()) {
            batch.put(Family.META, Keys.checkpoint(collectionId, "vectors"),
                    ByteBuffer.allocate(12).putLong(lastSequence).putInt(table.ordBound()).array());
            batch.put(Family.META, Keys.checkpoint(collectionId, "text-dir"), textDirName.getBytes(StandardCharsets.UTF_8));
            batch.commit();
        }
    }

    static long[] readCounters(Store store, int collectionId) {
        byte[] b = store.get(Family.META, Keys.counters(collectionId));
        if (b == null) {
            return new long[] {0, 0};
        }
        if (b.length != 12) {
            throw new CorruptFileException("collection counters: expected 12 bytes, found " + b.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new long[] {buf.getLong(), buf.getInt()};
    }

    static byte[] counters(long sequence, int nextOrd) {
        return ByteBuffer.allocate(12).putLong(sequence).putInt(nextOrd).array();
    }

    /** Validity, facts and content hash of one record (derived lookups other than vectors, text, graph). */
    void indexLookups(int ord, KnowledgeRecord r) {
        validity.put(ord, millis(r.validFrom(), Long.MIN_VALUE), millis(r.validUntil(), Long.MAX_VALUE));
        if (r.documentId() != null) {
            documents.compute(r.documentId(), (k, list) -> {
                List<Integer> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
                next.add(ord);
                return List.copyOf(next);
            });
        }
        detector.index(ord, r);
        if (isCurrent(r)) {
            currentByHash.put(r.contentHash(), ord);
        }
    }

    void unindexDocument(int ord, KnowledgeRecord r) {
        if (r.documentId() != null) {
            documents.computeIfPresent(r.documentId(), (k, list) -> {
                List<Integer> next = new ArrayList<>(list);
                next.remove(Integer.valueOf(ord));
                return next.isEmpty() ? null : List.copyOf(next);
            });
        }
    }

    /** Registers a new tension and queues its graph edge on {@code edges} (the caller links them in one go). */
    void addTension(Tension t, List<EntityGraph.Edge> edges) {
        tensions.put(t);
        int a = table.ordOf(t.recordA());
        int b = table.ordOf(t.recordB());
        if (a >= 0 && b >= 0) {
            edges.add(new EntityGraph.Edge(a, EntityGraph.TENSION, b));
        }
    }

    static boolean isCurrent(KnowledgeRecord r) {
        return r.supersededById() == null && r.status() != RecordStatus.ARCHIVED && !r.content().isEmpty();
    }

    static long millis(Instant instant, long whenNull) {
        return instant == null ? whenNull : instant.toEpochMilli();
    }
}
