package io.engram.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in headless Chromium: the page loads, runs a search and a context request from
 * its URL, and renders the hits, the context, a record's graph neighbourhood and an anomaly
 * stream's chart, with no error on the page and no uncaught error
 * or console message in the browser's log. Skipped, saying so, where no Chromium is installed
 * (Debian: {@code apt-get install chromium}; or point {@code ENGRAM_CHROMIUM} at a binary).
 */
class ConsoleBrowserTest {
    @TempDir
    Path dir;

    @Test
    void consoleSearchesAndRendersInHeadlessChromium() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no Chromium found (PATH: chromium, chromium-browser, google-chrome;"
                + " or ENGRAM_CHROMIUM): the browser test of the console is skipped");
        try (TestServer t = TestServer.start(dir.resolve("data"))) {
            assertThat(t.post("/v1/collections", "{\"name\":\"notes\"}").status()).isEqualTo(201);
            assertThat(t.post("/v1/collections/notes/records", "{\"records\":["
                    + "{\"id\":\"ada\",\"content\":\"Ada Lovelace wrote the first program\","
                    + "\"entities\":[{\"name\":\"Ada Lovelace\",\"type\":\"person\"}]},"
                    + "{\"content\":\"Grace Hopper wrote the first compiler\"}]}").status()).isEqualTo(201);
            assertThat(t.post("/v1/streams", "{\"name\":\"web\",\"warmup\":20}").status()).isEqualTo(201);
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                events.append("{\"path\":\"/index\",\"status\":200}\n");
            }
            assertThat(t.send("POST", "/v1/streams/web/events", events.toString(), "application/x-ndjson").status())
                    .isEqualTo(200);
            String url = t.server.url() + "/?collection=notes&graph=ada&stream=web&q="
                    + URLEncoder.encode("who wrote the first program", StandardCharsets.UTF_8);
            Path out = dir.resolve("dom.html");
            Path log = dir.resolve("chromium.log");
            Process p = new ProcessBuilder(chromium.get(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=15000",
                    "--enable-logging=stderr", "--v=0", "--dump-dom", url)
                    .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
            // The deadline guards against a browser that hangs; it is not a timing assertion.
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
            String dom = Files.readString(out);
            String hits = between(dom, "<tbody id=\"hits\">", "</tbody>");
            assertThat(hits).as("rendered hits in:%n%s", dom).contains("Ada Lovelace wrote the first program");
            assertThat(between(dom, "<pre id=\"ctxText\"", "</pre>")).contains("[1]");
            assertThat(between(dom, "<div id=\"error\" class=\"error\">", "</div>")).isEmpty();
            assertThat(between(dom, "<svg id=\"graph\"", "</svg>")).as("graph neighbourhood").contains("<circle")
                    .contains("ada lovelace");
            assertThat(between(dom, "<svg id=\"chart\"", "</svg>")).as("stream chart").contains("<polyline");
            List<String> problems = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("Uncaught") || l.contains(":CONSOLE("))
                    .toList();
            assertThat(problems).as("browser console").isEmpty();
        }
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        assertThat(a).as("%s in the page", start).isNotNegative();
        int from = text.indexOf('>', a + start.length() - 1) + 1;
        return text.substring(from, text.indexOf(end, from));
    }

    private static Optional<String> chromium() {
        String configured = System.getenv("ENGRAM_CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(configured);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(d -> Stream.of("chromium", "chromium-browser", "google-chrome").map(n -> Path.of(d, n)))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }
}
