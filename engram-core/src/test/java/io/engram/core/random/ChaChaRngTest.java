package io.engram.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChaChaRngTest {

    private static int[] words(int... w) {
        return w;
    }

    @Test
    void blockFunctionMatchesRfc7539Section232() {
        int[] input = new int[16];
        input[0] = ChaChaRng.C0;
        input[1] = ChaChaRng.C1;
        input[2] = ChaChaRng.C2;
        input[3] = ChaChaRng.C3;
        // key 00 01 02 .. 1f as little-endian words
        for (int i = 0; i < 8; i++) {
            input[4 + i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (4 * i + 3) << 24;
        }
        input[12] = 1; // block counter
        input[13] = 0x09000000; // nonce 00:00:00:09:00:00:00:4a:00:00:00:00
        input[14] = 0x4a000000;
        input[15] = 0;
        int[] out = new int[16];
        ChaChaRng.block(input, 20, out, 0);
        assertThat(out).containsExactly(words(
                0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3,
                0xc7f4d1c7, 0x0368c033, 0x9aaa2204, 0x4e6cd4c3,
                0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
                0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2));
    }

    @Test
    void chacha8ZeroKeyKeystreamPrefix() {
        ChaChaRng rng = ChaChaRng.fromKey(new byte[32], 8);
        byte[] ks = new byte[8];
        rng.fillBytes(ks);
        assertThat(HexFormat.of().formatHex(ks)).isEqualTo("3e00ef2f895f40d6");
    }

    // The next four are rand_chacha 0.3.1's own unit tests (ChaChaRng = 20 rounds).

    @Test
    void chacha20ZeroKeyTrueBytes() {
        ChaChaRng rng = ChaChaRng.fromKey(new byte[32], 20);
        byte[] out = new byte[32];
        rng.fillBytes(out);
        int[] expected = {118, 184, 224, 173, 160, 241, 61, 144, 64, 93, 106, 229, 83, 134, 189, 40,
            189, 210, 25, 184, 160, 141, 237, 26, 168, 54, 239, 204, 139, 119, 13, 199};
        for (int i = 0; i < 32; i++) {
            assertThat(out[i] & 0xFF).as("byte %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void chacha20ThirdBlockOfKeyWithFfByte() {
        byte[] key = new byte[32];
        key[1] = (byte) 0xff;
        ChaChaRng rng = ChaChaRng.fromKey(key, 20);
        for (int i = 0; i < 32; i++) {
            rng.nextInt();
        }
        int[] got = new int[16];
        for (int i = 0; i < 16; i++) {
            got[i] = rng.nextInt();
        }
        assertThat(got).containsExactly(words(
                0xfb4dd572, 0x4bc42ef1, 0xdf922636, 0x327f1394, 0xa78dea8f, 0x5e269039, 0xa1bebbc1,
                0xcaf09aae, 0xa25ab213, 0x48a6b46c, 0x1b9d9bcb, 0x092c5be6, 0x546ca624, 0x1bec45d5,
                0x87f47473, 0x96f0992e));
    }

    @Test
    void chacha20AcrossSeveralRefills() {
        byte[] key = new byte[32];
        for (int i = 0; i < 8; i++) {
            key[4 * i] = (byte) i;
        }
        ChaChaRng rng = ChaChaRng.fromKey(key, 20);
        int[] got = new int[16];
        for (int i = 0; i < 16; i++) {
            got[i] = rng.nextInt();
            for (int j = 0; j < 16; j++) {
                rng.nextInt();
            }
        }
        assertThat(got).containsExactly(words(
                0xf225c81a, 0x6ab1be57, 0x04d42951, 0x70858036, 0x49884684, 0x64efec72, 0x4be2d186,
                0x3615b384, 0x11cfa18e, 0xd3c50049, 0x75c775f6, 0x434c6530, 0x2c5bad8f, 0x898881dc,
                0x5f1c86d9, 0xc1f8e7f4));
    }

    @Test
    void chacha20StreamIdFillsWords14And15() {
        ChaChaRng rng = ChaChaRng.fromKey(new byte[32], 20, 2L << (24 + 32));
        int[] got = new int[16];
        for (int i = 0; i < 16; i++) {
            got[i] = rng.nextInt();
        }
        assertThat(got).containsExactly(words(
                0x374dc6c2, 0x3736d58c, 0xb904e24a, 0xcd3f93ef, 0x88228b1a, 0x96a4dfb3, 0x5b76ab72,
                0xc727ee54, 0x0e0e978a, 0xf3145c95, 0x1b748ea8, 0xf786c297, 0x99c28f5f, 0x628314e8,
                0x398a19fa, 0x6ded1b53));
    }

    @Test
    void nextLongStraddlingARefillTakesHighHalfFromNextBuffer() {
        ChaChaRng words = ChaChaRng.chacha12(7);
        int[] stream = new int[2 * ChaChaRng.BUFFER_WORDS];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = words.nextInt();
        }
        ChaChaRng rng = ChaChaRng.chacha12(7);
        for (int i = 0; i < ChaChaRng.BUFFER_WORDS - 1; i++) {
            assertThat(rng.nextInt()).isEqualTo(stream[i]);
        }
        long straddling = rng.nextLong();
        assertThat((int) straddling).isEqualTo(stream[63]);
        assertThat((int) (straddling >>> 32)).isEqualTo(stream[64]);
        // the refilled buffer continues after the word used as the high half
        assertThat(rng.nextInt()).isEqualTo(stream[65]);
        long aligned = rng.nextLong();
        assertThat((int) aligned).isEqualTo(stream[66]);
        assertThat((int) (aligned >>> 32)).isEqualTo(stream[67]);
    }

    @Test
    void nextLongOnExhaustedBufferStartsANewOne() {
        ChaChaRng words = ChaChaRng.chacha8(1);
        int[] stream = new int[2 * ChaChaRng.BUFFER_WORDS];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = words.nextInt();
        }
        ChaChaRng rng = ChaChaRng.chacha8(1);
        for (int i = 0; i < 32; i++) {
            long v = rng.nextLong();
            assertThat((int) v).isEqualTo(stream[2 * i]);
            assertThat((int) (v >>> 32)).isEqualTo(stream[2 * i + 1]);
        }
        long v = rng.nextLong();
        assertThat((int) v).isEqualTo(stream[64]);
        assertThat((int) (v >>> 32)).isEqualTo(stream[65]);
    }

    @Test
    void fillBytesDropsTheRestOfAPartlyUsedWord() {
        ChaChaRng words = ChaChaRng.chacha8(3);
        int w0 = words.nextInt();
        int w1 = words.nextInt();
        ChaChaRng rng = ChaChaRng.chacha8(3);
        byte[] three = new byte[3];
        rng.fillBytes(three);
        assertThat(three).containsExactly((byte) w0, (byte) (w0 >>> 8), (byte) (w0 >>> 16));
        assertThat(rng.nextInt()).isEqualTo(w1);
    }

    @Test
    void seedFromU64KeysTheGenerator() {
        byte[] key = Pcg32SeedExpander.seedFromU64(99);
        ChaChaRng a = ChaChaRng.fromKey(key, 12);
        ChaChaRng b = ChaChaRng.chacha12(99);
        for (int i = 0; i < 200; i++) {
            assertThat(a.nextInt()).isEqualTo(b.nextInt());
        }
    }

    @Test
    void rejectsBadKeysAndRounds() {
        assertThatThrownBy(() -> ChaChaRng.fromKey(new byte[31], 8))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ChaChaRng.fromU64(0, 7)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ChaChaRng.fromU64(0, 0)).isInstanceOf(InvalidArgumentException.class);
    }
}
