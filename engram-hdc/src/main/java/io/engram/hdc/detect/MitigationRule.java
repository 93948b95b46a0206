package io.engram.hdc.detect;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** A derived rule: match these field values, rate-limit them to the decoded baseline rate. */
public record MitigationRule(Map<String, String> match, String action, double ratePps, String reason) {
    public MitigationRule {
        match = Map.copyOf(match);
    }

    /** "field=value AND …" in field-name order. */
    public String matchText() {
        StringJoiner j = new StringJoiner(" AND ");
        match.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> j.add(e.getKey() + "=" + e.getValue()));
        return j.toString();
    }

    public String toJson() {
        StringJoiner m = new StringJoiner(",", "{", "}");
        match.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> m.add(StreamDetector.quote(e.getKey()) + ":" + StreamDetector.quote(e.getValue())));
        return String.format(Locale.ROOT, "{\"match\":%s,\"action\":%s,\"rate_pps\":%.0f,\"reason\":%s}", m,
                StreamDetector.quote(action), ratePps, StreamDetector.quote(reason));
    }
}
