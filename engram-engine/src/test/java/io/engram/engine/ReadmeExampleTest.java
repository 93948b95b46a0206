package io.engram.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.record.RecordStore;
import io.engram.engine.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of the module README, kept compiling and true. */
class ReadmeExampleTest {
    @TempDir
    Path temp;

    @Test
    void moduleReadmeExample() {
        List<String> printed = new ArrayList<>();
        try (Store store = Store.open(temp.resolve("data/engram"))) {
            RecordStore records = new RecordStore(store);
            records.put("fact-1", "water boils at 100 °C".getBytes(UTF_8));
            byte[] value = records.get("fact-1").orElseThrow();
            records.forEach((id, bytes) -> printed.add(id));
            long checkpoint = store.sequence();

            assertThat(new String(value, UTF_8)).isEqualTo("water boils at 100 °C");
            assertThat(printed).containsExactly("fact-1");
            assertThat(checkpoint).isPositive();
        }
    }
}
