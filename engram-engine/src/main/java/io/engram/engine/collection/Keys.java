package io.engram.engine.collection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout. Records, vectors and tensions are keyed by the collection's 4-byte big-endian id
 * followed by the UTF-8 id, so one collection's entries are one contiguous range (a prefix scan)
 * and dropping a collection is a range delete. Collection specs and checkpoints live in META under
 * readable string keys.
 */
final class Keys {
    static final int MAX_ID_BYTES = 512;
    private static final String SPEC_PREFIX = "collection/";

    private Keys() {}

    static byte[] prefix(int collectionId) {
        return ByteBuffer.allocate(4).putInt(collectionId).array();
    }

    static byte[] of(int collectionId, String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + idBytes.length).putInt(collectionId).put(idBytes).array();
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The key just past every key with this prefix (collection id + 1). */
    static byte[] end(int collectionId) {
        return prefix(collectionId + 1);
    }

    static byte[] spec(String name) {
        return (SPEC_PREFIX + name).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] specPrefix() {
        return SPEC_PREFIX.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] checkpoint(int collectionId, String index) {
        return ("checkpoint/" + collectionId + "/" + index).getBytes(StandardCharsets.UTF_8);
    }

    /** The collection's write counters: the last sequence number and the next ord (never reused). */
    static byte[] counters(int collectionId) {
        return ("counters/" + collectionId).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] nextCollectionId() {
        return "next-collection-id".getBytes(StandardCharsets.UTF_8);
    }

    /** A key for messages: collection id and the id as text. */
    static String describe(byte[] key) {
        if (key.length < 4) {
            return "(key of " + key.length + " bytes)";
        }
        int collection = ByteBuffer.wrap(key).getInt();
        return "(collection " + collection + ", id '" + new String(key, 4, key.length - 4, StandardCharsets.UTF_8) + "')";
    }
}
