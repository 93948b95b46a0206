package io.engram.server;

import io.engram.engine.Engram;
import io.engram.server.http.ApiHandlers;
import io.engram.server.http.HdcHandlers;
import io.engram.server.http.ApiKeyGuard;
import io.engram.server.http.ErrorMapper;
import io.engram.server.http.Json;
import io.engram.server.http.JsonErrorHandler;
import io.engram.server.http.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import io.engram.server.mcp.McpEndpoints;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP server over one open {@link Engram}: the {@code /v1} JSON API, its OpenAPI document,
 * Prometheus metrics and the web console at {@code /}. It never dies from a request: every failure
 * becomes a JSON error with a fitting status (see {@link ErrorMapper}).
 *
 * <pre>{@code
 * try (Engram engram = Engram.open(Path.of("engram-data"));
 *      EngramServer server = EngramServer.start(engram, ServerOptions.defaults())) {
 *     System.out.println("listening on " + server.url());
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class EngramServer implements AutoCloseable {
    /** One route of the JSON API: what the OpenAPI document must describe. */
    public record Route(HandlerType method, String path, Handler handler) {}

    static final String ROUTE_ATTRIBUTE = "engram.route";
    /** Request threads; Jetty's selectors and acceptors come out of the same pool. */
    static final int MAX_THREADS = 64;
    static final String ERROR_ATTRIBUTE = "engram.error";
    static final String OPENAPI_RESOURCE = "/io/engram/server/openapi.json";
    static final String CONSOLE_RESOURCE = "/io/engram/server/console.html";

    private final Engram engram;
    private final ServerOptions options;
    private final Metrics metrics = new Metrics();
    private final ApiKeyGuard guard;
    private final List<Route> routes;
    private final Javalin app;
    private final McpEndpoints.Http mcp;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;

    private EngramServer(Engram engram, ServerOptions options) {
        this.engram = engram;
        this.options = options;
        this.guard = new ApiKeyGuard(options.apiKey());
        this.routes = routes(new ApiHandlers(engram, options, metrics), new HdcHandlers(options));
        this.mcp = McpEndpoints.http(engram, (int) Math.min(Integer.MAX_VALUE, options.maxBodyBytes()));
        byte[] openapi = resource(OPENAPI_RESOURCE);
        byte[] console = resource(CONSOLE_RESOURCE);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            // A bounded pool: requests beyond it queue in Jetty instead of piling threads onto the engine.
            QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 4, 60_000);
            pool.setName("engram-http");
            config.jetty.threadPool = pool;
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(handler -> mountMcp(handler));
            config.routes.before(this::authorize);
            for (Route r : routes) {
                config.routes.addHttpHandler(r.method(), r.path(), tagged(r.path(), r.handler()));
            }
            config.routes.addHttpHandler(HandlerType.GET, "/v1/openapi.json", tagged("/v1/openapi.json",
                    ctx -> ctx.contentType("application/json").result(openapi)));
            config.routes.addHttpHandler(HandlerType.GET, "/", tagged("/",
                    ctx -> ctx.contentType("text/html; charset=utf-8").result(console)));
            config.routes.exception(Exception.class, this::fail);
            config.router.javaLangErrorHandler((response, error) -> {
                System.err.println("engram: fatal error while serving a request: " + error);
                error.printStackTrace(System.err);
                try {
                    response.setStatus(500);
                    response.setContentType("application/json");
                    response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(
                            ErrorMapper.body("internal", ErrorMapper.INTERNAL_DETAIL, error.getClass().getSimpleName())));
                } catch (IOException | RuntimeException ignored) {
                    // The response may be committed or the connection gone; the error is logged above.
                }
            });
            config.routes.after(this::drain);
            // Javalin answers unmatched paths and methods itself, in plain text; give them the JSON error body.
            config.routes.error(404, ctx -> unmatched(ctx, "not_found", "no route " + ctx.method() + " " + ctx.path()
                    + "; the API is described at GET /v1/openapi.json"));
            config.routes.error(405, ctx -> unmatched(ctx, "method_not_allowed", "method " + ctx.method()
                    + " is not allowed on " + ctx.path() + "; see GET /v1/openapi.json"));
            config.requestLogger.http((ctx, ms) -> {
                Object route = ctx.attribute(ROUTE_ATTRIBUTE);
                metrics.record(ctx.method().name(), route == null ? "unmatched" : route.toString(), ctx.statusCode(),
                        ms == null ? 0 : ms / 1000.0);
            });
        });
    }

    /** Starts a server over {@code engram} (which the caller keeps and closes after the server). */
    public static EngramServer start(Engram engram, ServerOptions options) {
        EngramServer server = new EngramServer(engram, options);
        server.app.start(options.host(), options.port());
        return server;
    }

    /** The routes of the JSON API in registration order; {@code /v1/openapi.json} itself is added apart. */
    public List<Route> routes() {
        return routes;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port();
    }

    public Engram engram() {
        return engram;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting requests and waits for running ones; the engine stays open. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            mcp.server().closeGracefully();
        } catch (RuntimeException e) {
            System.err.println("engram: MCP server did not close cleanly: " + e);
        }
        try {
            app.stop();
        } finally {
            stopped.countDown();
        }
    }

    static List<Route> routes(ApiHandlers h, HdcHandlers hdc) {
        String c = "/v1/collections/{name}";
        String s = "/v1/streams/{stream}";
        return List.of(
                new Route(HandlerType.GET, "/v1/health", h::health),
                new Route(HandlerType.GET, "/v1/metrics", h::metrics),
                new Route(HandlerType.POST, "/v1/collections", h::createCollection),
                new Route(HandlerType.GET, "/v1/collections", h::listCollections),
                new Route(HandlerType.GET, c, h::getCollection),
                new Route(HandlerType.DELETE, c, h::dropCollection),
                new Route(HandlerType.POST, c + "/rebuild", h::rebuild),
                new Route(HandlerType.POST, c + "/records", h::addRecords),
                new Route(HandlerType.POST, c + "/records/ndjson", h::addNdjson),
                new Route(HandlerType.GET, c + "/records/{id}", h::getRecord),
                new Route(HandlerType.DELETE, c + "/records/{id}", h::deleteRecord),
                new Route(HandlerType.POST, c + "/records/{id}/supersede", h::supersede),
                new Route(HandlerType.GET, c + "/records/{id}/neighbors", h::neighbors),
                new Route(HandlerType.GET, c + "/records/{id}/path/{to}", h::path),
                new Route(HandlerType.GET, c + "/communities", h::communities),
                new Route(HandlerType.GET, c + "/documents/{id}", h::getDocument),
                new Route(HandlerType.DELETE, c + "/documents/{id}", h::deleteDocument),
                new Route(HandlerType.POST, c + "/search", h::search),
                new Route(HandlerType.POST, c + "/context", h::context),
                new Route(HandlerType.GET, c + "/tensions", h::tensions),
                new Route(HandlerType.POST, c + "/tensions/{id}/resolve", h::resolveTension),
                new Route(HandlerType.POST, "/v1/hypervectors/encode", hdc::encode),
                new Route(HandlerType.POST, "/v1/hypervectors/similarity", hdc::similarity),
                new Route(HandlerType.POST, "/v1/streams", hdc::createStream),
                new Route(HandlerType.GET, "/v1/streams", hdc::listStreams),
                new Route(HandlerType.GET, s, hdc::getStream),
                new Route(HandlerType.DELETE, s, hdc::deleteStream),
                new Route(HandlerType.POST, s + "/events", hdc::postEvents),
                new Route(HandlerType.GET, s + "/verdicts", hdc::verdicts));
    }

    /**
     * MCP over streamable HTTP at {@code /mcp}: the SDK's servlet beside Javalin's, behind the same API
     * key, counted in the metrics under the route {@code /mcp}.
     */
    private void mountMcp(ServletContextHandler handler) {
        ServletHolder holder = new ServletHolder(mcp.servlet());
        holder.setAsyncSupported(true);
        handler.addServlet(holder, McpEndpoints.PATH);
        FilterHolder filter = new FilterHolder((Filter) (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            long start = System.nanoTime();
            try {
                if (guard.enabled() && !guard.accepts(req.getHeader("X-API-Key"), req.getHeader("Authorization"))) {
                    res.setStatus(401);
                    res.setHeader("WWW-Authenticate", "Bearer");
                    res.setContentType("application/json");
                    res.getOutputStream().write(Json.MAPPER.writeValueAsBytes(ErrorMapper.body("unauthorized",
                            "expected an API key in 'Authorization: Bearer KEY' or 'X-API-Key: KEY'", "ApiException")));
                    return;
                }
                chain.doFilter(request, response);
            } finally {
                metrics.record(req.getMethod(), McpEndpoints.PATH, res.getStatus(), (System.nanoTime() - start) / 1e9);
            }
        });
        filter.setAsyncSupported(true);
        handler.addFilter(filter, McpEndpoints.PATH, EnumSet.of(DispatcherType.REQUEST));
    }

    private static Handler tagged(String route, Handler handler) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, route);
            handler.handle(ctx);
        };
    }

    /** The health probe and the console page are open; everything else needs the key when one is set. */
    private void authorize(Context ctx) {
        if (!guard.enabled() || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        String path = ctx.path();
        if ((path.equals("/v1/health") || path.equals("/")) && ctx.method() == HandlerType.GET) {
            return;
        }
        guard.check(ctx);
    }

    /**
     * Reads what is left of a request body that no handler read (an error answered early, a body
     * on a GET), up to the body limit, so that Jetty can keep the connection: a connection closed
     * with unread input after the response is pooled by clients and fails their next request.
     * Above the limit the connection is closed explicitly.
     */
    private void drain(Context ctx) {
        try {
            long declared = ctx.req().getContentLengthLong();
            if (declared > options.maxBodyBytes()) {
                ctx.header("Connection", "close");
                return;
            }
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > options.maxBodyBytes()) {
                    ctx.header("Connection", "close");
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }

    private static void unmatched(Context ctx, String code, String detail) {
        if (ctx.attribute(ERROR_ATTRIBUTE) != null) {
            return;
        }
        error(ctx, ctx.statusCode(), code, detail, "HttpResponseException");
    }

    private void fail(Exception e, Context ctx) {
        ErrorMapper.ApiError error = ErrorMapper.map(e);
        if (error.internal()) {
            System.err.println("engram: internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
            e.printStackTrace(System.err);
        }
        error(ctx, error.status(), error.code(), error.detail(), error.type());
    }

    private static void error(Context ctx, int status, String code, String detail, String type) {
        ctx.attribute(ERROR_ATTRIBUTE, code);
        ObjectNode body = ErrorMapper.body(code, detail, type);
        ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
    }

    private static byte[] resource(String name) {
        try (InputStream in = EngramServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
