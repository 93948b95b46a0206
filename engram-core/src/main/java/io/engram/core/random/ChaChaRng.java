package io.engram.core.random;

import io.engram.core.InvalidArgumentException;
import java.util.Objects;

/**
 * Word-for-word port of rand_chacha 0.3's {@code ChaChaXRng} behind rand_core 0.6's {@code
 * BlockRng}: the original (djb) ChaCha layout with a 64-bit block counter in words 12–13 and a
 * 64-bit stream id (always 0 here) in words 14–15, four blocks buffered per refill.
 *
 * <p>Atom vectors (ChaCha8) and the RaBitQ datasets and rotations (ChaCha12 = Rust {@code StdRng})
 * are specified as outputs of these exact generators, so the buffering rules matter as much as the
 * block function: a {@code next_u64} that straddles a refill takes its high half from the next
 * buffer, and {@code fill_bytes} discards the unused tail of a partly consumed word.
 *
 * <p>Not thread-safe; one instance per thread or per derived stream.
 */
public final class ChaChaRng {
    /** Words in one ChaCha block. */
    static final int BLOCK_WORDS = 16;

    /** Blocks generated per refill, as in rand_chacha ({@code BUF_BLOCKS}). */
    static final int BUFFER_BLOCKS = 4;

    /** Words handed out between refills. */
    public static final int BUFFER_WORDS = BLOCK_WORDS * BUFFER_BLOCKS;

    // "expand 32-byte k" as little-endian words.
    static final int C0 = 0x61707865;
    static final int C1 = 0x3320646e;
    static final int C2 = 0x79622d32;
    static final int C3 = 0x6b206574;

    private final int rounds;
    private final int[] key = new int[Pcg32SeedExpander.KEY_WORDS];
    private final long stream;
    private final int[] buffer = new int[BUFFER_WORDS];
    /** Block counter of the next refill. */
    private long counter;
    /** Next unread word of {@link #buffer}; {@code BUFFER_WORDS} means empty (fresh generator). */
    private int index = BUFFER_WORDS;

    private ChaChaRng(int rounds, long stream) {
        InvalidArgumentException.check(
                rounds > 0 && (rounds & 1) == 0, "ChaCha rounds must be positive and even, got %d", rounds);
        this.rounds = rounds;
        this.stream = stream;
    }

    /** rand_chacha {@code ChaCha8Rng::seed_from_u64(seed)}. */
    public static ChaChaRng chacha8(long seed) {
        return fromU64(seed, 8);
    }

    /** rand_chacha {@code ChaCha12Rng::seed_from_u64(seed)}, the core of Rust's {@code StdRng}. */
    public static ChaChaRng chacha12(long seed) {
        return fromU64(seed, 12);
    }

    /** rand_chacha {@code ChaCha20Rng::seed_from_u64(seed)}. */
    public static ChaChaRng chacha20(long seed) {
        return fromU64(seed, 20);
    }

    /** {@code ChaChaXRng::seed_from_u64(seed)} for X = {@code rounds}. */
    public static ChaChaRng fromU64(long seed, int rounds) {
        ChaChaRng rng = new ChaChaRng(rounds, 0L);
        Pcg32SeedExpander.keyWordsFromU64(seed, rng.key);
        return rng;
    }

    /** {@code ChaChaXRng::from_seed(key)} for X = {@code rounds}; {@code key} is 32 bytes. */
    public static ChaChaRng fromKey(byte[] key, int rounds) {
        return fromKey(key, rounds, 0L);
    }

    /**
     * Like {@link #fromKey(byte[], int)} followed by rand_chacha's {@code set_stream(stream)} before
     * any output; the stream id fills words 14–15.
     */
    public static ChaChaRng fromKey(byte[] key, int rounds, long stream) {
        InvalidArgumentException.check(
                key != null && key.length == Pcg32SeedExpander.KEY_BYTES,
                "ChaCha key must be %d bytes", Pcg32SeedExpander.KEY_BYTES);
        ChaChaRng rng = new ChaChaRng(rounds, stream);
        for (int i = 0; i < Pcg32SeedExpander.KEY_WORDS; i++) {
            rng.key[i] = (key[4 * i] & 0xFF)
                    | (key[4 * i + 1] & 0xFF) << 8
                    | (key[4 * i + 2] & 0xFF) << 16
                    | (key[4 * i + 3] & 0xFF) << 24;
        }
        return rng;
    }

    /** Number of rounds (8, 12, 20, …). */
    public int rounds() {
        return rounds;
    }

    /** rand_core {@code next_u32}: the next keystream word, as a signed int with the same bits. */
    public int nextInt() {
        int i = index;
        if (i >= BUFFER_WORDS) {
            refill();
            i = 0;
        }
        index = i + 1;
        return buffer[i];
    }

    /**
     * rand_core {@code BlockRng::next_u64}: two consecutive words, the first is the low half. When
     * exactly one word is left it becomes the low half and the first word of the next buffer the
     * high half.
     */
    public long nextLong() {
        int i = index;
        if (i < BUFFER_WORDS - 1) {
            index = i + 2;
            return (buffer[i] & 0xFFFF_FFFFL) | ((long) buffer[i + 1] << 32);
        }
        if (i >= BUFFER_WORDS) {
            refill();
            index = 2;
            return (buffer[0] & 0xFFFF_FFFFL) | ((long) buffer[1] << 32);
        }
        long low = buffer[BUFFER_WORDS - 1] & 0xFFFF_FFFFL;
        refill();
        index = 1;
        return low | ((long) buffer[0] << 32);
    }

    /** rand_core {@code BlockRng::fill_bytes}: words in order, little-endian, a partly used word is dropped. */
    public void fillBytes(byte[] dest) {
        fillBytes(dest, 0, dest.length);
    }

    /** {@link #fillBytes(byte[])} into {@code dest[offset, offset + length)}. */
    public void fillBytes(byte[] dest, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dest.length);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (index >= BUFFER_WORDS) {
                refill();
                index = 0;
            }
            int w = buffer[index++];
            int n = Math.min(4, end - pos);
            for (int b = 0; b < n; b++) {
                dest[pos++] = (byte) (w >>> (8 * b));
            }
        }
    }

    private void refill() {
        long c = counter;
        for (int b = 0; b < BUFFER_BLOCKS; b++) {
            block(key, c + b, stream, rounds, buffer, b * BLOCK_WORDS);
        }
        counter = c + BUFFER_BLOCKS;
    }

    /** One keystream block in rand_chacha's layout (64-bit counter, 64-bit stream). */
    static void block(int[] key, long counter, long stream, int rounds, int[] out, int outOffset) {
        block(C0, C1, C2, C3,
                key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
                (int) counter, (int) (counter >>> 32), (int) stream, (int) (stream >>> 32),
                rounds, out, outOffset);
    }

    /**
     * The ChaCha block function on an explicit 16-word input; exposed to the tests so that the
     * RFC 7539 vector (32-bit counter, 96-bit nonce in words 12–15) can drive it directly.
     */
    static void block(int[] input, int rounds, int[] out, int outOffset) {
        block(input[0], input[1], input[2], input[3], input[4], input[5], input[6], input[7],
                input[8], input[9], input[10], input[11], input[12], input[13], input[14], input[15],
                rounds, out, outOffset);
    }

    private static void block(int j0, int j1, int j2, int j3, int j4, int j5, int j6, int j7,
            int j8, int j9, int j10, int j11, int j12, int j13, int j14, int j15,
            int rounds, int[] out, int o) {
        // Sixteen locals rather than an array keep the whole state in registers after JIT.
        int x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
        int x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
        for (int r = 0; r < rounds; r += 2) {
            // column round
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16);
            x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
            x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8);
            x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);

            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16);
            x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
            x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8);
            x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);

            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16);
            x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
            x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8);
            x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);

            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16);
            x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
            x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8);
            x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);

            // diagonal round
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16);
            x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
            x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8);
            x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);

            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16);
            x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
            x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8);
            x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);

            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16);
            x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
            x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8);
            x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);

            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16);
            x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
            x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8);
            x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
        }
        out[o] = x0 + j0;
        out[o + 1] = x1 + j1;
        out[o + 2] = x2 + j2;
        out[o + 3] = x3 + j3;
        out[o + 4] = x4 + j4;
        out[o + 5] = x5 + j5;
        out[o + 6] = x6 + j6;
        out[o + 7] = x7 + j7;
        out[o + 8] = x8 + j8;
        out[o + 9] = x9 + j9;
        out[o + 10] = x10 + j10;
        out[o + 11] = x11 + j11;
        out[o + 12] = x12 + j12;
        out[o + 13] = x13 + j13;
        out[o + 14] = x14 + j14;
        out[o + 15] = x15 + j15;
    }
}
