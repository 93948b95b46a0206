package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.PageRank;
import io.engram.graph.traverse.Traversal;
import io.engram.graph.traverse.Traversals;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of the READMEs, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void moduleReadmeExample() {
        Graph graph = Graph.create();
        int ada = graph.inTransaction(tx -> {
            int a = tx.createNode(Map.of("name", "Ada"));
            int b = tx.createNode(Map.of("name", "Babbage"));
            tx.putEdge(a, "knows", b, 0.9);
            return a;
        });
        try (GraphSnapshot s = graph.snapshot()) {
            int[] friends = s.neighbours(ada, Direction.OUT);
            Traversal near = Traversals.kHop(s, ada, 2, Direction.BOTH, 100, Budget.ofTime(Duration.ofMillis(5)));
            PageRank ranks = PageRank.compute(s, Budget.unlimited());
            assertThat(friends).hasSize(1);
            assertThat(s.property(friends[0], "name")).isEqualTo("Babbage");
            assertThat(near.nodes()).containsExactly(friends[0]);
            assertThat(ranks.ranks()[friends[0]]).isGreaterThan(ranks.ranks()[ada]);
        }
    }

    @Test
    void rootReadmeExample() {
        Graph graph = Graph.create();
        int ada = graph.inTransaction(tx -> {
            int a = tx.createNode(Map.of("name", "Ada"));
            tx.putEdge(a, "wrote", tx.createNode(Map.of("title", "Notes")), 1.0);
            return a;
        });
        try (GraphSnapshot s = graph.snapshot()) {
            Traversal near = Traversals.kHop(s, ada, 2, Direction.BOTH, 100, Budget.ofTime(Duration.ofMillis(5)));
            assertThat(near.size()).isEqualTo(1);
            assertThat(s.property(near.nodes()[0], "title")).isEqualTo("Notes");
        }
    }
}
