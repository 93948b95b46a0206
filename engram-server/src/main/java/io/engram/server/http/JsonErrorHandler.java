package io.engram.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jetty's own error answers (a request it rejects before routing, such as an ambiguous or
 * malformed URI) in the API's JSON error body instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        ObjectNode body = ErrorMapper.body(code >= 500 ? "internal" : code == 404 ? "not_found" : "bad_request",
                code >= 500 ? ErrorMapper.INTERNAL_DETAIL
                        : "the HTTP server rejected the request: " + (message == null ? "status " + code : message),
                "HttpError");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Jetty drops the connection after a request it could not route; saying so keeps clients from
        // reusing it for their next request.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
