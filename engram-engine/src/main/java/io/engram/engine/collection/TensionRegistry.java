package io.engram.engine.collection;

import io.engram.engine.knowledge.Tension;
import io.engram.engine.knowledge.TensionStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tensions of a collection in memory: by id, and by record id so that a result can say at
 * once whether it touches an active tension. Lists per record are replaced, never mutated, so
 * readers iterate without locks while the single writer updates.
 */
final class TensionRegistry {
    private final ConcurrentHashMap<String, Tension> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<String>> byRecord = new ConcurrentHashMap<>();

    void put(Tension t) {
        Tension previous = byId.put(t.id(), t);
        if (previous == null) {
            link(t.recordA(), t.id());
            link(t.recordB(), t.id());
        }
    }

    void remove(String tensionId) {
        Tension t = byId.remove(tensionId);
        if (t != null) {
            unlink(t.recordA(), tensionId);
            unlink(t.recordB(), tensionId);
        }
    }

    Tension get(String id) {
        return byId.get(id);
    }

    /** Every tension touching {@code recordId}, whatever its status. */
    List<Tension> of(String recordId) {
        List<String> ids = byRecord.get(recordId);
        if (ids == null) {
            return List.of();
        }
        List<Tension> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Tension t = byId.get(id);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Active (detected or investigating) tensions touching {@code recordId}. */
    List<Tension> activeOf(String recordId) {
        List<String> ids = byRecord.get(recordId);
        if (ids == null) {
            return List.of();
        }
        List<Tension> out = null;
        for (String id : ids) {
            Tension t = byId.get(id);
            if (t != null && t.status().isActive()) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(t);
            }
        }
        return out == null ? List.of() : out;
    }

    List<Tension> list(TensionStatus status) {
        return byId.values().stream()
                .filter(t -> status == null || t.status() == status)
                .sorted(Comparator.comparing(Tension::detectedAt).thenComparing(Tension::id))
                .toList();
    }

    long activeCount() {
        return byId.values().stream().filter(t -> t.status().isActive()).count();
    }

    private void link(String recordId, String tensionId) {
        byRecord.compute(recordId, (k, list) -> {
            List<String> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
            next.add(tensionId);
            return List.copyOf(next);
        });
    }

    private void unlink(String recordId, String tensionId) {
        byRecord.computeIfPresent(recordId, (k, list) -> {
            List<String> next = new ArrayList<>(list);
            next.remove(tensionId);
            return next.isEmpty() ? null : List.copyOf(next);
        });
    }
}
