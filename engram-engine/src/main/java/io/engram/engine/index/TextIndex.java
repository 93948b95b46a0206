package io.engram.engine.index;

import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * BM25 full-text index of a collection's record texts on Lucene, keyed by the engine's dense record
 * ord. It is a derived view: the store is the log of record, so this index checkpoints with the
 * store's sequence number ({@link #commit(long)}) and the engine replays only what came after
 * {@link #committedSequence()} when it reopens.
 *
 * <p><b>Analysis.</b> {@link EnglishAnalyzer} (standard tokenizer, lower-casing, English stop words,
 * possessive removal, Porter stemming): record texts are mostly English prose and notes, and
 * stemming lets "running" find "runs". Documents and queries go through the same analyzer. Queries
 * are user text, never Lucene syntax: the analysed terms become SHOULD clauses of one BooleanQuery,
 * so no input can fail to parse, and at most {@link #MAX_QUERY_TERMS} distinct terms are used so a
 * pasted book cannot build a huge query. A term repeated in the query is boosted by its count,
 * which is what the classic query parser's repeated clauses would score.
 *
 * <p><b>Filtering.</b> The accept predicate is a FILTER clause evaluated as a two-phase check on
 * the ord doc value, so it runs only on documents that already match the text and a rejected ord
 * never takes a top-k slot: asking for k hits yields k accepted hits whenever k exist, with no
 * over-fetching.
 *
 * <p><b>Visibility and concurrency.</b> Writes go straight to the {@link IndexWriter} (thread
 * safe); readers share a {@link SearcherManager}. Reopening the near-real-time reader per put
 * would make bulk loads quadratic, so a put only bumps a write generation, and a search refreshes
 * first when the visible generation is behind. The generation read before the refresh starts is
 * the one published after it, so a search that starts after a put returned always sees that put,
 * even when another thread's refresh is in flight. Any number of threads may search concurrently
 * with one writer thread.
 *
 * <p><b>Durability.</b> {@link #close()} does not commit: the directory then always holds exactly
 * the state its recorded sequence describes, and uncommitted writes are replayed from the store.
 */
public final class TextIndex implements AutoCloseable {
    /** Most distinct analysed terms taken from one query; the rest of the query is ignored. */
    public static final int MAX_QUERY_TERMS = 64;
    /** Commit user-data key holding the store sequence the commit reflects. */
    public static final String SEQUENCE_KEY = "sequence";

    private static final String ID_FIELD = "id";
    private static final String ORD_FIELD = "ord";
    private static final String TEXT_FIELD = "text";

    private final String location;
    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicLong writeGeneration = new AtomicLong();
    private final Object refreshLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long visibleGeneration;
    private volatile long committedSequence;

    private TextIndex(Directory directory, String location) throws IOException {
        this.location = location;
        this.directory = directory;
        this.analyzer = new EnglishAnalyzer();
        IndexWriter w = null;
        try {
            this.committedSequence = readCommittedSequence(directory);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false);
            w = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(w, new SearcherFactory());
            this.writer = w;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(w, directory, analyzer);
            throw e;
        }
    }

    /** An index held on the heap; nothing survives {@link #close()}. */
    public static TextIndex inMemory() {
        try {
            return new TextIndex(new ByteBuffersDirectory(), "memory");
        } catch (IOException e) {
            throw new TextIndexException("cannot create an in-memory text index", e);
        }
    }

    /** Opens (creating if missing) the index in {@code directory}, at its last commit. */
    public static TextIndex open(Path directory) {
        InvalidArgumentException.check(directory != null, "text index directory must be a path, got null");
        try {
            Files.createDirectories(directory);
            return new TextIndex(FSDirectory.open(directory), directory.toString());
        } catch (IOException e) {
            throw new TextIndexException("cannot open text index at " + directory + ": " + e.getMessage(), e);
        }
    }

    private static long readCommittedSequence(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return -1;
        }
        String value = SegmentInfos.readLatestCommit(directory).getUserData().get(SEQUENCE_KEY);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TextIndexException("text index commit holds sequence \"" + value + "\", expected a long", e);
        }
    }

    /** Adds the text of {@code ord}, replacing any text it had; null is indexed as empty text. */
    public void put(int ord, String text) {
        checkOrd(ord);
        ensureOpen();
        try {
            writer.updateDocument(idTerm(ord), document(ord, text));
        } catch (IOException e) {
            throw failure("put ord " + ord, e);
        }
        writeGeneration.incrementAndGet();
    }

    /** Puts {@code texts[i]} for {@code ords[i]}; one visibility bump for the whole batch. */
    public void putAll(int[] ords, String[] texts) {
        InvalidArgumentException.check(ords != null && texts != null,
                "ords and texts must be arrays, got ords=%s texts=%s",
                ords == null ? "null" : "int[" + ords.length + "]",
                texts == null ? "null" : "String[" + texts.length + "]");
        InvalidArgumentException.check(ords.length == texts.length,
                "ords and texts must have the same length, got %d ords and %d texts", ords.length, texts.length);
        for (int ord : ords) {
            checkOrd(ord);
        }
        ensureOpen();
        try {
            for (int i = 0; i < ords.length; i++) {
                writer.updateDocument(idTerm(ords[i]), document(ords[i], texts[i]));
            }
        } catch (IOException e) {
            throw failure("put " + ords.length + " ords", e);
        } finally {
            writeGeneration.incrementAndGet();
        }
    }

    /** Removes the text of {@code ord}; a no-op when it has none. */
    public void remove(int ord) {
        checkOrd(ord);
        ensureOpen();
        try {
            writer.deleteDocuments(idTerm(ord));
        } catch (IOException e) {
            throw failure("remove ord " + ord, e);
        }
        writeGeneration.incrementAndGet();
    }

    /**
     * Writes the best {@code k} BM25 hits for {@code query} into {@code ordsOut}/{@code scoresOut},
     * best first (equal scores in Lucene doc-id order), and returns how many were written. Only
     * ords for which {@code accept} (if not null) is true are counted or returned.
     */
    public int search(String query, int k, IntPredicate accept, int[] ordsOut, float[] scoresOut) {
        InvalidArgumentException.check(k >= 1, "k must be at least 1, got %d", k);
        InvalidArgumentException.check(ordsOut != null && ordsOut.length >= k,
                "ordsOut must hold at least k = %d ords, got %s", k, ordsOut == null ? "null" : "length " + ordsOut.length);
        InvalidArgumentException.check(scoresOut != null && scoresOut.length >= k,
                "scoresOut must hold at least k = %d scores, got %s", k, scoresOut == null ? "null" : "length " + scoresOut.length);
        ensureOpen();
        Query textQuery = textQuery(query);
        if (textQuery == null) {
            return 0;
        }
        Query q = accept == null
                ? textQuery
                : new BooleanQuery.Builder()
                        .add(textQuery, BooleanClause.Occur.MUST)
                        .add(new AcceptedOrdQuery(ORD_FIELD, accept), BooleanClause.Occur.FILTER)
                        .build();
        try {
            refreshIfBehind();
            IndexSearcher searcher = searchers.acquire();
            try {
                int maxDoc = searcher.getIndexReader().maxDoc();
                if (maxDoc == 0) {
                    return 0;
                }
                int numHits = Math.min(k, maxDoc);
                TopDocs top = searcher.search(q, new TopScoreDocCollectorManager(numHits, numHits));
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                ScoreDoc[] hits = top.scoreDocs;
                for (int i = 0; i < hits.length; i++) {
                    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[i].doc, leaves));
                    NumericDocValues ords = DocValues.getNumeric(leaf.reader(), ORD_FIELD);
                    if (!ords.advanceExact(hits[i].doc - leaf.docBase)) {
                        throw new TextIndexException("text index document " + hits[i].doc + " at " + location
                                + " has no ord value");
                    }
                    ordsOut[i] = (int) ords.longValue();
                    scoresOut[i] = hits[i].score;
                }
                return hits.length;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw failure("search", e);
        }
    }

    /** Live (not removed) documents, including writes not yet committed. */
    public int size() {
        ensureOpen();
        try {
            refreshIfBehind();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw failure("count documents", e);
        }
    }

    /**
     * Makes every write so far durable and records that the index now reflects the store up to
     * {@code sequence}.
     */
    public void commit(long sequence) {
        InvalidArgumentException.check(sequence >= 0, "sequence must be non-negative, got %d", sequence);
        ensureOpen();
        try {
            writer.setLiveCommitData(Map.of(SEQUENCE_KEY, Long.toString(sequence)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw failure("commit sequence " + sequence, e);
        }
        committedSequence = sequence;
    }

    /** The sequence of the last commit (this session's or the one found on open); -1 when none. */
    public long committedSequence() {
        return committedSequence;
    }

    /** Releases the reader, writer and directory, discarding uncommitted writes; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            IOUtils.close(searchers, writer, directory, analyzer);
        } catch (IOException e) {
            throw failure("close", e);
        }
    }

    private void refreshIfBehind() throws IOException {
        if (visibleGeneration >= writeGeneration.get()) {
            return;
        }
        synchronized (refreshLock) {
            // Read before the refresh starts: every put counted here finished before the reader opens.
            long target = writeGeneration.get();
            if (visibleGeneration >= target) {
                return;
            }
            searchers.maybeRefreshBlocking();
            visibleGeneration = target;
        }
    }

    private Query textQuery(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT_FIELD, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String t = term.toString();
                if (counts.containsKey(t)) {
                    counts.merge(t, 1, Integer::sum);
                } else if (counts.size() < MAX_QUERY_TERMS) {
                    counts.put(t, 1);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw failure("analyse query", e);
        }
        if (counts.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Query termQuery = new TermQuery(new Term(TEXT_FIELD, e.getKey()));
            if (e.getValue() > 1) {
                termQuery = new BoostQuery(termQuery, e.getValue());
            }
            builder.add(termQuery, BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    private static Document document(int ord, String text) {
        Document doc = new Document();
        doc.add(new StringField(ID_FIELD, idBytes(ord), Field.Store.NO));
        doc.add(new NumericDocValuesField(ORD_FIELD, ord));
        doc.add(new TextField(TEXT_FIELD, text == null ? "" : text, Field.Store.NO));
        return doc;
    }

    private static Term idTerm(int ord) {
        return new Term(ID_FIELD, idBytes(ord));
    }

    private static BytesRef idBytes(int ord) {
        return new BytesRef(new byte[] {(byte) (ord >>> 24), (byte) (ord >>> 16), (byte) (ord >>> 8), (byte) ord});
    }

    private static void checkOrd(int ord) {
        InvalidArgumentException.check(ord >= 0, "ord must be non-negative, got %d", ord);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new TextIndexException("text index at " + location + " is closed");
        }
    }

    private TextIndexException failure(String action, IOException e) {
        return new TextIndexException("text index at " + location + " failed to " + action + ": " + e.getMessage(), e);
    }
}
