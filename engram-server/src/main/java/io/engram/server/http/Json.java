package io.engram.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

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
        return tree(bytes(ctx, maxBytes));
    }

    /**
     * The request body as the fields of one JSON object, reading the arrays named in
     * {@code vectorFields} straight into float[] (the tree path makes a node per number, which
     * dominates parsing a 384-number query). Anything unusual — malformed JSON, duplicate keys, a
     * vector that is empty, too long, not all finite numbers — goes through {@link #body} and
     * {@link JsonFields#of}, whose errors name the problem; both paths give the same floats.
     */
    public static JsonFields fields(Context ctx, long maxBytes, Set<String> vectorFields, int maxVectorLength) {
        byte[] bytes = bytes(ctx, maxBytes);
        JsonFields fast = VectorBodyReader.read(bytes, vectorFields, maxVectorLength);
        return fast != null ? fast : JsonFields.of(tree(bytes), "");
    }

    private static JsonNode tree(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("expected a JSON body, got an empty one");
        }
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("expected a JSON body, got only whitespace");
        }
        return node;
    }

    /** JSON bytes written by {@code writer} (responses streamed without building a tree). */
    public static byte[] write(java.util.function.Consumer<JsonGenerator> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            writer.accept(g);
        }
        return out.toByteArray();
    }

    /** The tree of what {@code writer} streams, for callers that want nodes. */
    public static JsonNode tree(java.util.function.Consumer<JsonGenerator> writer) {
        try (TokenBuffer buffer = TokenBuffer.forGeneration()) {
            writer.accept(buffer);
            try (JsonParser p = buffer.asParser()) {
                return MAPPER.readTree(p);
            }
        }
    }

    /**
     * Writes a plain Java value as record metadata holds it: maps with string keys, lists,
     * strings, numbers, booleans and null.
     */
    static void writePlain(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Short sh -> g.writeNumber(sh);
            case Byte by -> g.writeNumber(by.intValue());
            case java.math.BigInteger big -> g.writeNumber(big);
            case java.math.BigDecimal dec -> g.writeNumber(dec);
            case Number n -> g.writeNumber(n.doubleValue());
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeName(String.valueOf(e.getKey()));
                    writePlain(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Iterable<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    writePlain(g, item);
                }
                g.writeEndArray();
            }
            default -> g.writeString(value.toString());
        }
    }

    /** The request body, at most {@code maxBytes}; 413 when the declared or actual length is larger. */
    public static byte[] bytes(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            ctx.header("Connection", "close");
            throw tooLarge(declared, maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            return declared >= 0 && declared <= EXACT_READ_LIMIT ? readDeclared(in, (int) declared) : readCapped(in, maxBytes);
        } catch (ApiException e) {
            ctx.header("Connection", "close");
            throw e;
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Bodies that declare at most this many bytes are read into an array of exactly their size (a
     * search body is ~4 KB); larger ones grow as bytes arrive, so that a declared length alone
     * never makes the server allocate much.
     */
    static final int EXACT_READ_LIMIT = 64 * 1024;

    /**
     * A body of a declared length up to {@link #EXACT_READ_LIMIT}: read into an array of exactly
     * that size, without the growing buffer and copies of {@link #readCapped}. Jetty ends the
     * stream at the declared length; a body that ends early fails the read.
     */
    static byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] body = new byte[declared];
        int read = in.readNBytes(body, 0, declared);
        if (read < declared) {
            throw new IOException("the body ended after " + read + " of the " + declared + " bytes declared");
        }
        return body;
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
