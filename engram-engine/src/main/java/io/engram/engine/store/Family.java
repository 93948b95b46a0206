package io.engram.engine.store;

import java.nio.charset.StandardCharsets;

/**
 * The column families of a store, one per concern; the only place their on-disk names are
 * written. Renaming one is a format change: an existing store would no longer open.
 */
public enum Family {
    /** Records by id: the log of record. */
    RECORDS("records"),
    /** Store-level facts: format version, collection specs, index checkpoints. */
    META("meta"),
    /** Record vectors by the record's key, little-endian float32: kept apart from the record JSON. */
    VECTORS("vectors"),
    /** Tensions between records, by collection and tension id. */
    TENSIONS("tensions");

    /** RocksDB's own family; every database has it, a store keeps nothing in it. */
    static final String DEFAULT_NAME = "default";

    private final String familyName;

    Family(String familyName) {
        this.familyName = familyName;
    }

    /** The name of this family on disk. */
    public String familyName() {
        return familyName;
    }

    byte[] nameBytes() {
        return familyName.getBytes(StandardCharsets.UTF_8);
    }
}
