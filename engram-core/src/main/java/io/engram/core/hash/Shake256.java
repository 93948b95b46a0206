package io.engram.core.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * SHAKE-256 extendable-output function (FIPS 202) as an incremental sponge: absorb with the
 * {@code update} methods, then squeeze any number of bytes in any number of calls.
 *
 * <p>The JDK exposes SHAKE-256 only as the fixed 64-byte {@code SHAKE256-512} digest. Witnesses
 * (rabitq-rulake §5.5) need 32 bytes and other users may want longer streams, so this small sponge
 * gives arbitrary-length, resumable output with no dependency. Outputs of different lengths are
 * prefixes of one another, so its first 64 bytes equal the JDK's {@code SHAKE256-512} digest.
 *
 * <p>Not thread-safe; one instance per computation, reusable after {@link #reset()}.
 */
public final class Shake256 {
    /** Sponge rate in bytes: 1600-bit state minus the 512-bit capacity. */
    public static final int RATE = 136;

    private static final byte DOMAIN = 0x1F; // SHAKE suffix 1111 plus the first pad10*1 bit
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };
    /** Rotation of the lane that the rho-pi walk visits at step t. */
    private static final int[] RHO = {
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
    };
    /** Lane index visited at step t of the rho-pi walk starting from lane 1. */
    private static final int[] PI = {
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
    };

    private final long[] state = new long[25];
    /** Byte offset within the current rate block (absorbing or squeezing). */
    private int pos;
    private boolean squeezing;

    /** Back to the empty-input state, reusing the buffers. */
    public Shake256 reset() {
        Arrays.fill(state, 0L);
        pos = 0;
        squeezing = false;
        return this;
    }

    /** Absorbs one byte. */
    public Shake256 update(byte b) {
        ensureAbsorbing();
        absorbByte(b);
        return this;
    }

    /** Absorbs all of {@code data}. */
    public Shake256 update(byte[] data) {
        return update(data, 0, data.length);
    }

    /** Absorbs {@code data[offset, offset + length)}. */
    public Shake256 update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureAbsorbing();
        int i = offset;
        int end = offset + length;
        while (i < end && (pos & 7) != 0) {
            absorbByte(data[i++]);
        }
        while (end - i >= 8) {
            state[pos >>> 3] ^= (long) LONG_LE.get(data, i);
            i += 8;
            pos += 8;
            if (pos == RATE) {
                keccakF(state);
                pos = 0;
            }
        }
        while (i < end) {
            absorbByte(data[i++]);
        }
        return this;
    }

    /** Absorbs the remaining bytes of {@code data}, advancing its position to its limit. */
    public Shake256 update(ByteBuffer data) {
        ensureAbsorbing();
        if (data.hasArray()) {
            int n = data.remaining();
            update(data.array(), data.arrayOffset() + data.position(), n);
            data.position(data.limit());
        } else {
            while (data.hasRemaining()) {
                absorbByte(data.get());
            }
        }
        return this;
    }

    /** Absorbs {@code value} as 8 little-endian bytes (Rust {@code u64::to_le_bytes}). */
    public Shake256 updateLongLE(long value) {
        ensureAbsorbing();
        for (int i = 0; i < 8; i++) {
            absorbByte((byte) (value >>> (8 * i)));
        }
        return this;
    }

    /** Absorbs the UTF-8 encoding of {@code text}. */
    public Shake256 updateUtf8(String text) {
        return update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next {@code length} output bytes; the first call ends absorption. */
    public byte[] squeeze(int length) {
        byte[] out = new byte[length];
        squeeze(out, 0, length);
        return out;
    }

    /** Writes the next {@code length} output bytes into {@code out[offset, offset + length)}. */
    public void squeeze(byte[] out, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, out.length);
        if (!squeezing) {
            // pos < RATE here (a full block is permuted as soon as it fills), so the domain byte and
            // the final pad bit land in the current block, possibly in the same byte (0x9F).
            state[pos >>> 3] ^= (DOMAIN & 0xFFL) << ((pos & 7) << 3);
            state[(RATE - 1) >>> 3] ^= 0x80L << (((RATE - 1) & 7) << 3);
            keccakF(state);
            pos = 0;
            squeezing = true;
        }
        for (int i = 0; i < length; i++) {
            if (pos == RATE) {
                keccakF(state);
                pos = 0;
            }
            out[offset + i] = (byte) (state[pos >>> 3] >>> ((pos & 7) << 3));
            pos++;
        }
    }

    /** Convenience: SHAKE-256 of {@code data}, {@code outputLength} bytes. */
    public static byte[] hash(byte[] data, int outputLength) {
        return new Shake256().update(data).squeeze(outputLength);
    }

    private void ensureAbsorbing() {
        if (squeezing) {
            throw new IllegalStateException("SHAKE-256 input after output started; call reset()");
        }
    }

    private void absorbByte(byte b) {
        state[pos >>> 3] ^= (b & 0xFFL) << ((pos & 7) << 3);
        if (++pos == RATE) {
            keccakF(state);
            pos = 0;
        }
    }

    /** Keccak-f[1600], 24 rounds, lanes indexed x + 5y. */
    static void keccakF(long[] a) {
        for (int round = 0; round < 24; round++) {
            long c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
            long c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
            long c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
            long c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
            long c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);
            for (int y = 0; y < 25; y += 5) {
                a[y] ^= d0;
                a[y + 1] ^= d1;
                a[y + 2] ^= d2;
                a[y + 3] ^= d3;
                a[y + 4] ^= d4;
            }
            long carry = a[1];
            for (int t = 0; t < 24; t++) {
                int j = PI[t];
                long next = a[j];
                a[j] = Long.rotateLeft(carry, RHO[t]);
                carry = next;
            }
            for (int y = 0; y < 25; y += 5) {
                long a0 = a[y], a1 = a[y + 1], a2 = a[y + 2], a3 = a[y + 3], a4 = a[y + 4];
                a[y] = a0 ^ (~a1 & a2);
                a[y + 1] = a1 ^ (~a2 & a3);
                a[y + 2] = a2 ^ (~a3 & a4);
                a[y + 3] = a3 ^ (~a4 & a0);
                a[y + 4] = a4 ^ (~a0 & a1);
            }
            a[0] ^= ROUND_CONSTANTS[round];
        }
    }
}
