package io.engram.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Shake256Test {

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 135, 136, 137, 271, 272, 1000})
    void matchesJdkShake256_512(int length) throws Exception {
        byte[] input = pattern(length);
        byte[] jdk = MessageDigest.getInstance("SHAKE256-512").digest(input);
        assertThat(Shake256.hash(input, 64)).isEqualTo(jdk);
        assertThat(Shake256.hash(input, 32)).isEqualTo(Arrays.copyOf(jdk, 32));
    }

    @Test
    void emptyInputKnownAnswer() {
        // FIPS 202 SHAKE256("") first 32 bytes.
        assertThat(HexFormat.of().formatHex(Shake256.hash(new byte[0], 32)))
                .isEqualTo("46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f");
    }

    @Test
    void squeezingInPiecesContinuesTheSameStream() {
        byte[] input = pattern(500);
        byte[] whole = Shake256.hash(input, 332);
        Shake256 s = new Shake256().update(input);
        byte[] first = s.squeeze(32);
        byte[] second = new byte[300];
        s.squeeze(second, 0, 300);
        assertThat(first).isEqualTo(Arrays.copyOfRange(whole, 0, 32));
        assertThat(second).isEqualTo(Arrays.copyOfRange(whole, 32, 332));
        assertThat(Shake256.hash(input, 64)).isEqualTo(Arrays.copyOf(whole, 64));
    }

    @Test
    void absorbingInPiecesEqualsAbsorbingAtOnce() {
        byte[] input = pattern(1000);
        byte[] expected = Shake256.hash(input, 48);
        Shake256 s = new Shake256();
        int[] cuts = {0, 1, 3, 11, 136, 140, 141, 500, 999, 1000};
        for (int k = 0; k + 1 < cuts.length; k++) {
            s.update(input, cuts[k], cuts[k + 1] - cuts[k]);
        }
        assertThat(s.squeeze(48)).isEqualTo(expected);

        ByteBuffer direct = ByteBuffer.allocateDirect(1000).put(input).flip();
        assertThat(s.reset().update(ByteBuffer.wrap(input, 0, 400)).update(Arrays.copyOfRange(input, 400, 999))
                        .update(input[999]).squeeze(48))
                .isEqualTo(expected);
        assertThat(s.reset().update(direct).squeeze(48)).isEqualTo(expected);
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    void updateLongLEIsEightLittleEndianBytes() {
        long v = 0x0102030405060708L;
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        assertThat(new Shake256().updateLongLE(v).squeeze(32)).isEqualTo(Shake256.hash(le, 32));
    }

    @Test
    void inputAfterOutputIsRefused() {
        Shake256 s = new Shake256();
        s.squeeze(1);
        assertThatThrownBy(() -> s.update((byte) 1)).isInstanceOf(IllegalStateException.class);
    }

    /** rabitq-rulake §5.5 witness bytes, built here because the bundle class lives in another module. */
    private static String witness(String dataRef, long dim, long rotationSeed, long rerankFactor, byte[] generation) {
        Shake256 s = new Shake256();
        byte[] ref = dataRef.getBytes(StandardCharsets.UTF_8);
        s.updateUtf8("rulake-bundle-witness-v1|");
        s.updateLongLE(ref.length).update(ref).updateUtf8("|");
        s.updateLongLE(dim).updateLongLE(rotationSeed).updateLongLE(rerankFactor).updateUtf8("|");
        s.updateLongLE(generation.length).update(generation);
        return HexFormat.of().formatHex(s.squeeze(32));
    }

    private static byte[] num(long n) {
        return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0).putLong(n).array();
    }

    private static byte[] opaque(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void rulakeWitnessGoldens() {
        assertThat(witness("gs://bucket/x.parquet", 128, 42, 20, num(7)))
                .isEqualTo("7eac1775d1f76a4db88672655fc64977287ec60eda47c6df3a19bacfd0c038cd");
        assertThat(witness("x", 1, 0, 1, num(7)))
                .isEqualTo("1cc8073588bc0c76ef87dd44d7be3440e306a089ca313ba05c2db6710205983b");
        assertThat(witness("x", 1, 0, 1, opaque("a|b")))
                .isEqualTo("b511257b23f2fe1853e85de1183aaa71affd0ff2403b1395ca739185b2901f8e");
        assertThat(witness("local://b/c", 128, 42, 20, num(1)))
                .isEqualTo("45c2c2de41b19a05fc69e19d7cdd8ba47c7b810481a7b4aada29efada814dff2");
    }
}
