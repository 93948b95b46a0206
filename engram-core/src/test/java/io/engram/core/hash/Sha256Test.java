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
}
