package io.engram.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Fnv1aTest {

    @Test
    void knownVectors() {
        assertThat(Fnv1a.hashUtf8("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(Fnv1a.hashUtf8("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(Fnv1a.hashUtf8("foobar")).isEqualTo(0x85944171f73967e8L);
        assertThat(Fnv1a.hash("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void utf8StreamingMatchesEncodedBytes() {
        String[] samples = {"é", "naïve.path", "€uro", "日本語", "emoji 😀 ok", "lone \uD800 high", "lone \uDC00 low",
            "end high \uD83D", "mixed ä€😀\uDFFF"};
        for (String s : samples) {
            assertThat(Fnv1a.hashUtf8(s)).as(s).isEqualTo(Fnv1a.hash(s.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void runningUpdateEqualsOneShot() {
        byte[] b = "field.path".getBytes(StandardCharsets.UTF_8);
        long h = Fnv1a.update(Fnv1a.OFFSET_BASIS, b, 0, 5);
        h = Fnv1a.update(h, b, 5, b.length - 5);
        assertThat(h).isEqualTo(Fnv1a.hash(b));
        long byByte = Fnv1a.OFFSET_BASIS;
        for (byte x : b) {
            byByte = Fnv1a.update(byByte, x);
        }
        assertThat(byByte).isEqualTo(h);
    }

    @Test
    void modIsUnsigned() {
        long h = 0xaf63dc4c8601ec8cL; // negative as a Java long
        assertThat(Fnv1a.mod(h, 7L)).isEqualTo(5L); // 12638187200555641996 % 7
        assertThat(Fnv1a.mod(h, 4)).isEqualTo(0);
        assertThat(Fnv1a.mod(h, 10)).isBetween(0, 9);
        assertThatThrownBy(() -> Fnv1a.mod(h, 0)).isInstanceOf(InvalidArgumentException.class);
    }
}
