package io.engram.engine.context;

import io.engram.engine.knowledge.FusionScore;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import java.util.List;

/** A scored candidate handed to the {@link ContextComposer}, best first. */
public record RankedCandidate(KnowledgeRecord record, FusionScore score, List<String> replaces,
        List<Tension> tensions) {}
