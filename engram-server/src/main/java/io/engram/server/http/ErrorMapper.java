package io.engram.server.http;

import io.engram.core.ConflictException;
import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import io.engram.embed.ModelUnavailableException;
import io.engram.engine.collection.CollectionExistsException;
import io.engram.engine.collection.RecordExistsException;
import io.engram.engine.collection.UnknownCollectionException;
import io.engram.engine.collection.UnknownRecordException;
import io.javalin.http.HttpResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps whatever a handler throws to a status and the error body
 * {@code {"error": code, "detail": message, "type": simple class name}}. Failures the caller can
 * act on carry their message; anything unexpected becomes a 500 with a generic detail, so that a
 * stack trace or an internal path never leaves the server.
 */
public final class ErrorMapper {
    /** The detail of every unexpected failure. */
    public static final String INTERNAL_DETAIL = "internal error; the server log has the details";

    private ErrorMapper() {}

    /** One mapped failure. {@code internal} marks the ones worth a stack trace in the server log. */
    public record ApiError(int status, String code, String detail, String type, boolean internal) {}

    /**
     * The error body. {@code error_type} repeats {@code type} under the name the collection API's
     * reference used, so that clients written against either find it.
     */
    public static ObjectNode body(String code, String detail, String type) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code);
        body.put("detail", detail);
        body.put("type", type);
        body.put("error_type", type);
        return body;
    }

    public static ApiError map(Throwable e) {
        String type = e.getClass().getSimpleName();
        return switch (e) {
            case ApiException a -> new ApiError(a.status(), a.code(), a.getMessage(), type, false);
            case JacksonException j -> new ApiError(400, "malformed_json", jsonDetail(j), type, false);
            case DimensionMismatchException d -> new ApiError(400, "dimension_mismatch", d.getMessage(), type, false);
            case InvalidArgumentException i -> new ApiError(400, "invalid_argument", i.getMessage(), type, false);
            case UnknownCollectionException u -> new ApiError(404, "unknown_collection", u.getMessage(), type, false);
            case UnknownRecordException u -> new ApiError(404, "unknown_record", u.getMessage(), type, false);
            case CollectionExistsException c -> new ApiError(409, "collection_exists", c.getMessage(), type, false);
            case RecordExistsException r -> new ApiError(409, "record_exists", r.getMessage(), type, false);
            case ConflictException c -> new ApiError(409, "conflict", c.getMessage(), type, false);
            case ModelUnavailableException m -> new ApiError(503, "model_unavailable", m.getMessage(), type, false);
            case HttpResponseException h -> fromJavalin(h, type);
            // The engine refuses an operation it does not offer (yet); not the server's failure.
            case UnsupportedOperationException u -> new ApiError(501, "not_implemented",
                    u.getMessage() == null ? "not implemented" : u.getMessage(), type, false);
            default -> new ApiError(500, "internal", INTERNAL_DETAIL, type, true);
        };
    }

    private static ApiError fromJavalin(HttpResponseException h, String type) {
        int status = h.getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal" : "bad_request";
        };
        String detail = status >= 500 ? INTERNAL_DETAIL : h.getMessage();
        return new ApiError(status, code, detail, type, status >= 500);
    }

    /** Jackson's message without the echo of the source it read (which may be huge or private). */
    private static String jsonDetail(JacksonException j) {
        String message = j.getOriginalMessage();
        if (message == null) {
            message = "malformed JSON";
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        var location = j.getLocation();
        return location == null || location.getLineNr() < 0 ? "malformed JSON: " + message
                : "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + message;
    }
}
