package io.engram.engine.record;

import io.engram.core.WireNames;

/** Kinds of source, each with the reliability a source of that kind gets when none is given. */
public enum SourceType {
    DOCUMENT(0.8), CONVERSATION(0.5), INFERENCE(0.5), OBSERVATION(0.4), API(0.7), USER_INPUT(0.75),
    WEB(0.6), CODE(0.8), TOOL_OUTPUT(0.7);

    private final double defaultReliability;

    SourceType(double defaultReliability) {
        this.defaultReliability = defaultReliability;
    }

    public double defaultReliability() {
        return defaultReliability;
    }

    public String wireName() {
        return WireNames.of(this);
    }

    public static SourceType fromWire(String text) {
        return WireNames.parse(SourceType.class, "source type", text);
    }
}
