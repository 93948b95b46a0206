package io.engram.engine.index;

import java.io.IOException;
import java.util.function.IntPredicate;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Matches the documents whose ord doc value the caller's predicate accepts. Used as a FILTER
 * clause: the check is the second phase of a two-phase iterator, so the conjunction asks it only
 * about documents the text clauses already matched, and the collector never sees a rejected ord.
 *
 * <p>The predicate is an arbitrary closure, so the query has identity equality and is never
 * cached: a cached bit set would outlive the state the predicate reads.
 */
final class AcceptedOrdQuery extends Query {
    private final String ordField;
    private final IntPredicate accept;

    AcceptedOrdQuery(String ordField, IntPredicate accept) {
        this.ordField = ordField;
        this.accept = accept;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                NumericDocValues ords = DocValues.getNumeric(context.reader(), ordField);
                TwoPhaseIterator accepted = new TwoPhaseIterator(ords) {
                    @Override
                    public boolean matches() throws IOException {
                        return accept.test((int) ords.longValue());
                    }

                    @Override
                    public float matchCost() {
                        return 10; // a doc-value read and a predicate call
                    }
                };
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, accepted));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false;
            }
        };
    }

    @Override
    public String toString(String field) {
        return "AcceptedOrd(" + ordField + ")";
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(ordField)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
