package io.engram.engine.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TensionRuleTest {
    private static final TensionRule RULE = TensionRule.DEFAULT;

    private static StructuredFact fact(String s, String p, String o) {
        return new StructuredFact(s, p, o);
    }

    @Test
    void conflictingTypesAreAHighContradiction() {
        StructuredFact a = fact("X", "is_a", "tool");
        StructuredFact b = fact("X", "is_a", "person");

        assertThat(RULE.detect(a, b)).contains(
                new DetectedTension(a, b, TensionType.CONTRADICTION, TensionSeverity.HIGH));
        assertThat(RULE.detect(fact("X", "is", "alive"), fact("X", "is", "dead")).orElseThrow().severity())
                .isEqualTo(TensionSeverity.HIGH);
        assertThat(RULE.detect(fact("X", "has_type", "a"), fact("X", "has_type", "b")).orElseThrow().severity())
                .isEqualTo(TensionSeverity.HIGH);
    }

    @Test
    void multiValuedPredicatesCreateNone() {
        assertThat(RULE.detect(fact("X", "knows", "Y"), fact("X", "knows", "Z"))).isEmpty();
        for (String p : TensionRule.DEFAULT_MULTI_VALUED) {
            assertThat(RULE.detect(fact("X", p, "Y"), fact("X", p, "Z"))).as(p).isEmpty();
        }
    }

    @Test
    void otherSingleValuedPredicatesAreAMediumContradiction() {
        DetectedTension t = RULE.detect(fact("X", "located_in", "P"), fact("X", "located_in", "Q")).orElseThrow();

        assertThat(t.type()).isEqualTo(TensionType.CONTRADICTION);
        assertThat(t.severity()).isEqualTo(TensionSeverity.MEDIUM);
    }

    @Test
    void sameObjectOtherSubjectOrOtherPredicateCreateNone() {
        assertThat(RULE.detect(fact("X", "located_in", "P"), fact("X", "located_in", "P"))).isEmpty();
        assertThat(RULE.detect(fact("X", "located_in", "P"), fact("W", "located_in", "Q"))).isEmpty();
        assertThat(RULE.detect(fact("X", "located_in", "P"), fact("X", "born_in", "Q"))).isEmpty();
    }

    @Test
    void predicatesMatchAcrossCaseSpacesAndHyphens() {
        assertThat(RULE.detect(fact("X", "IS_A", "tool"), fact("X", " is a ", "person")).orElseThrow().severity())
                .isEqualTo(TensionSeverity.HIGH);
        assertThat(RULE.detect(fact("X", "Shareable-With", "Y"), fact("X", "shareable_with", "Z"))).isEmpty();
        assertThat(RULE.isMultiValued("Knows")).isTrue();
    }

    @Test
    void customPredicateListsAreUsed() {
        TensionRule rule = new TensionRule(Set.of("located_in"), Set.of("born_in"));

        assertThat(rule.detect(fact("X", "located_in", "P"), fact("X", "located_in", "Q"))).isEmpty();
        assertThat(rule.detect(fact("X", "born_in", "P"), fact("X", "born_in", "Q")).orElseThrow().severity())
                .isEqualTo(TensionSeverity.HIGH);
        assertThat(rule.detect(fact("X", "knows", "Y"), fact("X", "knows", "Z")).orElseThrow().severity())
                .isEqualTo(TensionSeverity.MEDIUM);
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> fact("X", " ", "Y"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("predicate").hasMessageContaining("\" \"");
        assertThatThrownBy(() -> new TensionRule(Set.of("is_a"), Set.of("IS A")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("is_a in both");
        assertThat(TensionType.TEMPORAL_CONFLICT.wireName()).isEqualTo("temporal_conflict");
    }
}
