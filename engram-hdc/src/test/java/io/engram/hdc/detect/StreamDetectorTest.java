package io.engram.hdc.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
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

    @Test
    void rejectsNonObjects() {
        StreamDetector d = new StreamDetector(10);
        assertThatThrownBy(() -> d.processJson("[1,2]")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("JSON object, got ArrayList");
        assertThatThrownBy(() -> d.processJson("{\"a\":")).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> new StreamDetector(2)).hasMessageContaining("got 2");
        assertThat(StreamDetector.quote("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
    }
}
