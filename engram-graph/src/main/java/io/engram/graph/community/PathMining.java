package io.engram.graph.community;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Frequent 3-path mining over sequence edges: for every path a → b → c along edges labelled
 * {@code label}, support = mean(w_ab, w_bc) × mean(occ_ab, occ_bc), where occ is the edge's
 * {@code occurrences} property (1 when absent). Paths with support at or above the threshold
 * come back strongest first (ties by a, b, c).
 */
public final class PathMining {
    /** The threshold of the reference consolidation. */
    public static final double MIN_SUPPORT = 2.0;
    public static final String OCCURRENCES = "occurrences";

    private PathMining() {}

    public record ThreePath(int a, int b, int c, double support) {}

    public static List<ThreePath> frequentThreePaths(GraphSnapshot snapshot, String label, double minSupport) {
        InvalidArgumentException.check(Double.isFinite(minSupport), "minSupport must be finite, got %s", minSupport);
        int l = snapshot.labelId(label);
        List<ThreePath> out = new ArrayList<>();
        if (l < 0) {
            return out;
        }
        EdgeCursor first = snapshot.cursor();
        EdgeCursor second = snapshot.cursor();
        for (int a : snapshot.nodes()) {
            for (int i = 0, n1 = first.out(a); i < n1; i++) {
                if (first.label(i) != l) {
                    continue;
                }
                int b = first.node(i);
                double wab = first.weight(i);
                double occAb = occurrences(snapshot, a, label, b);
                for (int j = 0, n2 = second.out(b); j < n2; j++) {
                    if (second.label(j) != l) {
                        continue;
                    }
                    int c = second.node(j);
                    double support = (wab + second.weight(j)) / 2 * (occAb + occurrences(snapshot, b, label, c)) / 2;
                    if (support >= minSupport) {
                        out.add(new ThreePath(a, b, c, support));
                    }
                }
            }
        }
        out.sort(Comparator.comparingDouble(ThreePath::support).reversed()
                .thenComparingInt(ThreePath::a).thenComparingInt(ThreePath::b).thenComparingInt(ThreePath::c));
        return out;
    }

    private static double occurrences(GraphSnapshot snapshot, int source, String label, int target) {
        Object v = snapshot.edgeProperties(source, label, target).get(OCCURRENCES);
        return v instanceof Number n ? n.doubleValue() : 1.0;
    }
}
