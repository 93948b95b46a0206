package io.engram.core.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 helpers over the JDK provider. Atom seeds are "SHA-256 of (u64le global seed ‖ UTF-8
 * atom), first 8 bytes read as a little-endian u64"; these helpers keep that recipe in one place.
 */
public final class Sha256 {
    /** Digest length in bytes. */
    public static final int DIGEST_BYTES = 32;

    // MessageDigest.getInstance walks the provider list; one instance per thread avoids that per call.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    /** SHA-256 of {@code data}. */
    public static byte[] digest(byte[] data) {
        MessageDigest md = DIGEST.get();
        md.reset();
        return md.digest(data);
    }

    /** SHA-256 of the concatenation of {@code parts}, without building the concatenation. */
    public static byte[] digest(byte[]... parts) {
        MessageDigest md = DIGEST.get();
        md.reset();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** Bytes 0..8 of {@code bytes} as a little-endian u64 (Rust {@code u64::from_le_bytes(d[..8])}). */
    public static long firstLongLE(byte[] bytes) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[i] & 0xFFL);
        }
        return v;
    }

    /**
     * The atom-seed recipe: first 8 bytes (LE) of SHA-256(u64le {@code globalSeed} ‖ UTF-8 {@code
     * text}).
     */
    public static long seedOf(long globalSeed, String text) {
        Scratch scratch = SCRATCH.get();
        int n = text.length();
        byte[] in = scratch.input(8 + n);
        int length = 8 + n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: the JDK's encoder, whose replacement of unpaired surrogates is the recipe's.
                byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                in = scratch.input(8 + utf8.length);
                System.arraycopy(utf8, 0, in, 8, utf8.length);
                length = 8 + utf8.length;
                break;
            }
            in[8 + i] = (byte) c;
        }
        for (int i = 0; i < 8; i++) {
            in[i] = (byte) (globalSeed >>> (8 * i));
        }
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(in, 0, length);
        try {
            md.digest(scratch.digest, 0, DIGEST_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digest into a 32-byte buffer failed", e);
        }
        return firstLongLE(scratch.digest);
    }

    /**
     * Per-thread buffers of {@link #seedOf}, which runs once per new atom: no input copy or digest
     * array per call. The input buffer grows to the longest atom text seen, up to a cap beyond
     * which a call uses a fresh array rather than keep a huge one.
     */
    private static final class Scratch {
        private static final int KEEP_AT_MOST = 1 << 16;
        private byte[] input = new byte[256];
        final byte[] digest = new byte[DIGEST_BYTES];

        byte[] input(int needed) {
            if (needed <= input.length) {
                return input;
            }
            byte[] bigger = new byte[needed];
            if (needed <= KEEP_AT_MOST) {
                input = bigger;
            }
            return bigger;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
