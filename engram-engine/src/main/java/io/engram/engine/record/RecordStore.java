package io.engram.engine.record;

import io.engram.core.InvalidArgumentException;
import io.engram.engine.store.Family;
import io.engram.engine.store.KeyValueCursor;
import io.engram.engine.store.Store;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Records by id in the {@link Family#RECORDS} family of a {@link Store}. The value is opaque bytes
 * for now; the record model (text, vector, metadata, knowledge fields) comes later.
 *
 * <p>The key is the id's UTF-8 encoding, so "id order" is unsigned UTF-8 byte order, which is
 * Unicode code point order (it differs from {@link String#compareTo} only for characters outside
 * the Basic Multilingual Plane). Each write is one synced batch of the store: when
 * {@link #put} returns, the record survives a kill of the process.
 *
 * <p>Does not own the store: closing the store ends this record store too.
 */
public final class RecordStore {
    /** Longest id accepted, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 512;
    /** Largest value accepted, in bytes (8 MiB). */
    public static final int MAX_VALUE_BYTES = 8 << 20;

    private final Store store;

    public RecordStore(Store store) {
        InvalidArgumentException.check(store != null, "store must not be null");
        this.store = store;
    }

    /** Stores {@code value} under {@code id}, replacing what was there. */
    public void put(String id, byte[] value) {
        byte[] key = key(id);
        InvalidArgumentException.check(value != null, "value of record '%s' must not be null", id);
        InvalidArgumentException.check(value.length <= MAX_VALUE_BYTES,
                "value of record '%s' must be at most %d bytes, was %d bytes", id, MAX_VALUE_BYTES, value.length);
        store.batch().put(Family.RECORDS, key, value).commit();
    }

    /** The value stored under {@code id}, if any (a fresh copy). */
    public Optional<byte[]> get(String id) {
        return Optional.ofNullable(store.get(Family.RECORDS, key(id)));
    }

    /** Removes the record {@code id}; nothing happens if there is none. */
    public void delete(String id) {
        store.batch().delete(Family.RECORDS, key(id)).commit();
    }

    /** Number of records. Reads every key: linear in the number of records. */
    public long count() {
        long count = 0;
        try (KeyValueCursor cursor = store.cursor(Family.RECORDS)) {
            while (cursor.next()) {
                count++;
            }
        }
        return count;
    }

    /** Calls {@code action} for every record in id order, over the state when the call began. */
    public void forEach(BiConsumer<String, byte[]> action) {
        forEachFrom(null, action);
    }

    /** Like {@link #forEach}, from the first id {@code >= fromId} (every record if null). */
    public void forEachFrom(String fromId, BiConsumer<String, byte[]> action) {
        InvalidArgumentException.check(action != null, "action must not be null");
        try (KeyValueCursor cursor = store.cursor(Family.RECORDS, fromId == null ? null : key(fromId))) {
            while (cursor.next()) {
                action.accept(new String(cursor.key(), StandardCharsets.UTF_8), cursor.value());
            }
        }
    }

    /**
     * The id's key. Rejects null, empty and over-long ids, and strings with an unpaired surrogate
     * (they have no UTF-8 encoding, so two different ids would share a key).
     */
    static byte[] key(String id) {
        InvalidArgumentException.check(id != null, "record id must not be null");
        InvalidArgumentException.check(!id.isEmpty(), "record id must not be empty");
        // Cheap bound before encoding: every char takes at least one UTF-8 byte.
        if (id.length() > MAX_ID_BYTES) {
            throw new InvalidArgumentException(String.format("record id must be at most %d UTF-8 bytes, was %d chars:"
                    + " '%s...'", MAX_ID_BYTES, id.length(), id.substring(0, 32)));
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(id));
        } catch (CharacterCodingException e) {
            throw new InvalidArgumentException("record id must be valid Unicode text, found an unpaired surrogate"
                    + " in '" + id + "'");
        }
        byte[] key = new byte[encoded.remaining()];
        encoded.get(key);
        InvalidArgumentException.check(key.length <= MAX_ID_BYTES,
                "record id must be at most %d UTF-8 bytes, was %d bytes", MAX_ID_BYTES, key.length);
        return key;
    }
}
