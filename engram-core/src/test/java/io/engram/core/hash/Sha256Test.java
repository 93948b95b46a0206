package io.engram.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void knownAnswerAndParts() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(Sha256.digest(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.digest(new byte[] {'a'}, new byte[0], new byte[] {'b', 'c'})).isEqualTo(Sha256.digest(abc));
    }

    @Test
    void firstLongIsLittleEndian() {
        byte[] b = {1, 2, 3, 4, 5, 6, 7, (byte) 0x80, 9};
        assertThat(Sha256.firstLongLE(b)).isEqualTo(0x8007060504030201L);
    }

    private static long recipe(long globalSeed, String text) {
        byte[] seed = new byte[8];
        for (int i = 0; i < 8; i++) {
            seed[i] = (byte) (globalSeed >>> (8 * i));
        }
        return Sha256.firstLongLE(Sha256.digest(seed, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link Sha256#seedOf} against the recipe written out: digest(u64le seed ‖ UTF-8 text), first 8 bytes LE. */
    @Test
    void seedOfEveryKindOfTextIsTheRecipes() {
        String[] texts = {"", "hello", "src_port.54321", "ü", "日本語", "emoji \uD83D\uDE00", "unpaired \uD800 high",
                "unpaired \uDC00 low", "x".repeat(300), "é".repeat(40_000), "a".repeat(70_000), "hello"};
        for (long globalSeed : new long[] {0, 42, -1, Long.MIN_VALUE}) {
            for (String t : texts) {
                assertThat(Sha256.seedOf(globalSeed, t)).as("seed %d, text of %d chars", globalSeed, t.length())
                        .isEqualTo(recipe(globalSeed, t));
            }
        }
    }
}
