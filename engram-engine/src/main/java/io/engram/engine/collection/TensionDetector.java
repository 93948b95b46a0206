package io.engram.engine.collection;

import io.engram.engine.knowledge.DetectedTension;
import io.engram.engine.knowledge.StructuredFact;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionRule;
import io.engram.engine.knowledge.TensionSeverity;
import io.engram.engine.knowledge.TensionStatus;
import io.engram.engine.knowledge.TensionType;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.RecordStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Finds contradictions when a record is written, by two rules:
 * <ul>
 *   <li>structured facts: same subject and predicate, different object ({@link TensionRule}; multi-valued
 *       predicates exempt), looked up through an index of (subject, predicate) → records;</li>
 *   <li>opposing near-duplicates: a record whose embedding is very close (cosine ≥ {@value #NEAR_DUPLICATE})
 *       to an existing one but with opposite polarity (one negates, the other does not). A heuristic:
 *       it catches "X supports Y" against "X does not support Y", not paraphrased disagreement.</li>
 * </ul>
 * Only the collection's writer calls it (under the write lock).
 */
final class TensionDetector {
    static final double NEAR_DUPLICATE = 0.9;
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "cannot", "isn't", "aren't",
            "wasn't", "weren't", "doesn't", "don't", "didn't", "can't", "won't", "shouldn't", "false", "nor");
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}']+");

    private final TensionRule rule = TensionRule.DEFAULT;
    private final Map<String, List<Integer>> factIndex = new HashMap<>();

    static String factKey(StructuredFact f) {
        return f.subject().strip().toLowerCase(Locale.ROOT) + "\u0000" + TensionRule.normalizePredicate(f.predicate());
    }

    /** Tensions between {@code record} and indexed facts of current records. */
    List<Tension> factTensions(KnowledgeRecord record, RecordTable table, Instant now) {
        if (record.fact() == null) {
            return List.of();
        }
        List<Tension> out = new ArrayList<>();
        for (int ord : factIndex.getOrDefault(factKey(record.fact()), List.of())) {
            KnowledgeRecord other = table.get(ord);
            if (other == null || other.id().equals(record.id()) || other.status() != RecordStatus.ACTIVE) {
                continue;
            }
            Tension t = factTension(other, record, now);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** The tension between two records' structured facts, or null (also when either has none). */
    Tension factTension(KnowledgeRecord a, KnowledgeRecord b, Instant now) {
        if (a.fact() == null || b.fact() == null) {
            return null;
        }
        return rule.detect(a.fact(), b.fact())
                .map(d -> tension(a, b, d.type(), d.severity(), describe(d), now))
                .orElse(null);
    }

    /** A tension when {@code record} nearly duplicates {@code other} but with opposite polarity. */
    Tension opposingDuplicate(KnowledgeRecord record, KnowledgeRecord other, double cosine, Instant now) {
        if (cosine < NEAR_DUPLICATE || other.status() != RecordStatus.ACTIVE || record.content().isEmpty()
                || negated(record.content()) == negated(other.content())) {
            return null;
        }
        return tension(other, record, TensionType.CONTRADICTION, TensionSeverity.MEDIUM,
                String.format(Locale.ROOT, "near-duplicate statements (cosine %.3f) with opposite polarity", cosine),
                now);
    }

    void index(int ord, KnowledgeRecord record) {
        if (record.fact() != null) {
            factIndex.computeIfAbsent(factKey(record.fact()), k -> new ArrayList<>(2)).add(ord);
        }
    }

    void unindex(int ord, KnowledgeRecord record) {
        if (record.fact() != null) {
            List<Integer> ords = factIndex.get(factKey(record.fact()));
            if (ords != null) {
                ords.remove(Integer.valueOf(ord));
                if (ords.isEmpty()) {
                    factIndex.remove(factKey(record.fact()));
                }
            }
        }
    }

    static boolean negated(String text) {
        int count = 0;
        for (String word : WORDS.split(text.toLowerCase(Locale.ROOT))) {
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                count++;
            }
        }
        return (count & 1) == 1;
    }

    private static Tension tension(KnowledgeRecord a, KnowledgeRecord b, TensionType type, TensionSeverity severity,
            String reason, Instant now) {
        return new Tension(UUID.randomUUID().toString(), a.id(), b.id(), type, severity, TensionStatus.DETECTED,
                reason, null, now, null);
    }

    private static String describe(DetectedTension d) {
        return "(" + d.a().subject() + ", " + d.a().predicate() + ", " + d.a().object() + ") vs ("
                + d.b().subject() + ", " + d.b().predicate() + ", " + d.b().object() + ")";
    }
}
