package io.engram.server.http;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.detect.StreamDetector;
import io.engram.hdc.detect.StreamDetector.StreamVerdict;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named anomaly streams held by the server: each a zero-hardcode {@link StreamDetector} (baseline
 * learnt from its first {@code warmup} events) with the most recent verdicts kept for reading.
 * In memory only — a restart forgets them — and capped in number, so that clients cannot grow the
 * server without bound.
 */
public final class AnomalyStreams {
    /**
     * One encoder for every stream: atoms depend only on (seed, dimension), so sharing the
     * (bounded) atom cache changes no verdict and keeps memory to one cache, not one per stream.
     */
    private final StructureEncoder encoder = new StructureEncoder(new VectorManager(VectorManager.DEFAULT_DIMENSIONS));
    public static final int MAX_STREAMS = 64;

    /** One event of a request: its JSON object text, and where it stood ("line 3", "events[2]") for errors. */
    public record EventText(String where, String json) {}

    public static final int KEPT_VERDICTS = 1000;

    /** One stream; its detector is not thread-safe, so every use holds the stream's monitor. */
    public static final class Stream {
        final String name;
        final int warmup;
        private final StreamDetector detector;
        private final ArrayDeque<StreamVerdict> recent = new ArrayDeque<>();
        private long events;
        private long anomalies;

        Stream(String name, int warmup, StructureEncoder encoder) {
            this.name = name;
            this.warmup = warmup;
            this.detector = new StreamDetector(warmup, encoder);
        }

        /**
         * The events (JSON object texts, each named for errors) parsed and encoded by the JSON
         * rules, as `engram detect stream` reads its lines; a bad one is a 400 naming it, and the
         * stream is untouched. Runs outside the stream's monitor (encoding is thread-safe).
         */
        public List<StreamDetector.Event> prepare(List<EventText> batch) {
            List<StreamDetector.Event> out = new ArrayList<>(batch.size());
            for (EventText e : batch) {
                try {
                    out.add(detector.prepareJson(e.json()));
                } catch (InvalidArgumentException ex) {
                    throw ApiException.badRequest(e.where() + ": " + ex.getMessage());
                }
            }
            return out;
        }

        /** Judges prepared events in order; all of one request are judged under one hold, so they stay in order. */
        public synchronized List<StreamVerdict> process(List<StreamDetector.Event> batch) {
            List<StreamVerdict> out = new ArrayList<>(batch.size());
            for (StreamDetector.Event event : batch) {
                StreamVerdict v = detector.judge(event);
                events++;
                if (v.anomalous()) {
                    anomalies++;
                }
                if (recent.size() == KEPT_VERDICTS) {
                    recent.removeFirst();
                }
                recent.addLast(v);
                out.add(v);
            }
            return out;
        }

        public synchronized List<StreamVerdict> recent(int limit) {
            List<StreamVerdict> all = new ArrayList<>(recent);
            return all.subList(Math.max(0, all.size() - limit), all.size());
        }

        public synchronized long events() {
            return events;
        }

        public synchronized long anomalies() {
            return anomalies;
        }

        public synchronized boolean warmupComplete() {
            return detector.warmupComplete();
        }
    }

    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();

    public synchronized Stream create(String name, int warmup) {
        if (streams.containsKey(name)) {
            throw new ApiException(409, "stream_exists", "an anomaly stream named '" + name + "' already exists");
        }
        if (streams.size() >= MAX_STREAMS) {
            throw new ApiException(409, "too_many_streams", "expected at most " + MAX_STREAMS
                    + " anomaly streams, got a request for one more; delete one first");
        }
        Stream s = new Stream(name, warmup, encoder);
        streams.put(name, s);
        return s;
    }

    public Stream get(String name) {
        Stream s = streams.get(name);
        if (s == null) {
            throw new ApiException(404, "unknown_stream", "no anomaly stream named '" + name + "'");
        }
        return s;
    }

    public List<Stream> list() {
        return streams.values().stream().sorted(java.util.Comparator.comparing(s -> s.name)).toList();
    }

    public boolean delete(String name) {
        return streams.remove(name) != null;
    }
}
