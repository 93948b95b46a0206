package io.engram.server;

import io.engram.core.InvalidArgumentException;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param host          interface to bind (127.0.0.1 by default: reachable from this machine only)
 * @param port          TCP port, 0 for any free one
 * @param apiKey        when non-null, every route but {@code GET /v1/health} and the console page
 *                      requires {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}
 * @param maxBodyBytes  largest request body accepted (413 above)
 */
public record ServerOptions(String host, int port, String apiKey, long maxBodyBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8420;
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;
    /** Most records one request may add (a JSON batch); NDJSON is bounded by the body limit. */
    public static final int MAX_BATCH = 10_000;

    public ServerOptions {
        InvalidArgumentException.check(host != null && !host.isBlank(), "expected a host to bind, got %s", host);
        InvalidArgumentException.check(port >= 0 && port <= 65535, "expected a port in 0..65535, got %d", port);
        InvalidArgumentException.check(apiKey == null || !apiKey.isBlank(), "expected a non-blank API key");
        InvalidArgumentException.check(maxBodyBytes >= 1024 && maxBodyBytes <= (1L << 31),
                "expected a body limit in 1 KiB..2 GiB, got %d bytes", maxBodyBytes);
    }

    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, apiKey, maxBodyBytes);
    }

    public ServerOptions withApiKey(String key) {
        return new ServerOptions(host, port, key, maxBodyBytes);
    }

    public ServerOptions withMaxBodyBytes(long bytes) {
        return new ServerOptions(host, port, apiKey, bytes);
    }
}
