package io.engram.core.hash;

import java.nio.charset.StandardCharsets;
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
        MessageDigest md = DIGEST.get();
        md.reset();
        for (int i = 0; i < 8; i++) {
            md.update((byte) (globalSeed >>> (8 * i)));
        }
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return firstLongLE(md.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
