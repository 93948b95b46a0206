package io.engram.engine.knowledge;

import io.engram.core.InvalidArgumentException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The automatic tension rule for structured facts: two facts with the same subject and predicate
 * but different objects contradict each other, unless the predicate is multi-valued (someone knows
 * many people). Contradicting identity or type ({@code is}, {@code is_a}, {@code has_type}) is
 * severe, because everything else said about the subject depends on what it is; other
 * single-valued predicates (a location, a date) give a medium tension, since they often just
 * changed over time.
 */
public final class TensionRule {
    /** Predicates that may hold for several objects at once. */
    public static final Set<String> DEFAULT_MULTI_VALUED =
            Set.of("knows", "likes", "trusts", "shareable_with", "verifies", "supersedes");
    /** Predicates stating what a subject is. */
    public static final Set<String> DEFAULT_TYPE_PREDICATES = Set.of("is", "is_a", "has_type");

    public static final TensionRule DEFAULT = new TensionRule(DEFAULT_MULTI_VALUED, DEFAULT_TYPE_PREDICATES);

    private final Set<String> multiValued;
    private final Set<String> typePredicates;

    /** A rule with its own predicate lists (normalised like fact predicates). */
    public TensionRule(Set<String> multiValued, Set<String> typePredicates) {
        InvalidArgumentException.check(multiValued != null && typePredicates != null,
                "tension rule: expected two predicate sets, got %s and %s", multiValued, typePredicates);
        this.multiValued = normalizeAll(multiValued);
        this.typePredicates = normalizeAll(typePredicates);
        for (String p : this.typePredicates) {
            InvalidArgumentException.check(!this.multiValued.contains(p),
                    "tension rule: expected a predicate to be multi-valued or a type predicate, got %s in both",
                    p);
        }
    }

    /**
     * Predicates are matched case-insensitively, with surrounding spaces and inner spaces or hyphens
     * read as underscores, because extractors write "is a", "IS_A" and "is-a" for the same thing.
     */
    public static String normalizePredicate(String predicate) {
        return predicate.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** Whether {@code predicate} may hold for several objects of one subject. */
    public boolean isMultiValued(String predicate) {
        return multiValued.contains(normalizePredicate(predicate));
    }

    /** The tension between {@code a} and {@code b}, if the rule sees one. */
    public Optional<DetectedTension> detect(StructuredFact a, StructuredFact b) {
        InvalidArgumentException.check(a != null && b != null, "tension rule: expected two facts, got %s and %s", a, b);
        String predicate = normalizePredicate(a.predicate());
        if (!a.subject().equals(b.subject())
                || !predicate.equals(normalizePredicate(b.predicate()))
                || a.object().equals(b.object())
                || multiValued.contains(predicate)) {
            return Optional.empty();
        }
        TensionSeverity severity = typePredicates.contains(predicate) ? TensionSeverity.HIGH : TensionSeverity.MEDIUM;
        return Optional.of(new DetectedTension(a, b, TensionType.CONTRADICTION, severity));
    }

    private static Set<String> normalizeAll(Set<String> predicates) {
        return predicates.stream().map(TensionRule::normalizePredicate).collect(Collectors.toUnmodifiableSet());
    }
}
