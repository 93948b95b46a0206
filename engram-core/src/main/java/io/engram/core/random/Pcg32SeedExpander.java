package io.engram.core.random;

/**
 * rand_core 0.6 {@code SeedableRng::seed_from_u64}: eight PCG32 steps turn a u64 into a 32-byte
 * key. Every Rust generator seeded with {@code seed_from_u64} (StdRng, ChaCha8Rng) starts from this
 * key, so reproducing it is the first step of parity with the reference outputs.
 */
public final class Pcg32SeedExpander {
    /** Key length of the ChaCha generators, in bytes. */
    public static final int KEY_BYTES = 32;

    /** Key length of the ChaCha generators, in little-endian u32 words. */
    public static final int KEY_WORDS = 8;

    private static final long MUL = 6364136223846793005L;
    private static final long INC = 0xA17654E46FBE17F3L; // 11634580027462260723 as u64

    private Pcg32SeedExpander() {}

    /** The 32-byte key that {@code seed_from_u64(seed)} would hand to {@code from_seed}. */
    public static byte[] seedFromU64(long seed) {
        int[] words = new int[KEY_WORDS];
        keyWordsFromU64(seed, words);
        byte[] key = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_WORDS; i++) {
            int w = words[i];
            key[4 * i] = (byte) w;
            key[4 * i + 1] = (byte) (w >>> 8);
            key[4 * i + 2] = (byte) (w >>> 16);
            key[4 * i + 3] = (byte) (w >>> 24);
        }
        return key;
    }

    /**
     * Writes the same key as {@link #seedFromU64(long)} as eight little-endian words into {@code
     * out[0..8)}; ChaCha consumes key words, so this skips the byte round trip.
     */
    public static void keyWordsFromU64(long seed, int[] out) {
        long state = seed;
        for (int i = 0; i < KEY_WORDS; i++) {
            // Advancing before output moves away from low-Hamming-weight seeds such as 0 or 42.
            state = state * MUL + INC;
            int xorshifted = (int) (((state >>> 18) ^ state) >>> 27);
            int rot = (int) (state >>> 59);
            out[i] = Integer.rotateRight(xorshifted, rot);
        }
    }
}
