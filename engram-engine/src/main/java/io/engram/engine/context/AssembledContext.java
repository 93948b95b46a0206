package io.engram.engine.context;

import io.engram.engine.knowledge.Tension;
import java.util.List;

/**
 * An assembled context: the rendered text in the requested format, the items in it (score order
 * before grouping), the tensions among them, the tokens the text costs under the token counter,
 * and how many candidates were scored.
 */
public record AssembledContext(String text, ContextFormat format, List<ContextItem> items, List<Tension> tensions,
        int tokens, int candidates, long tookMicros) {}
