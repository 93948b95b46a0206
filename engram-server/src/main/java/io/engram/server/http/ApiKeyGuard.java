package io.engram.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the optional API key. The comparison runs over SHA-256 digests with
 * {@link MessageDigest#isEqual}, so its time depends neither on where the first wrong character is
 * nor on the key's length.
 */
public final class ApiKeyGuard {
    private final byte[] expected;

    public ApiKeyGuard(String apiKey) {
        this.expected = apiKey == null ? null : sha256(apiKey);
    }

    public boolean enabled() {
        return expected != null;
    }

    /** Whether the headers carry the key (always true when no key is configured). */
    public boolean accepts(String apiKeyHeader, String authorizationHeader) {
        if (expected == null) {
            return true;
        }
        String given = apiKeyHeader;
        if (given == null && authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorizationHeader.substring(7).strip();
        }
        return given != null && MessageDigest.isEqual(expected, sha256(given));
    }

    /** 401 unless the request carries the key (or no key is configured). */
    public void check(Context ctx) {
        if (expected == null) {
            return;
        }
        String given = ctx.header("X-API-Key");
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        }
        if (given == null) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized",
                    "expected an API key in 'Authorization: Bearer KEY' or 'X-API-Key: KEY', got none");
        }
        if (!MessageDigest.isEqual(expected, sha256(given))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "the API key given does not match the server's");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
