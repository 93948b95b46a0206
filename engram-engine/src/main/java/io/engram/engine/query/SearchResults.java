package io.engram.engine.query;

import java.util.List;

/** The hits of a search, best first, with how many candidates the retrievers produced. */
public record SearchResults(List<SearchHit> hits, int candidates, long tookMicros) {}
