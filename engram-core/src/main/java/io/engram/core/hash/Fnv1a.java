package io.engram.core.hash;

import io.engram.core.InvalidArgumentException;
import java.util.Objects;

/**
 * 64-bit FNV-1a with wrapping u64 arithmetic. Holon's striped encoder assigns a field path to a
 * stripe as FNV-1a(UTF-8 path) unsigned-mod n (hdc-holon §8.4), so the hash and the unsigned
 * remainder must match the Rust and Python references exactly.
 */
public final class Fnv1a {
    /** FNV-1a 64-bit offset basis. */
    public static final long OFFSET_BASIS = 0xcbf29ce484222325L;

    /** FNV-1a 64-bit prime. */
    public static final long PRIME = 0x100000001b3L;

    private Fnv1a() {}

    /** Folds one byte into a running hash {@code h} (start from {@link #OFFSET_BASIS}). */
    public static long update(long h, byte b) {
        return (h ^ (b & 0xFFL)) * PRIME;
    }

    /** Hash of all of {@code data}. */
    public static long hash(byte[] data) {
        return update(OFFSET_BASIS, data, 0, data.length);
    }

    /** Folds {@code data[offset, offset + length)} into a running hash {@code h}. */
    public static long update(long h, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        long x = h;
        for (int i = offset, end = offset + length; i < end; i++) {
            x = (x ^ (data[i] & 0xFFL)) * PRIME;
        }
        return x;
    }

    /** Hash of the UTF-8 encoding of {@code text}, without materialising the bytes. */
    public static long hashUtf8(CharSequence text) {
        return updateUtf8(OFFSET_BASIS, text);
    }

    /**
     * Folds the UTF-8 encoding of {@code text} into {@code h}. Unpaired surrogates become {@code
     * '?'}, as in {@code String.getBytes(UTF_8)}; Rust strings cannot contain them.
     */
    public static long updateUtf8(long h, CharSequence text) {
        long x = h;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                x = (x ^ c) * PRIME;
            } else if (c < 0x800) {
                x = (x ^ (0xC0 | (c >>> 6))) * PRIME;
                x = (x ^ (0x80 | (c & 0x3F))) * PRIME;
            } else if (Character.isSurrogate(c)) {
                char d;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(d = text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, d);
                    i++;
                    x = (x ^ (0xF0 | (cp >>> 18))) * PRIME;
                    x = (x ^ (0x80 | ((cp >>> 12) & 0x3F))) * PRIME;
                    x = (x ^ (0x80 | ((cp >>> 6) & 0x3F))) * PRIME;
                    x = (x ^ (0x80 | (cp & 0x3F))) * PRIME;
                } else {
                    x = (x ^ '?') * PRIME;
                }
            } else {
                x = (x ^ (0xE0 | (c >>> 12))) * PRIME;
                x = (x ^ (0x80 | ((c >>> 6) & 0x3F))) * PRIME;
                x = (x ^ (0x80 | (c & 0x3F))) * PRIME;
            }
        }
        return x;
    }

    /** Rust {@code hash % n} on u64: the unsigned remainder, in [0, n). {@code n} must be positive. */
    public static long mod(long hash, long n) {
        if (n <= 0) {
            throw new InvalidArgumentException("modulus must be positive, got " + n);
        }
        return Long.remainderUnsigned(hash, n);
    }

    /** {@link #mod(long, long)} for an int bucket count. */
    public static int mod(long hash, int n) {
        return (int) mod(hash, (long) n);
    }
}
