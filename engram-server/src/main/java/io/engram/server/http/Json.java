package io.engram.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the server (Jackson 3, strict: duplicate keys, trailing tokens and the
 * non-standard NaN/Infinity tokens are rejected) and the bounded body reader.
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** The request body as JSON, at most {@code maxBytes}; 413 above, 400 when empty or malformed. */
    public static JsonNode body(Context ctx, long maxBytes) {
        byte[] bytes = bytes(ctx, maxBytes);
        if (bytes.length == 0) {
            throw ApiException.badRequest("expected a JSON body, got an empty one");
        }
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("expected a JSON body, got only whitespace");
        }
        return node;
    }

    /** The request body, at most {@code maxBytes}; 413 when the declared or actual length is larger. */
    public static byte[] bytes(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            ctx.header("Connection", "close");
            throw tooLarge(declared, maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            return readCapped(in, maxBytes);
        } catch (ApiException e) {
            ctx.header("Connection", "close");
            throw e;
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "could not read the request body: " + e.getMessage());
        }
    }

    static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(total, maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static ApiException tooLarge(long size, long maxBytes) {
        return new ApiException(413, "body_too_large",
                "expected a request body of at most " + maxBytes + " bytes, got " + (size > maxBytes ? "more than " + maxBytes : size));
    }
}
