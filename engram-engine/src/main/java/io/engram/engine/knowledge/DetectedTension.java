package io.engram.engine.knowledge;

/** A tension the automatic rule found between two facts, before it is stored as an edge. */
public record DetectedTension(StructuredFact a, StructuredFact b, TensionType type, TensionSeverity severity) {}
