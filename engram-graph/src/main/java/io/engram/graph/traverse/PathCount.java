package io.engram.graph.traverse;

/**
 * Distinct simple paths between two nodes.
 *
 * @param byLength {@code byLength[h]}: paths of exactly {@code h} edges
 */
public record PathCount(long total, long[] byLength, boolean partial, StopReason reason) {}
