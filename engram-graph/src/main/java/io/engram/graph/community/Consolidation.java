package io.engram.graph.community;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.ConsolidatedView;
import io.engram.graph.Graph;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.Transaction;
import io.engram.graph.traverse.Budget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Consolidation ("sleep cycle"): detect communities with {@link Leiden} on a snapshot, create one
 * super-node per community of at least {@code minMembers}, link it to its members by
 * {@code ABSTRACTS} edges carrying their {@code position}, all in one transaction, then publish
 * the {@link ConsolidatedView} that maps members to super-nodes. Readers switch views with their
 * next snapshot; one holding a snapshot keeps the old view. Previous super-nodes and ABSTRACTS
 * edges are left out of the detection, so consolidating again does not feed on its own output.
 * Long-running: run it on a compute pool, not on a request thread.
 */
public final class Consolidation {
    public static final String ABSTRACTS = "ABSTRACTS";
    /** Property marking a super-node. */
    public static final String KIND = "kind";
    public static final String SUPER_NODE = "super-node";

    private Consolidation() {}

    public record Options(double resolution, long seed, int minMembers, Budget budget) {
        public Options {
            InvalidArgumentException.check(minMembers >= 2, "minMembers must be >= 2, got %d", minMembers);
            InvalidArgumentException.check(budget != null, "budget must not be null");
        }

        public static Options defaults() {
            return new Options(1.0, 42, 3, Budget.unlimited());
        }
    }

    /** What one consolidation did: the communities found, the view published, the commit version. */
    public record Result(Leiden.Result communities, ConsolidatedView view, long commitVersion) {}

    public static Result run(Graph graph, Options options) {
        Leiden.Result found;
        int[] ids;
        try (GraphSnapshot snapshot = graph.snapshot()) {
            int[] previousSuperNodes = snapshot.consolidated().superNodes();
            ids = Arrays.stream(snapshot.nodes()).filter(n -> Arrays.binarySearch(previousSuperNodes, n) < 0
                    && !SUPER_NODE.equals(snapshot.property(n, KIND))).toArray();
            found = Leiden.detect(snapshot, ids, snapshot.labelId(ABSTRACTS), options.resolution(), options.seed(),
                    options.budget());
        }
        int[][] byCommunity = WeightedGraph.members(compactLabels(found, ids), found.count());
        List<int[]> kept = new ArrayList<>();
        for (int[] compactMembers : byCommunity) {
            if (compactMembers.length >= options.minMembers()) {
                int[] members = new int[compactMembers.length];
                for (int i = 0; i < members.length; i++) {
                    members[i] = ids[compactMembers[i]];
                }
                kept.add(members);
            }
        }
        long epoch = graph.epoch() + 1;
        int[] superNodes = new int[kept.size()];
        long version;
        try (Transaction tx = graph.begin()) {
            for (int s = 0; s < kept.size(); s++) {
                int[] members = kept.get(s);
                superNodes[s] = tx.createNode(Map.of(KIND, SUPER_NODE, "members", members.length, "epoch", epoch));
                for (int p = 0; p < members.length; p++) {
                    tx.putEdge(superNodes[s], ABSTRACTS, members[p], 1.0);
                    tx.setEdgeProperty(superNodes[s], ABSTRACTS, members[p], "position", p);
                }
            }
            version = tx.commit();
        }
        int bound = Arrays.stream(superNodes).max().orElse(-1) + 1;
        for (int[] members : kept) {
            bound = Math.max(bound, members[members.length - 1] + 1);
        }
        int[] superNodeOf = new int[bound];
        Arrays.fill(superNodeOf, -1);
        for (int s = 0; s < kept.size(); s++) {
            for (int m : kept.get(s)) {
                superNodeOf[m] = superNodes[s];
            }
        }
        ConsolidatedView view = new ConsolidatedView(epoch, superNodeOf, superNodes, kept.toArray(new int[0][]));
        graph.publish(view);
        return new Result(found, view, version);
    }

    private static int[] compactLabels(Leiden.Result found, int[] ids) {
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = found.communityOf()[ids[i]];
        }
        return labels;
    }
}
