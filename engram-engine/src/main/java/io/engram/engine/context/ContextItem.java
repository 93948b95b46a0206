package io.engram.engine.context;

import io.engram.engine.knowledge.FusionScore;
import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import java.util.List;

/**
 * One record chosen for a context, with its citation number, every score term, the superseded
 * records it stands in for, its active tensions and the tokens its rendering costs.
 */
public record ContextItem(int citation, KnowledgeRecord record, FusionScore score, List<String> replaces,
        List<Tension> tensions, int tokens) {}
