package io.engram.bench.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading wrk's report and writing its script; running wrk itself is left to the benchmark. */
class WrkLoadTest {
    private static final String REPORT = """
            Running 1m test @ http://127.0.0.1:41234
              1 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   812.31us  402.11us  21.40ms   93.10%
                Req/Sec    10.12k   301.22    10.80k    71.00%
              Latency Distribution
                 50%  735.00us
                 75%    0.91ms
                 90%    1.12ms
                 99%    2.83ms
              607711 requests in 1.00m, 1.02GB read
              Socket errors: connect 0, read 1, write 0, timeout 2
              Non-2xx or 3xx responses: 3
            Requests/sec:  10128.52
            Transfer/sec:     17.40MB
            """;

    @Test
    void readsThroughputPercentilesAndErrors() throws IOException {
        WrkLoad.Result r = WrkLoad.parse(REPORT);
        assertThat(r.requestsPerSecond()).isEqualTo(10128.52);
        assertThat(r.requests()).isEqualTo(607_711);
        assertThat(r.p50Ms()).isCloseTo(0.735, within(1e-9));
        assertThat(r.p99Ms()).isCloseTo(2.83, within(1e-9));
        assertThat(r.maxMs()).isCloseTo(21.40, within(1e-9));
        assertThat(r.errors()).isEqualTo(6);
        assertThat(WrkLoad.millis("1.50s")).isEqualTo(1500.0);
        assertThat(WrkLoad.millis("2.00m")).isEqualTo(120_000.0);
        assertThatThrownBy(() -> WrkLoad.millis("12parsecs")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> WrkLoad.parse("wrk: unable to connect")).isInstanceOf(IOException.class)
                .hasMessageContaining("could not read wrk's report");
    }

    @Test
    void theScriptPostsEveryBodyInTurn() {
        String script = WrkLoad.script(Path.of("/tmp/some dir/bodies.ndjson"), "/v1/collections/bench/search");
        assertThat(script).contains("io.lines(\"/tmp/some dir/bodies.ndjson\")", "next = next % #bodies + 1",
                "wrk.format(nil, \"/v1/collections/bench/search\", nil, bodies[next])", "wrk.method = \"POST\"");
    }
}
