package io.engram.engine.query;

import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import java.util.List;

/**
 * One result. {@code score} orders the hits: the metric's similarity for vector search (cosine,
 * inner product, or the negated distance for L2), BM25 for text, normalised RRF for hybrid.
 *
 * @param vectorRank   1-based rank in the vector list, 0 when absent
 * @param textRank     1-based rank in the text list, 0 when absent
 * @param replaces     ids of superseded records this hit stands in for (empty when it matched itself)
 * @param tensions     active tensions touching the record
 */
public record SearchHit(KnowledgeRecord record, double score, double similarity, int vectorRank, int textRank,
        List<String> replaces, List<Tension> tensions) {

    public boolean activeTensions() {
        return !tensions.isEmpty();
    }
}
