package io.engram.engine.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The knowledge example of the module README, kept compiling and true. */
class KnowledgeReadmeExampleTest {
    @Test
    void readmeExample() {
        double conf = Confidence.of(0.9, 0.8, 0.9, 0.7, 0.6, 0.9).overall();          // 0.7966
        FusionScorer scorer = new FusionScorer(FusionPreset.BALANCED);
        double score = scorer.score(FusionScorer.similarityFromCosine(0.6), 0.5, 30.0, 5, 5, 0.0); // 0.605

        assertThat(conf).isCloseTo(0.7966, within(1e-4));
        assertThat(score).isCloseTo(0.605, within(1e-9));
    }
}
