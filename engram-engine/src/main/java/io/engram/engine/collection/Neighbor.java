package io.engram.engine.collection;

/**
 * A node reached from a record in the collection's graph: a record (kind "record", id its record
 * id), an entity (kind "entity", id its normalised name) or a source (kind "source", id
 * "type:reference"), the label of the edge that reached it and its distance in hops.
 */
public record Neighbor(String kind, String id, String label, int hops) {}
