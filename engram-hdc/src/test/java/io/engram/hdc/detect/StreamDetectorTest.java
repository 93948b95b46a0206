package io.engram.hdc.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NDJSON stream detector on seeded synthetic web logs. */
class StreamDetectorTest {

    private static String normal(SplittableRandom r) {
        String[] paths = {"/home", "/login", "/search", "/cart", "/item"};
        String[] methods = {"GET", "GET", "GET", "POST"};
        return "{\"method\":\"" + methods[r.nextInt(methods.length)] + "\",\"path\":\"" + paths[r.nextInt(paths.length)]
                + "\",\"status\":200,\"agent\":\"browser\"}";
    }

    @Test
    void learnsThenFlagsAndNamesTheOddField() {
        long seed = 77;
        SplittableRandom r = new SplittableRandom(seed);
        StreamDetector d = new StreamDetector(200);
        for (int i = 0; i < 200; i++) {
            assertThat(d.processJson(normal(r)).warmup()).isTrue();
        }
        assertThat(d.warmupComplete()).isTrue();
        int calmFlags = 0;
        for (int i = 0; i < 200; i++) {
            if (d.processJson(normal(r)).anomalous()) {
                calmFlags++;
            }
        }
        assertThat(calmFlags).as("seed %d", seed).isLessThanOrEqualTo(4);
        List<StreamDetector.StreamVerdict> attack = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            attack.add(d.processJson("{\"method\":\"GET\",\"path\":\"/admin/export\",\"status\":200,\"agent\":\"sqlmap\"}"));
        }
        assertThat(attack.getFirst().raw()).isTrue();
        assertThat(attack.getLast().anomalous()).isTrue();
        assertThat(attack.getFirst().unusualFields()).hasSize(2)
                .anyMatch(s -> s.startsWith("agent=sqlmap (z "))
                .anyMatch(s -> s.startsWith("path=/admin/export (z "));
        assertThat(attack.getFirst().toJson()).startsWith("{\"event\":401,\"warmup\":false,\"anomalous\":false,\"raw\":true,\"z\":")
                .contains("\"agent=sqlmap (z ");
        StreamDetector.StreamVerdict newField = d.processJson("{\"method\":\"GET\",\"path\":\"/home\",\"status\":200,"
                + "\"agent\":\"browser\",\"debug\":true}");
        assertThat(newField.unusualFields()).contains("debug=true (new field)");
    }

    private static String varied(SplittableRandom r, int status) {
        StringBuilder sb = new StringBuilder("{");
        for (int f = 0; f < 6; f++) {
            sb.append("\"f").append(f).append("\":").append(r.nextInt(3)).append(',');
        }
        return sb.append("\"status\":").append(status).append('}').toString();
    }

    @Test
    void aFieldThatNeverChangedIsNamedWhenItDoes() {
        SplittableRandom r = new SplittableRandom(3);
        StreamDetector d = new StreamDetector(300);
        for (int i = 0; i < 300; i++) {
            d.processJson(varied(r, 200));
        }
        // Six fields vary; the status never changed in warmup. A new status is named first, far
        // below the field's own warmup.
        StreamDetector.StreamVerdict v = d.processJson(varied(r, 503));
        assertThat(v.raw()).isTrue();
        assertThat(v.unusualFields().getFirst()).startsWith("status=503 (z ");
        double fz = Double.parseDouble(v.unusualFields().getFirst().replaceAll(".*\\(z (-?[0-9.]+)\\)", "$1"));
        assertThat(fz).isLessThan(StreamDetector.FIELD_ALARM_Z);
        int calm = 0;
        for (int i = 0; i < 300; i++) {
            calm += d.processJson(varied(r, 200)).raw() ? 1 : 0;
        }
        assertThat(calm).as("raw verdicts on 300 more ordinary events").isLessThanOrEqualTo(6);
    }

    @Test
    void linesAreEncodedByTheJsonRules() {
        // 1 and 1.0 are different atoms in JSON (x.1 and x.1.0), the same one for a Java double;
        // a $log object is a scalar, not a map with a "$log" key. Verdicts must see the JSON form.
        int[] rates = {100, 110, 120};
        StreamDetector d = new StreamDetector(60);
        for (int i = 0; i < 60; i++) {
            d.processJson("{\"x\":" + (1 + i % 3) + ",\"kind\":\"a\",\"rate\":{\"$log\":" + rates[i % 3] + "}}");
        }
        StreamDetector.StreamVerdict sameForm = d.processJson("{\"x\":1,\"kind\":\"a\",\"rate\":{\"$log\":120}}");
        assertThat(sameForm.raw()).isFalse();
        StreamDetector.StreamVerdict otherForm = d.processJson("{\"x\":1.0,\"kind\":\"a\",\"rate\":{\"$log\":120}}");
        assertThat(otherForm.raw()).as("x=1.0 after a warmup of integers").isTrue();
        assertThat(otherForm.unusualFields()).singleElement().asString().startsWith("x=1.0 (z ");
        // A rate never seen but between the warmup's encodes like them, as a scalar does (as a map
        // with a "$log" key it would be a new atom, as new as x=1.0); a far one does not.
        assertThat(d.processJson("{\"x\":2,\"kind\":\"a\",\"rate\":{\"$log\":115}}").raw()).isFalse();
        StreamDetector.StreamVerdict far = d.processJson("{\"x\":2,\"kind\":\"a\",\"rate\":{\"$log\":1000000000}}");
        assertThat(far.raw()).isTrue();
        assertThat(far.unusualFields()).singleElement().asString().startsWith("rate={\"$log\":1000000000} (z ");
        assertThatThrownBy(() -> d.processJson("{\"$log\":5}")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("expected a JSON object of fields, got a scalar marker ($log)");
    }

    @Test
    void anEventIsEncodedAsEncodeJsonEncodesItsLine() {
        StreamDetector d = new StreamDetector(10);
        StructureEncoder encoder = new StructureEncoder(new VectorManager(VectorManager.DEFAULT_DIMENSIONS));
        for (String line : new String[] {"{}", "{\"a\":1}", "{\"a\":1.5,\"b\":\"x\",\"c\":[1,{\"d\":null}],\"e\":{}}",
                "{\"rate\":{\"$log\":250,\"$scale\":100},\"n\":{\"$linear\":-3}}", "{\"big\":18446744073709551616,\"t\":true}"}) {
            assertThat(d.prepareJson(line).vector()).as(line).isEqualTo(encoder.encodeJson(line));
        }
    }

    @Test
    void warmupTracksAtMostSoManyFields() {
        int warmup = 3 * 700;
        StreamDetector d = new StreamDetector(warmup);
        for (int i = 0; i < warmup; i++) {
            // A fresh key on every event: without a cap every one would get its own statistics.
            d.processJson("{\"k" + i + "\":1,\"kind\":\"a\"}");
        }
        assertThat(StreamDetector.MAX_TRACKED_FIELDS).isLessThan(warmup - warmup / 3);
        assertThat(d.trackedFields()).isEqualTo(StreamDetector.MAX_TRACKED_FIELDS);
        StreamDetector.StreamVerdict v = d.processJson("{\"never_seen\":1,\"kind\":\"b\"}");
        assertThat(v.raw()).isTrue();
        assertThat(v.unusualFields()).contains("never_seen=1 (untracked field)");
    }

    @Test
    void errorLinesAreJson() {
        assertThat(StreamDetector.errorJson(3, "bad \t key \"a\u0001\""))
                .isEqualTo("{\"line\":3,\"error\":\"bad \\t key \\\"a\\u0001\\\"\"}");
    }

    @Test
    void rejectsNonObjects() {
        StreamDetector d = new StreamDetector(10);
        assertThatThrownBy(() -> d.processJson("[1,2]")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("expected a JSON object, got an array");
        assertThatThrownBy(() -> d.processJson("7")).hasMessage("expected a JSON object, got a number");
        assertThatThrownBy(() -> d.processJson("{\"x\":1e999}")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> d.processJson("{\"a\":")).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> new StreamDetector(2)).hasMessageContaining("got 2");
        assertThat(StreamDetector.quote("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
    }
}
