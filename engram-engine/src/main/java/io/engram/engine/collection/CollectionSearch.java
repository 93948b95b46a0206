package io.engram.engine.collection;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.kernel.Kernels;
import io.engram.engine.knowledge.ReciprocalRankFusion;
import io.engram.engine.query.SearchHit;
import io.engram.engine.query.SearchMode;
import io.engram.engine.query.SearchRequest;
import io.engram.engine.query.SearchResults;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.index.SearchParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * One search over a collection's derived indexes: the vector and/or text retriever, each with the
 * visibility filter pushed inside it (a rejected record never takes one of the k places), then
 * superseded hits replaced by the head of their chain, then fusion.
 */
final class CollectionSearch {
    /** Successor chains longer than this are treated as broken (they cannot be, but a loop must end). */
    static final int MAX_CHAIN = 1000;

    private final Derived d;
    private final CollectionSpec spec;
    private final Function<String, float[]> embed;

    CollectionSearch(Derived d, CollectionSpec spec, Function<String, float[]> embed) {
        this.d = d;
        this.spec = spec;
        this.embed = embed;
    }

    /**
     * A hit being gathered: its head record (read once, so that a delete racing the query cannot
     * pull it away halfway) and ord, both ranks, and what it replaces.
     */
    static final class Gathered {
        final int ord;
        final KnowledgeRecord record;
        int vectorRank;
        int textRank;
        double similarity = Double.NaN;
        double textScore;
        final List<String> replaces = new ArrayList<>(0);

        Gathered(int ord, KnowledgeRecord record) {
            this.ord = ord;
            this.record = record;
        }
    }

    SearchResults search(SearchRequest req, Instant now) {
        long start = System.nanoTime();
        Visibility vis = visibility(req, now);
        SearchMode mode = req.mode();
        String text = req.text();
        boolean useText = mode != SearchMode.VECTOR;
        boolean useVector = mode != SearchMode.TEXT;
        if (useText) {
            InvalidArgumentException.check(text != null && !text.isBlank(), "expected query text for %s search",
                    mode.wireName());
        }
        float[] query = null;
        if (useVector) {
            query = queryVector(req.vector(), text);
        }
        int fetch = req.includeSuperseded() ? req.k() : Math.min(req.k() * 2 + 8, 2 * SearchRequest.MAX_K);
        Map<Integer, Gathered> gathered = new LinkedHashMap<>();
        int candidates = 0;
        if (useVector) {
            candidates += gatherVector(query, fetch, req.ef(), vis, gathered,
                    mode == SearchMode.VECTOR ? req.k() : Integer.MAX_VALUE);
        }
        if (useText) {
            candidates += gatherText(text, fetch, vis, gathered);
        }
        List<Gathered> list = new ArrayList<>(gathered.values());
        double[] scores = score(mode, list);
        Integer[] order = new Integer[list.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        List<SearchHit> hits = new ArrayList<>(Math.min(req.k(), order.length));
        for (int i = 0; i < order.length && hits.size() < req.k(); i++) {
            Gathered g = list.get(order[i]);
            KnowledgeRecord r = g.record;
            hits.add(new SearchHit(r, scores[order[i]], g.similarity, g.vectorRank, g.textRank,
                    List.copyOf(g.replaces), d.tensions.activeOf(r.id())));
        }
        return new SearchResults(hits, candidates, (System.nanoTime() - start) / 1000);
    }

    static Visibility visibility(SearchRequest req, Instant now) {
        return Visibility.of(req.asOf(), req.knownAt(), now, req.includeSuperseded(), req.includeExpired(),
                req.includeArchived(), req.minConfidence(), req.filter());
    }

    float[] queryVector(float[] given, String text) {
        if (given != null) {
            if (given.length != spec.dimension()) {
                throw new DimensionMismatchException(spec.dimension(), given.length);
            }
            InvalidArgumentException.checkFinite(given, "query vector");
            return given;
        }
        InvalidArgumentException.check(text != null && !text.isBlank(), "expected a query vector or query text");
        return embed.apply(text);
    }

    /**
     * The candidate test the indexes apply while they search, or null when every record passes it:
     * default settings over a collection whose records are all plain. Skipping it saves a random
     * memory read per visited node; {@link #head} still checks each hit.
     */
    private IntPredicate prefilter(Visibility vis) {
        if (vis.defaults() && d.table.allPlain()) {
            return null;
        }
        return ord -> vis.candidate(d.table, ord);
    }

    /** Vector retrieval: returns how many hits the index produced. */
    int gatherVector(float[] query, int fetch, int ef, Visibility vis, Map<Integer, Gathered> out) {
        return gatherVector(query, fetch, ef, vis, out, Integer.MAX_VALUE);
    }

    /**
     * As above; when the index searched without a prefilter (every record plain), records are read
     * only until {@code k} hits are gathered (each record read is a cache miss): no hit then stands
     * in for another, so the index's order is the final order. A hit that turns out to stand for
     * another (a supersede racing the query) switches that off and the rest are read as usual.
     */
    int gatherVector(float[] query, int fetch, int ef, Visibility vis, Map<Integer, Gathered> out, int k) {
        long[] ids = new long[fetch];
        float[] raw = new float[fetch];
        IntPredicate accept = prefilter(vis);
        int enough = accept == null ? k : Integer.MAX_VALUE;
        SearchParams params = accept == null ? SearchParams.DEFAULTS
                : SearchParams.DEFAULTS.withFilter(ord -> accept.test((int) ord));
        if (ef > 0 || spec.index() == IndexKind.HNSW) {
            params = params.withEf(Math.max(ef, fetch));
        }
        int n = d.vectors.search(query, fetch, params, ids, raw);
        int rank = 0;
        for (int i = 0; i < n && out.size() < enough; i++) {
            int ord = (int) ids[i];
            Gathered g = gathered(ord, vis, out);
            if (g == null) {
                continue;
            }
            if (g.ord != ord) {
                enough = Integer.MAX_VALUE;
            }
            if (g.vectorRank == 0) {
                g.vectorRank = ++rank;
                g.similarity = g.ord == ord ? scoreOfDistance(spec.metric(), raw[i]) : similarity(query, g.ord);
            }
        }
        return n;
    }

    int gatherText(String text, int fetch, Visibility vis, Map<Integer, Gathered> out) {
        int[] ords = new int[fetch];
        float[] scores = new float[fetch];
        int n = d.text.search(text, fetch, prefilter(vis), ords, scores);
        int rank = 0;
        for (int i = 0; i < n; i++) {
            Gathered g = gathered(ords[i], vis, out);
            if (g == null) {
                continue;
            }
            if (g.textRank == 0) {
                g.textRank = ++rank;
                g.textScore = scores[i];
            }
        }
        return n;
    }

    /**
     * The entry for the record that stands for {@code ord} (itself or its chain's head), created on
     * first sight and noting {@code ord} among the records it replaces; null when that record may
     * not be returned or vanished under a concurrent delete.
     */
    Gathered gathered(int ord, Visibility vis, Map<Integer, Gathered> out) {
        int head = head(ord, vis);
        if (head < 0) {
            return null;
        }
        Gathered g = out.get(head);
        if (g == null) {
            KnowledgeRecord record = d.table.get(head);
            if (record == null) {
                return null;
            }
            g = new Gathered(head, record);
            out.put(head, g);
        }
        if (head != ord) {
            KnowledgeRecord replaced = d.table.get(ord);
            if (replaced != null && !g.replaces.contains(replaced.id())) {
                g.replaces.add(replaced.id());
            }
        }
        return g;
    }

    /**
     * The ord that stands for {@code ord} in results: itself, or the head of its supersession chain
     * as known at the query's transaction time; -1 when that record may not be returned.
     */
    int head(int ord, Visibility vis) {
        KnowledgeRecord r = d.table.get(ord);
        int current = ord;
        for (int steps = 0; r != null && vis.redirects(r) && steps < MAX_CHAIN; steps++) {
            int next = d.table.ordOf(r.supersededById());
            if (next < 0) {
                break;
            }
            current = next;
            r = d.table.get(next);
        }
        return r != null && vis.result(r) ? current : -1;
    }

    /**
     * The score (higher is better) of a distance the vector indexes report: they report 1 − cos
     * for cosine, −dot for inner product and the Euclidean distance for L2; scores are cos, dot
     * and −distance.
     */
    static double scoreOfDistance(Metric metric, float reported) {
        return metric == Metric.COSINE ? 1.0 - reported : -reported;
    }

    /** The metric's score between the query and a stored vector (as {@link #scoreOfDistance}). */
    double similarity(float[] query, int ord) {
        float[] page = d.table.vectorPage(ord);
        int offset = d.table.vectorOffset(ord);
        int dim = spec.dimension();
        return switch (spec.metric()) {
            case COSINE -> Kernels.floats().cosine(query, 0, page, offset, dim);
            case INNER_PRODUCT -> Kernels.floats().dot(query, 0, page, offset, dim);
            // The indexes report Euclidean distance for L2 (not its square); scores negate it.
            default -> -Math.sqrt(Kernels.floats().squareDistance(query, 0, page, offset, dim));
        };
    }

    private static double[] score(SearchMode mode, List<Gathered> list) {
        double[] scores = new double[list.size()];
        for (int i = 0; i < scores.length; i++) {
            Gathered g = list.get(i);
            scores[i] = switch (mode) {
                case VECTOR -> g.similarity;
                case TEXT -> g.textScore;
                case HYBRID -> ReciprocalRankFusion.contribution(g.vectorRank) + ReciprocalRankFusion.contribution(g.textRank);
            };
        }
        if (mode == SearchMode.HYBRID) {
            ReciprocalRankFusion.normalizeMinMax(scores);
        }
        return scores;
    }
}
