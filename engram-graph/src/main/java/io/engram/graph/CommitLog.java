package io.engram.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key sets of recent commits, kept as long as a running transaction started before them:
 * backward validation compares a committing transaction with exactly these. Guarded by the
 * graph's commit lock.
 */
final class CommitLog {

    private record Entry(long version, Set<GraphKey> writes, Set<GraphKey> increments, Set<GraphKey> removals,
            Set<GraphKey> touched) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    void add(long version, Transaction tx) {
        entries.addLast(new Entry(version, Set.copyOf(tx.writes()), Set.copyOf(tx.increments()),
                Set.copyOf(tx.removals()), Set.copyOf(tx.touched())));
    }

    /** Drops commits no running transaction can conflict with: those at or below {@code oldestStart}. */
    void trim(long oldestStart) {
        while (!entries.isEmpty() && entries.peekFirst().version() <= oldestStart) {
            entries.pollFirst();
        }
    }

    /**
     * The keys on which {@code tx} conflicts with commits after its start, and the version of
     * the first such commit (the winner); null when it may commit.
     */
    Conflict validate(Transaction tx) {
        if (entries.isEmpty() || entries.peekLast().version() <= tx.startVersion()) {
            return null; // nothing committed since it started (the common case): allocate nothing
        }
        Set<GraphKey> keys = new LinkedHashSet<>();
        long winner = -1;
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.version() <= tx.startVersion()) {
                break;
            }
            int before = keys.size();
            intersect(tx.writes(), e.writes(), keys);
            intersect(tx.increments(), e.removals(), keys);
            intersect(tx.removals(), e.increments(), keys);
            if (tx.isolation() == Isolation.SERIALIZABLE) {
                intersect(tx.reads(), e.writes(), keys);
                intersect(tx.reads(), e.increments(), keys);
                intersect(tx.reads(), e.touched(), keys);
            }
            if (keys.size() > before) {
                winner = e.version(); // iterating newest first, so this ends at the oldest winner
            }
        }
        return keys.isEmpty() ? null : new Conflict(new ArrayList<>(keys), winner);
    }

    record Conflict(List<GraphKey> keys, long winningVersion) {}

    private static void intersect(Set<GraphKey> mine, Set<GraphKey> theirs, Set<GraphKey> into) {
        Set<GraphKey> small = mine.size() <= theirs.size() ? mine : theirs;
        Set<GraphKey> large = small == mine ? theirs : mine;
        for (GraphKey k : small) {
            if (large.contains(k)) {
                into.add(k);
            }
        }
    }

    int size() {
        return entries.size();
    }
}
