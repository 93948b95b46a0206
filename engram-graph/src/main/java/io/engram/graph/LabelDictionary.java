package io.engram.graph;

import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Edge labels interned to dense {@code int} ids, so adjacency arrays hold ints rather than
 * strings. Append-only: an id, once given, names the same label for the graph's lifetime, which
 * is why the dictionary needs no versioning.
 */
final class LabelDictionary {
    static final int MAX_LABELS = 1 << 20;
    static final int MAX_LABEL_LENGTH = 256;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile String[] names = new String[16];
    private int size;

    /** The id of {@code label}, assigning the next one on first use. */
    int intern(String label) {
        Integer id = ids.get(label);
        return id != null ? id : internSlow(label);
    }

    private synchronized int internSlow(String label) {
        InvalidArgumentException.check(label != null && !label.isEmpty(), "an edge label must be non-empty");
        InvalidArgumentException.check(label.length() <= MAX_LABEL_LENGTH,
                "an edge label is at most %d characters, got %d", MAX_LABEL_LENGTH, label.length());
        Integer id = ids.get(label);
        if (id != null) {
            return id;
        }
        InvalidArgumentException.check(size < MAX_LABELS, "at most %d distinct edge labels", MAX_LABELS);
        String[] current = names;
        if (size == current.length) {
            current = Arrays.copyOf(current, size * 2);
        }
        current[size] = label;
        names = current; // publish the array before the id becomes reachable through the map
        ids.put(label, size);
        return size++;
    }

    /** The id of {@code label}, or -1 when it was never used. */
    int find(String label) {
        Integer id = label == null ? null : ids.get(label);
        return id == null ? -1 : id;
    }

    String name(int id) {
        String[] current = names;
        InvalidArgumentException.check(id >= 0 && id < current.length && current[id] != null,
                "unknown edge label id %d", id);
        return current[id];
    }

    int size() {
        return ids.size();
    }
}
