package io.engram.server.http;

/**
 * A request the server refuses for a reason it names: an HTTP status, a short error code and a
 * detail that says what was expected and what came. Thrown by the request readers and mapped to
 * the JSON error body by {@link ErrorMapper}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "invalid_argument", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
