package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextSplitTest {

    private static List<String> corpus(int n) {
        return IntStream.range(0, n).mapToObj(i -> "package description number " + i).toList();
    }

    @Test
    void queriesAreHeldOutAndTrainIsToppedUpWithCompounds() {
        List<String> texts = corpus(200);
        TextSplit split = TextSplit.of(texts, 30, 500, 42);
        assertThat(split.queries()).hasSize(30).doesNotHaveDuplicates();
        assertThat(split.train()).hasSize(500).doesNotHaveDuplicates();
        assertThat(split.realTrain()).isEqualTo(170);
        assertThat(split.compounds()).isEqualTo(330);
        assertThat(split.train()).doesNotContainAnyElementsOf(split.queries());
        // every corpus text is either a query or a real train text, exactly once
        List<String> real = split.train().subList(0, split.realTrain());
        Set<String> all = new HashSet<>(split.queries());
        all.addAll(real);
        assertThat(all).containsExactlyInAnyOrderElementsOf(texts);
        Set<String> realSet = new HashSet<>(real);
        for (String compound : split.train().subList(split.realTrain(), split.train().size())) {
            String[] parts = compound.split(TextSplit.COMPOUND_SEPARATOR, -1);
            assertThat(parts).hasSize(2);
            assertThat(parts[0]).isNotEqualTo(parts[1]);
            assertThat(realSet).contains(parts[0], parts[1]); // never built from a query
        }
    }

    @Test
    void splitIsDeterministicAndIndependentOfInputOrderAndDuplicates() {
        List<String> texts = corpus(100);
        List<String> shuffled = new ArrayList<>(texts);
        Collections.reverse(shuffled);
        shuffled.addAll(texts.subList(0, 40)); // duplicates
        TextSplit a = TextSplit.of(texts, 10, 250, 42);
        TextSplit b = TextSplit.of(shuffled, 10, 250, 42);
        assertThat(b).isEqualTo(a);
        TextSplit other = TextSplit.of(texts, 10, 250, 7);
        assertThat(other.queries()).isNotEqualTo(a.queries());
        // not simply the sorted order
        assertThat(a.queries()).isNotEqualTo(texts.subList(0, 10));
    }

    @Test
    void smallerTrainSizeIsAPrefixOfRealTexts() {
        List<String> texts = corpus(100);
        TextSplit full = TextSplit.of(texts, 10, 250, 42);
        TextSplit small = TextSplit.of(texts, 10, 50, 42);
        assertThat(small.queries()).isEqualTo(full.queries());
        assertThat(small.train()).isEqualTo(full.train().subList(0, 50));
        assertThat(small.compounds()).isZero();
    }

    @Test
    void impossibleSplitsAreRejected() {
        assertThatThrownBy(() -> TextSplit.of(corpus(10), 10, 5, 42))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("nothing to train on");
        // 5 remaining texts give at most 10 unordered pairs
        assertThatThrownBy(() -> TextSplit.of(corpus(6), 1, 100, 42))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("cannot be made");
    }
}
