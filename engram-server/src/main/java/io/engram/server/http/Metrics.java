package io.engram.server.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms in the Prometheus text format (version 0.0.4). Labels are
 * the route pattern ({@code /v1/collections/{name}/search}), never the raw path, so that the number
 * of series stays bounded whatever clients send.
 */
public final class Metrics {
    /** Upper bounds of the latency buckets, in seconds. */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

    private static final class Histogram {
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts.incrementAndGet(i);
            sum.add(seconds);
            count.increment();
        }
    }

    /** Counts one finished request. */
    public void record(String method, String route, int status, double seconds) {
        String key = "method=\"" + method + "\",route=\"" + escape(route) + "\",status=\"" + status + "\"";
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
        latency.computeIfAbsent("method=\"" + method + "\",route=\"" + escape(route) + "\"", k -> new Histogram())
                .observe(Math.max(0, seconds));
    }

    /**
     * The exposition text; {@code recordsByCollection} maps each collection to its record counts by
     * status (gauges, read when scraped).
     */
    public String render(Map<String, Map<String, Long>> recordsByCollection) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# HELP engram_http_requests_total HTTP requests by method, route pattern and status.\n");
        b.append("# TYPE engram_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((labels, n) ->
                b.append("engram_http_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
        b.append("# HELP engram_http_request_duration_seconds HTTP request latency by method and route pattern.\n");
        b.append("# TYPE engram_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((labels, h) -> {
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts.get(i);
                String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
                b.append("engram_http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            b.append("engram_http_request_duration_seconds_sum{").append(labels).append("} ").append(h.sum.sum()).append('\n');
            b.append("engram_http_request_duration_seconds_count{").append(labels).append("} ").append(h.count.sum()).append('\n');
        });
        b.append("# HELP engram_collection_records Records per collection and status.\n");
        b.append("# TYPE engram_collection_records gauge\n");
        new TreeMap<>(recordsByCollection).forEach((collection, byStatus) -> new TreeMap<>(byStatus).forEach((status, n) ->
                b.append("engram_collection_records{collection=\"").append(escape(collection)).append("\",status=\"")
                        .append(escape(status)).append("\"} ").append(n).append('\n')));
        return b.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
