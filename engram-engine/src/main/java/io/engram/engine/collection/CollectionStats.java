package io.engram.engine.collection;

/**
 * Counts of one collection: records by status, entities, open tensions, vectors in the index, and
 * the store sequence the derived indexes have applied.
 */
public record CollectionStats(String name, long records, long active, long superseded, long archived,
        long entities, long openTensions, long indexedVectors, long appliedSequence) {}
