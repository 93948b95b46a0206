package io.engram.engine.record;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import io.engram.engine.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {
    @TempDir
    Path temp;

    private Store store;
    private RecordStore records;

    @BeforeEach
    void open() {
        store = Store.open(temp);
        records = new RecordStore(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void putGetDeleteAndCount() {
        assertThat(records.count()).isZero();
        records.put("a", b("one"));
        records.put("b", b("two"));
        records.put("a", b("uno"));
        assertThat(records.get("a")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("uno")));
        assertThat(records.get("missing")).isEmpty();
        assertThat(records.count()).isEqualTo(2);
        records.delete("a");
        records.delete("never-there");
        assertThat(records.get("a")).isEmpty();
        assertThat(records.count()).isEqualTo(1);
        records.put("empty", new byte[0]);
        assertThat(records.get("empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void recordsSurviveReopening() {
        records.put("kept", b("value"));
        store.close();
        store = Store.open(temp);
        records = new RecordStore(store);
        assertThat(records.get("kept")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("value")));
    }

    @Test
    void iteratesInIdOrderAgreeingWithAModel() {
        long seed = new SplittableRandom().nextLong();
        System.out.println("RecordStoreTest.iteratesInIdOrderAgreeingWithAModel seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        TreeMap<String, String> model = new TreeMap<>(); // ASCII ids: String order is byte order
        for (int i = 0; i < 500; i++) {
            String id = "id-" + random.nextInt(200);
            if (random.nextInt(4) == 0) {
                records.delete(id);
                model.remove(id);
            } else {
                String value = "v" + random.nextLong();
                records.put(id, b(value));
                model.put(id, value);
            }
        }
        List<String> seen = new ArrayList<>();
        records.forEach((id, value) -> {
            seen.add(id);
            assertThat(new String(value, UTF_8)).as("seed %d, id %s", seed, id).isEqualTo(model.get(id));
        });
        assertThat(seen).as("seed %d", seed).containsExactlyElementsOf(model.keySet());
        assertThat(records.count()).as("seed %d", seed).isEqualTo(model.size());

        List<String> tail = new ArrayList<>();
        records.forEachFrom("id-150", (id, value) -> tail.add(id));
        assertThat(tail).as("seed %d", seed).containsExactlyElementsOf(model.tailMap("id-150").keySet());
    }

    @Test
    void idOrderIsCodePointOrder() {
        records.put("\uD83D\uDE00", b("emoji")); // U+1F600: a surrogate pair in UTF-16
        records.put("\uFF21", b("fullwidth A")); // U+FF21: above the surrogates in UTF-16, below U+1F600
        records.put("é", b("e acute"));
        List<String> seen = new ArrayList<>();
        records.forEach((id, value) -> seen.add(id));
        assertThat(seen).containsExactly("é", "\uFF21", "\uD83D\uDE00");
    }

    @Test
    void rejectsBadIdsWithTheLimitInTheMessage() {
        assertThatThrownBy(() -> records.put(null, b("x"))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> records.put("", b("x"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("must not be empty");
        String longest = "x".repeat(RecordStore.MAX_ID_BYTES);
        records.put(longest, b("fits"));
        assertThatThrownBy(() -> records.put(longest + "x", b("x"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at most 512 UTF-8 bytes, was 513 chars");
        String wide = "é".repeat(RecordStore.MAX_ID_BYTES / 2 + 1); // 257 chars, 514 bytes
        assertThatThrownBy(() -> records.get(wide)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at most 512 UTF-8 bytes, was 514 bytes");
        assertThatThrownBy(() -> records.delete("bad\uD800")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void rejectsNullAndOversizedValuesWithTheLimitInTheMessage() {
        assertThatThrownBy(() -> records.put("a", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("must not be null");
        byte[] tooBig = new byte[RecordStore.MAX_VALUE_BYTES + 1];
        assertThatThrownBy(() -> records.put("a", tooBig)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at most 8388608 bytes, was 8388609 bytes");
        assertThat(records.get("a")).isEmpty();
    }
}
