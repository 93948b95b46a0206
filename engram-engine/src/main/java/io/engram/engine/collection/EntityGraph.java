package io.engram.engine.collection;

import io.engram.engine.record.EntityLink;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.graph.Direction;
import io.engram.graph.EdgeCursor;
import io.engram.graph.Graph;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A collection's knowledge graph on engram-graph: one node per record, per entity and per source;
 * edges record →(subject|object|context|source)→ entity, record →provenance→ source (provenance),
 * newer →supersedes→ older, and a →tension→ b.
 * Reads go through MVCC snapshots and never wait for the writer; the collection's write lock
 * makes this class's writer single, so its transactions never conflict.
 */
final class EntityGraph {
    static final String SUPERSEDES = "supersedes";
    static final String TENSION = "tension";
    static final String PROVENANCE = "provenance";
    /** Source nodes share the entity map under this prefix (an entity name cannot start with it). */
    private static final String SOURCE_PREFIX = "\u0000source:";

    private final Graph graph = Graph.create();
    private final ConcurrentHashMap<String, Integer> entityNodes = new ConcurrentHashMap<>();
    /** Graph node of each record ord (-1: none), and the reverse maps; arrays replaced on growth. */
    private volatile int[] recordNode = new int[0];
    private volatile int[] nodeOrd = new int[0];
    private volatile String[] nodeEntity = new String[0];

    /** Adds records (and the entities they mention) in one graph transaction. */
    void addRecords(int[] ords, KnowledgeRecord[] records, int count) {
        if (count == 0) {
            return;
        }
        try (Transaction tx = graph.begin()) {
            Map<String, Integer> created = new HashMap<>();
            int[] nodes = new int[count];
            for (int i = 0; i < count; i++) {
                nodes[i] = tx.createNode();
                mapRecord(ords[i], nodes[i]);
            }
            for (int i = 0; i < count; i++) {
                for (EntityLink e : records[i].entities()) {
                    tx.putEdge(nodes[i], e.role().wireName(), nodeFor(e.key(), tx, created), 1.0);
                }
                for (io.engram.engine.record.Source source : records[i].sources()) {
                    tx.putEdge(nodes[i], PROVENANCE, nodeFor(SOURCE_PREFIX + source.key(), tx, created), 1.0);
                }
            }
            tx.commit();
            // Published after the commit so that a reader never maps to a node it cannot see.
            created.forEach((key, node) -> {
                mapEntity(node, key);
                entityNodes.put(key, node);
            });
        }
    }

    private int nodeFor(String key, Transaction tx, Map<String, Integer> created) {
        Integer node = entityNodes.get(key);
        if (node == null) {
            node = created.get(key);
        }
        if (node == null) {
            node = tx.createNode();
            created.put(key, node);
        }
        return node;
    }

    /** An edge between two records by ord: newer →supersedes→ older, or a →tension→ b. */
    record Edge(int fromOrd, String label, int toOrd) {}

    /** Adds record-to-record edges in one graph transaction (edges at a record without a node are skipped). */
    void link(List<Edge> edges) {
        if (edges.isEmpty()) {
            return;
        }
        try (Transaction tx = graph.begin()) {
            for (Edge e : edges) {
                int from = nodeOfRecord(e.fromOrd());
                int to = nodeOfRecord(e.toOrd());
                if (from >= 0 && to >= 0) {
                    tx.putEdge(from, e.label(), to, 1.0);
                }
            }
            tx.commit();
        }
    }

    void removeRecord(int ord) {
        int node = nodeOfRecord(ord);
        if (node < 0) {
            return;
        }
        try (Transaction tx = graph.begin()) {
            tx.deleteNode(node);
            tx.commit();
        }
        recordNode[ord] = -1;
    }

    int entityCount() {
        return (int) entityNodes.keySet().stream().filter(k -> !k.startsWith(SOURCE_PREFIX)).count();
    }

    int nodeOfRecord(int ord) {
        int[] map = recordNode;
        return ord >= 0 && ord < map.length ? map[ord] : -1;
    }

    /** The graph node of an entity name (any case), or -1. */
    int nodeOfEntity(String name) {
        Integer node = entityNodes.get(EntityLink.normalize(name));
        return node == null ? -1 : node;
    }

    /**
     * Breadth-first from {@code anchors} (graph nodes) up to {@code maxHops} hops, visiting at most
     * {@code maxNodes} nodes; reports each record reached with its hop count (nearest first).
     */
    void recordsNear(int[] anchors, int anchorCount, int maxHops, int maxNodes, HopVisitor visitor) {
        if (anchorCount == 0 || maxHops == 0) {
            return;
        }
        try (GraphSnapshot s = graph.snapshot()) {
            BreadthFirst.walk(s, anchors, anchorCount, maxHops, maxNodes, (node, hops, cursor, edge) -> {
                report(node, hops, visitor);
                return true;
            });
        }
    }

    private void report(int node, int hops, HopVisitor visitor) {
        int[] map = nodeOrd;
        if (node < map.length && map[node] >= 0) {
            visitor.visit(map[node], hops);
        }
    }

    @FunctionalInterface
    interface HopVisitor {
        void visit(int ord, int hops);
    }

    /** A record's neighbourhood: records and entities within {@code depth} hops, nearest first. */
    List<Neighbor> neighbors(int ord, int depth, int limit, java.util.function.IntFunction<String> recordId) {
        List<Neighbor> out = new ArrayList<>();
        int start = nodeOfRecord(ord);
        if (start < 0) {
            return out;
        }
        try (GraphSnapshot s = graph.snapshot()) {
            BreadthFirst.walk(s, new int[] {start}, 1, depth, Integer.MAX_VALUE, (node, hops, cursor, edge) -> {
                if (edge >= 0) {
                    Neighbor reached = describe(node, cursor.labelName(edge), hops, recordId);
                    if (reached != null) { // null: committed a moment ago, not mapped yet
                        out.add(reached);
                    }
                }
                return out.size() < limit;
            });
        }
        return out;
    }

    /**
     * The shortest path (fewest hops, edges in either direction) from one record to another, as
     * steps from the first record (hops 0) to the second, each with the label of the edge that led
     * to it; empty when none exists within {@code maxHops} or the time budget.
     */
    List<Neighbor> path(int fromOrd, int toOrd, int maxHops, java.time.Duration budget,
            java.util.function.IntFunction<String> recordId) {
        int from = nodeOfRecord(fromOrd);
        int to = nodeOfRecord(toOrd);
        List<Neighbor> out = new ArrayList<>();
        if (from < 0 || to < 0) {
            return out;
        }
        try (GraphSnapshot s = graph.snapshot()) {
            io.engram.graph.traverse.Path p = io.engram.graph.traverse.Traversals.shortestPath(s, from, to, Direction.BOTH,
                    io.engram.graph.traverse.Budget.ofTime(budget).withMaxHops(maxHops));
            if (!p.found()) {
                return out;
            }
            EdgeCursor cursor = s.cursor();
            int[] nodes = p.nodes();
            for (int i = 0; i < nodes.length; i++) {
                String label = i == 0 ? null : labelBetween(cursor, nodes[i - 1], nodes[i]);
                Neighbor step = describe(nodes[i], label, i, recordId);
                if (step == null) {
                    return List.of(); // a node committed a moment ago, not mapped yet
                }
                out.add(step);
            }
        }
        return out;
    }

    /**
     * Leiden communities of the whole graph within {@code budget}: the {@code limit} largest, each
     * with up to {@code members} members (hops is 0, label null).
     */
    Communities communities(int limit, int members, java.time.Duration budget,
            java.util.function.IntFunction<String> recordId) {
        try (GraphSnapshot s = graph.snapshot()) {
            io.engram.graph.community.Leiden.Result r = io.engram.graph.community.Leiden.detect(s, 1.0, 42,
                    io.engram.graph.traverse.Budget.ofTime(budget));
            int[] communityOf = r.communityOf();
            int[] sizes = new int[r.count()];
            for (int c : communityOf) {
                if (c >= 0) {
                    sizes[c]++;
                }
            }
            Integer[] order = new Integer[r.count()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> sizes[b] != sizes[a] ? Integer.compare(sizes[b], sizes[a])
                    : Integer.compare(a, b));
            List<Communities.Community> out = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, order.length); i++) {
                int c = order[i];
                List<Neighbor> list = new ArrayList<>();
                for (int node = 0; node < communityOf.length && list.size() < members; node++) {
                    if (communityOf[node] == c) {
                        Neighbor n = describe(node, null, 0, recordId);
                        if (n != null) {
                            list.add(n);
                        }
                    }
                }
                out.add(new Communities.Community(c, sizes[c], list));
            }
            return new Communities(out, r.count(), r.modularity(), r.partial());
        }
    }

    private static String labelBetween(EdgeCursor cursor, int a, int b) {
        for (int direction = 0; direction < 2; direction++) {
            int n = direction == 0 ? cursor.out(a) : cursor.in(a);
            for (int i = 0; i < n; i++) {
                if (cursor.node(i) == b) {
                    return cursor.labelName(i);
                }
            }
        }
        return null;
    }

    private Neighbor describe(int node, String label, int hops, java.util.function.IntFunction<String> recordId) {
        int[] ords = nodeOrd;
        String[] keys = nodeEntity;
        int ord = node < ords.length ? ords[node] : -1;
        if (ord >= 0) {
            return new Neighbor("record", recordId.apply(ord), label, hops);
        }
        String key = node < keys.length ? keys[node] : null;
        if (key == null) {
            return null;
        }
        return key.startsWith(SOURCE_PREFIX)
                ? new Neighbor("source", key.substring(SOURCE_PREFIX.length()), label, hops)
                : new Neighbor("entity", key, label, hops);
    }

    private void mapRecord(int ord, int node) {
        int[] byOrd = recordNode;
        if (ord >= byOrd.length) {
            int old = byOrd.length;
            byOrd = Arrays.copyOf(byOrd, Math.max(ord + 1, old * 2 + 16));
            Arrays.fill(byOrd, old, byOrd.length, -1);
        }
        int[] byNode = nodeOrd;
        if (node >= byNode.length) {
            int old = byNode.length;
            byNode = Arrays.copyOf(byNode, Math.max(node + 1, old * 2 + 16));
            Arrays.fill(byNode, old, byNode.length, -1);
            nodeOrd = byNode;
        }
        byNode[node] = ord;
        byOrd[ord] = node;
        recordNode = byOrd;
    }

    private void mapEntity(int node, String key) {
        String[] byNode = nodeEntity;
        if (node >= byNode.length) {
            byNode = Arrays.copyOf(byNode, Math.max(node + 1, byNode.length * 2 + 16));
        }
        byNode[node] = key;
        nodeEntity = byNode;
        int[] ords = nodeOrd;
        if (node >= ords.length) {
            int old = ords.length;
            ords = Arrays.copyOf(ords, Math.max(node + 1, old * 2 + 16));
            Arrays.fill(ords, old, ords.length, -1);
            nodeOrd = ords;
        }
    }
}
