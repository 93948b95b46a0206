package io.engram.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.core.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * hdc-holon §4.4: the Rust atom recipe (SHA-256 seed, PCG32 expansion, ChaCha8, u32 % 3) checked
 * against values produced by rand_chacha 0.3.1. Only the RNG and hash are under test here.
 */
class AtomSeedGoldenTest {

    private static int[] ternary(String atom, long globalSeed, int n) {
        ChaChaRng rng = ChaChaRng.chacha8(Sha256.seedOf(globalSeed, atom));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Integer.remainderUnsigned(rng.nextInt(), 3) - 1;
        }
        return out;
    }

    @Test
    void helloSeedZeroIntermediates() {
        byte[] digest = Sha256.digest(new byte[8], "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("dff1008caf91868f06d2043fc560ad536f4379ed2801a7ce4371976cdb4cd48a");
        long seed = Sha256.firstLongLE(digest);
        assertThat(Long.toUnsignedString(seed)).isEqualTo("10342113777457099231");
        assertThat(Sha256.seedOf(0, "hello")).isEqualTo(seed);

        assertThat(HexFormat.of().formatHex(Pcg32SeedExpander.seedFromU64(seed)))
                .isEqualTo("66b558b2869458a46f951beadb5126d05d62dbcf10519529c04c332058912ab0");

        ChaChaRng rng = ChaChaRng.chacha8(seed);
        assertThat(rng.nextInt()).isEqualTo(0x15a3bf5b);
        assertThat(rng.nextInt()).isEqualTo(0xfe49649b);
        assertThat(rng.nextInt()).isEqualTo(0x2aadd132);
        assertThat(rng.nextInt()).isEqualTo(0xa913996b);
    }

    @Test
    void helloSeedZero() {
        assertThat(ternary("hello", 0, 24)).containsExactly(
                0, -1, -1, 0, 1, 1, 1, 0, 0, 1, -1, 0, 1, -1, 1, -1, 1, 1, 1, -1, 0, 0, 1, -1);
    }

    @Test
    void helloSeed42() {
        assertThat(ternary("hello", 42, 24)).containsExactly(
                -1, 1, -1, 1, 0, 0, -1, -1, -1, -1, 1, -1, -1, 0, 0, 0, -1, 0, 1, 1, -1, 1, -1, 0);
    }

    @Test
    void roleSeedZero() {
        assertThat(ternary("role", 0, 24)).containsExactly(
                -1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, -1, 0, 1, -1, 0, 1, -1, -1, 1, 1, 1, 1, 0);
    }

    @Test
    void positionZeroSeedZero() {
        assertThat(ternary("__pos__0", 0, 24)).containsExactly(
                0, -1, 0, 1, 0, -1, -1, 0, 0, 0, 0, 1, 0, 0, 1, 0, -1, -1, 1, 0, -1, 0, 0, 0);
    }
}
