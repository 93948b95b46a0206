package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.server.http.ApiHandlers;
import io.engram.server.http.Metrics;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiTest {
    private static JsonNode document() throws Exception {
        try (InputStream in = EngramServer.class.getResourceAsStream(EngramServer.OPENAPI_RESOURCE)) {
            assertThat(in).as("openapi.json on the classpath").isNotNull();
            return TestServer.JSON.readTree(in);
        }
    }

    @Test
    void everyRegisteredRouteIsDescribedAndNothingElse() throws Exception {
        JsonNode paths = document().path("paths");
        Set<String> registered = new HashSet<>();
        for (EngramServer.Route r : EngramServer.routes(new ApiHandlers(null, ServerOptions.defaults(), new Metrics()),
                new io.engram.server.http.HdcHandlers(ServerOptions.defaults()))) {
            String method = r.method().name().toLowerCase(Locale.ROOT);
            registered.add(method + " " + r.path());
            assertThat(paths.path(r.path()).has(method)).as("OpenAPI describes %s %s", r.method(), r.path()).isTrue();
            assertThat(paths.path(r.path()).path(method).path("responses").isEmpty())
                    .as("responses of %s %s", r.method(), r.path()).isFalse();
        }
        registered.add("get /v1/openapi.json");
        Set<String> described = new HashSet<>();
        paths.forEachEntry((path, ops) -> ops.propertyNames().forEach(m -> described.add(m + " " + path)));
        assertThat(described).isEqualTo(registered);
    }

    @Test
    void everySchemaReferenceResolves() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        for (String ref : doc.findValuesAsString("$ref")) {
            String[] parts = ref.substring(2).split("/");
            assertThat(doc.path(parts[0]).path(parts[1]).has(parts[2])).as("reference %s", ref).isTrue();
        }
    }
}
