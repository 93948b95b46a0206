package io.engram.hdc.encode;

import io.engram.core.hash.Fnv1a;

/** Path-qualified atom names of the Rust structure encoder (hdc-holon §8.1, §8.4). */
final class AtomPaths {
    /** The atom every set is bound to. */
    static final String SET_INDICATOR = "set_indicator";

    private AtomPaths() {}

    /** "prefix.key", or "key" at the root (null prefix). */
    static String path(String prefix, String key) {
        return prefix == null ? key : prefix + "." + key;
    }

    /** The path of array element {@code i}: "prefix.[i]". */
    static String element(String prefix, int i) {
        return path(prefix, "[" + i + "]");
    }

    /** FNV-1a 64 of the UTF-8 path, unsigned mod {@code stripes}. */
    static int stripe(String path, int stripes) {
        return Fnv1a.mod(Fnv1a.hashUtf8(path), stripes);
    }
}
