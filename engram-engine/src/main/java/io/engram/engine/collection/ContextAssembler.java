package io.engram.engine.collection;

import io.engram.core.kernel.Kernels;
import io.engram.engine.context.AssembledContext;
import io.engram.engine.context.ContextComposer;
import io.engram.engine.context.ContextRequest;
import io.engram.engine.context.RankedCandidate;
import io.engram.engine.context.TokenCounter;
import io.engram.engine.knowledge.FusionScore;
import io.engram.engine.knowledge.FusionScorer;
import io.engram.engine.knowledge.ReciprocalRankFusion;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.EntityLink;
import io.engram.engine.record.KnowledgeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Context assembly: one candidate set (vector kNN, BM25 hits, and the records near the anchors in
 * the entity graph), each superseded candidate replaced by its chain's head, every candidate
 * scored once by the fusion formula, near-duplicates (cosine > {@value #DUPLICATE_COSINE}) of a
 * chosen item skipped while the {@link ContextComposer} fills the budget and renders.
 *
 * <p>Anchors for the graph term are the request's active entities; without any, the entities of
 * the top {@value #IMPLICIT_ANCHOR_HITS} vector hits stand in (so a plain question still favours
 * records about the same things). Nothing here touches the whole graph or the whole collection:
 * the work is bounded by the candidate count and {@code max_nodes}.
 */
final class ContextAssembler {
    static final double DUPLICATE_COSINE = 0.95;
    static final int IMPLICIT_ANCHOR_HITS = 3;
    private static final int MIN_FETCH = 40;

    private final Derived d;
    private final CollectionSpec spec;
    private final Function<String, float[]> embed;

    ContextAssembler(Derived d, CollectionSpec spec, Function<String, float[]> embed) {
        this.d = d;
        this.spec = spec;
        this.embed = embed;
    }

    AssembledContext assemble(ContextRequest req, Instant now) {
        long start = System.nanoTime();
        Visibility vis = Visibility.of(req.asOf(), req.knownAt(), now, req.includeSuperseded(),
                req.includeExpired(), false, 0, List.of());
        CollectionSearch search = new CollectionSearch(d, spec, embed);
        float[] query = search.queryVector(req.queryVector(), req.query());
        int fetch = Math.max(MIN_FETCH, req.maxItems() * 2);

        Map<Integer, CollectionSearch.Gathered> gathered = new LinkedHashMap<>();
        int retrieved = search.gatherVector(query, fetch, 0, vis, gathered);
        int[] topHits = gathered.keySet().stream().limit(IMPLICIT_ANCHOR_HITS).mapToInt(Integer::intValue).toArray();
        int textHits = search.gatherText(req.query(), fetch, vis, gathered);
        retrieved += textHits;

        Map<Integer, Integer> hops = graphHops(req, topHits);
        for (int ord : hops.keySet()) {
            search.gathered(ord, vis, gathered);
        }

        List<CollectionSearch.Gathered> list = new ArrayList<>(gathered.values());
        int n = list.size();
        double[] cosine = new double[n];
        for (int i = 0; i < n; i++) {
            CollectionSearch.Gathered g = list.get(i);
            cosine[i] = Double.isNaN(g.similarity) ? search.similarity(query, g.ord) : g.similarity;
        }
        double[] sim = similarityTerms(list, cosine, textHits > 0);

        FusionScorer scorer = new FusionScorer(req.weights());
        RankedCandidate[] candidates = new RankedCandidate[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            CollectionSearch.Gathered g = list.get(i);
            KnowledgeRecord r = g.record;
            List<Tension> tensions = d.tensions.activeOf(r.id());
            double tension = 0;
            for (Tension t : tensions) {
                tension = Math.max(tension, t.severity().penalty());
            }
            double ageDays = Math.max(0, Duration.between(r.modifiedAt(), now).toMillis() / 86_400_000.0);
            Integer h = hops.get(g.ord);
            FusionScore score = scorer.explain(sim[i], r.overallConfidence(), ageDays,
                    h == null ? FusionScorer.UNREACHABLE : h, r.independentSources(), tension);
            candidates[i] = new RankedCandidate(r, score, List.copyOf(g.replaces), tensions);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(candidates[b].score().total(), candidates[a].score().total()));
        List<RankedCandidate> ranked = new ArrayList<>(n);
        int[] ords = new int[n];
        for (int i = 0; i < n; i++) {
            ranked.add(candidates[order[i]]);
            ords[i] = list.get(order[i]).ord;
        }
        return ContextComposer.compose(req, ranked, (index, chosen, count) -> nearDuplicate(ords, index, chosen, count),
                n + retrieved, TokenCounter.DEFAULT, start);
    }

    /**
     * The similarity term: with lexical hits, the RRF of the vector rank (by exact similarity over
     * every candidate) and the BM25 rank, min-max normalised; without any, (cos + 1) / 2.
     */
    private double[] similarityTerms(List<CollectionSearch.Gathered> list, double[] cosine, boolean lexical) {
        int n = list.size();
        double[] sim = new double[n];
        if (!lexical) {
            for (int i = 0; i < n; i++) {
                sim[i] = spec.metric() == io.engram.core.Metric.COSINE
                        ? Math.clamp(FusionScorer.similarityFromCosine(Math.clamp(cosine[i], -1, 1)), 0, 1)
                        : 0;
            }
            if (spec.metric() != io.engram.core.Metric.COSINE) {
                System.arraycopy(cosine, 0, sim, 0, n);
                ReciprocalRankFusion.normalizeMinMax(sim);
            }
            return sim;
        }
        Integer[] byCosine = new Integer[n];
        for (int i = 0; i < n; i++) {
            byCosine[i] = i;
        }
        Arrays.sort(byCosine, (a, b) -> Double.compare(cosine[b], cosine[a]));
        int[] vectorRank = new int[n];
        for (int r = 0; r < n; r++) {
            vectorRank[byCosine[r]] = r + 1;
        }
        for (int i = 0; i < n; i++) {
            sim[i] = ReciprocalRankFusion.contribution(vectorRank[i])
                    + ReciprocalRankFusion.contribution(list.get(i).textRank);
        }
        ReciprocalRankFusion.normalizeMinMax(sim);
        return sim;
    }

    /** Hops from the anchors to the records near them (bounded by max_hops and max_nodes). */
    private Map<Integer, Integer> graphHops(ContextRequest req, int[] topHits) {
        int[] anchors = new int[64];
        int count = 0;
        for (String name : req.activeEntities()) {
            int node = d.graph.nodeOfEntity(name);
            if (node >= 0 && count < anchors.length) {
                anchors[count++] = node;
            }
        }
        if (req.activeEntities().isEmpty()) {
            for (int ord : topHits) {
                KnowledgeRecord hit = d.table.get(ord);
                for (EntityLink e : hit == null ? List.<EntityLink>of() : hit.entities()) {
                    int node = d.graph.nodeOfEntity(e.name());
                    if (node >= 0 && count < anchors.length) {
                        anchors[count++] = node;
                    }
                }
            }
        }
        Map<Integer, Integer> hops = new HashMap<>();
        d.graph.recordsNear(anchors, count, req.maxHops(), req.maxNodes(), (ord, h) -> hops.putIfAbsent(ord, h));
        return hops;
    }

    /** Whether candidate {@code index} lies within cosine {@value #DUPLICATE_COSINE} of a chosen one. */
    private boolean nearDuplicate(int[] ords, int index, int[] chosen, int count) {
        int ord = ords[index];
        float[] page = d.table.vectorPage(ord);
        int offset = d.table.vectorOffset(ord);
        float norm = d.table.norm(ord);
        int dim = spec.dimension();
        for (int k = 0; k < count; k++) {
            int other = ords[chosen[k]];
            float dot = Kernels.floats().dot(page, offset, d.table.vectorPage(other), d.table.vectorOffset(other), dim);
            if (dot > DUPLICATE_COSINE * norm * d.table.norm(other)) {
                return true;
            }
        }
        return false;
    }
}
