package io.engram.engine.context;

import io.engram.engine.knowledge.Tension;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns ranked candidates into a context within a token budget. Items are taken in score order; an
 * item that does not fit is skipped whole (never truncated) and later, smaller items may still fit;
 * at most {@value #MAX_PER_SOURCE} items come from one source; the chosen items are then grouped by
 * source and numbered in reading order, each number resolving to a line of the Sources section.
 *
 * <p>The budget is exact for Markdown and plain text: each line is costed as it is chosen with the
 * same text it will be rendered with (citations costed at their widest), and the default counter
 * is additive over lines. JSON is costed the same way and then trimmed from the lowest-scored item
 * until the serialised text fits.
 */
public final class ContextComposer {
    public static final int MAX_PER_SOURCE = 3;
    public static final int MAX_MESSAGES = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContextComposer() {}

    /**
     * Says whether candidate {@code index} (in the ranked list) repeats one already chosen; asked only
     * for candidates about to be taken, so its cost is bounded by max_items squared.
     */
    @FunctionalInterface
    public interface RedundancyCheck {
        boolean redundant(int index, int[] chosen, int chosenCount);

        RedundancyCheck NONE = (index, chosen, count) -> false;
    }

    public static AssembledContext compose(ContextRequest req, List<RankedCandidate> ranked, int candidates,
            TokenCounter counter, long startNanos) {
        return compose(req, ranked, RedundancyCheck.NONE, candidates, counter, startNanos);
    }

    public static AssembledContext compose(ContextRequest req, List<RankedCandidate> ranked,
            RedundancyCheck redundancy, int candidates, TokenCounter counter, long startNanos) {
        boolean markdown = req.format() != ContextFormat.PLAIN;
        String widest = "[" + req.maxItems() + "]";
        List<String> messages = req.messages();
        messages = messages.subList(Math.max(0, messages.size() - MAX_MESSAGES), messages.size());
        int used = counter.count(header(req.query(), markdown)) + counter.count(sectionHeader("Knowledge", markdown))
                + counter.count(sectionHeader("Sources", markdown));
        List<String> keptMessages = new ArrayList<>();
        if (!messages.isEmpty()) {
            used += counter.count(sectionHeader("Recent messages", markdown));
            for (String m : messages) {
                int cost = counter.count(messageLine(m, markdown));
                if (used + cost <= req.maxTokens()) {
                    keptMessages.add(m);
                    used += cost;
                }
            }
        }
        List<RankedCandidate> chosen = new ArrayList<>();
        Map<String, Integer> perSource = new HashMap<>();
        Set<String> groups = new LinkedHashSet<>();
        Set<String> listedTensions = new LinkedHashSet<>();
        int[] chosenIndexes = new int[Math.min(req.maxItems(), ranked.size())];
        for (int index = 0; index < ranked.size(); index++) {
            RankedCandidate c = ranked.get(index);
            if (chosen.size() >= req.maxItems()) {
                break;
            }
            String sourceKey = sourceKey(c.record());
            if (sourceKey != null && perSource.getOrDefault(sourceKey, 0) >= MAX_PER_SOURCE) {
                continue;
            }
            String group = groupLabel(c.record());
            int cost = counter.count(itemLine(widest, c, markdown)) + counter.count(sourceLine(widest, c.record()));
            if (!groups.contains(group)) {
                cost += counter.count(groupHeader(group, markdown));
            }
            List<Tension> newTensions = new ArrayList<>();
            for (Tension t : c.tensions()) {
                if (!listedTensions.contains(t.id())) {
                    newTensions.add(t);
                    cost += counter.count(tensionLine(t, markdown));
                }
            }
            if (listedTensions.isEmpty() && !newTensions.isEmpty()) {
                cost += counter.count(sectionHeader("Tensions", markdown));
            }
            if (used + cost > req.maxTokens() || redundancy.redundant(index, chosenIndexes, chosen.size())) {
                continue;
            }
            used += cost;
            chosenIndexes[chosen.size()] = index;
            chosen.add(c);
            groups.add(group);
            newTensions.forEach(t -> listedTensions.add(t.id()));
            if (sourceKey != null) {
                perSource.merge(sourceKey, 1, Integer::sum);
            }
        }
        return render(req, keptMessages, chosen, candidates, counter, startNanos);
    }

    private static AssembledContext render(ContextRequest req, List<String> messages, List<RankedCandidate> chosen,
            int candidates, TokenCounter counter, long startNanos) {
        // Group in order of each group's best item, keep score order inside a group, number in reading order.
        Map<String, List<RankedCandidate>> grouped = new LinkedHashMap<>();
        for (RankedCandidate c : chosen) {
            grouped.computeIfAbsent(groupLabel(c.record()), k -> new ArrayList<>()).add(c);
        }
        List<RankedCandidate> reading = new ArrayList<>();
        grouped.values().forEach(reading::addAll);
        List<ContextItem> items = new ArrayList<>();
        Map<String, Integer> citationOf = new HashMap<>();
        boolean markdown = req.format() != ContextFormat.PLAIN;
        for (int i = 0; i < reading.size(); i++) {
            RankedCandidate c = reading.get(i);
            String cite = "[" + (i + 1) + "]";
            int tokens = counter.count(itemLine(cite, c, markdown)) + counter.count(sourceLine(cite, c.record()));
            items.add(new ContextItem(i + 1, c.record(), c.score(), c.replaces(), c.tensions(), tokens));
            citationOf.put(c.record().id(), i + 1);
        }
        Map<String, Tension> tensions = new LinkedHashMap<>();
        for (RankedCandidate c : reading) {
            c.tensions().forEach(t -> tensions.putIfAbsent(t.id(), t));
        }
        String text;
        if (req.format() == ContextFormat.JSON) {
            text = json(req.query(), messages, items, tensions.values(), citationOf);
            while (counter.count(text) > req.maxTokens() && !items.isEmpty()) {
                // Drop the lowest-scored item (JSON is costed approximately while choosing).
                ContextItem worst = items.stream().min(java.util.Comparator.comparingDouble(it -> it.score().total()))
                        .orElseThrow();
                items.remove(worst);
                text = json(req.query(), messages, items, tensions.values(), citationOf);
            }
        } else {
            StringBuilder sb = new StringBuilder();
            sb.append(header(req.query(), markdown)).append('\n');
            if (!messages.isEmpty()) {
                sb.append(sectionHeader("Recent messages", markdown)).append('\n');
                messages.forEach(m -> sb.append(messageLine(m, markdown)).append('\n'));
            }
            sb.append(sectionHeader("Knowledge", markdown)).append('\n');
            int i = 0;
            for (Map.Entry<String, List<RankedCandidate>> g : grouped.entrySet()) {
                sb.append(groupHeader(g.getKey(), markdown)).append('\n');
                for (RankedCandidate c : g.getValue()) {
                    sb.append(itemLine("[" + (++i) + "]", c, markdown)).append('\n');
                }
            }
            if (!tensions.isEmpty()) {
                sb.append(sectionHeader("Tensions", markdown)).append('\n');
                tensions.values().forEach(t -> sb.append(tensionLine(t, markdown)).append('\n'));
            }
            sb.append(sectionHeader("Sources", markdown)).append('\n');
            for (ContextItem item : items) {
                sb.append(sourceLine("[" + item.citation() + "]", item.record())).append('\n');
            }
            text = sb.toString();
        }
        return new AssembledContext(text, req.format(), List.copyOf(items), List.copyOf(tensions.values()),
                counter.count(text), candidates, (System.nanoTime() - startNanos) / 1000);
    }

    // ------------------------------------------------------------------ lines

    private static String header(String query, boolean markdown) {
        return (markdown ? "# Context for: " : "Context for: ") + oneLine(query);
    }

    private static String sectionHeader(String name, boolean markdown) {
        return markdown ? "## " + name : name.toUpperCase(Locale.ROOT) + ":";
    }

    private static String groupHeader(String label, boolean markdown) {
        return markdown ? "### " + label : label + ":";
    }

    private static String messageLine(String message, boolean markdown) {
        return (markdown ? "- " : "  ") + oneLine(message);
    }

    private static String itemLine(String cite, RankedCandidate c, boolean markdown) {
        KnowledgeRecord r = c.record();
        StringBuilder sb = new StringBuilder(markdown ? "- " : "  ").append(cite).append(' ').append(oneLine(r.content()));
        sb.append(markdown ? " _(" : " (").append("confidence ");
        appendTwoDecimals(sb, r.overallConfidence());
        if (!c.replaces().isEmpty()) {
            sb.append("; replaces ").append(String.join(", ", c.replaces()));
        }
        if (!c.tensions().isEmpty()) {
            sb.append("; disputed");
        }
        return sb.append(markdown ? ")_" : ")").toString();
    }

    private static String tensionLine(Tension t, boolean markdown) {
        return (markdown ? "- " : "  ") + t.recordA() + " vs " + t.recordB() + ": " + t.type().wireName() + ", "
                + t.severity().name().toLowerCase(Locale.ROOT) + (t.reason() == null ? "" : " (" + oneLine(t.reason()) + ")");
    }

    private static String sourceLine(String cite, KnowledgeRecord r) {
        StringBuilder sb = new StringBuilder(cite).append(' ');
        if (r.sources().isEmpty()) {
            sb.append(r.documentId() != null ? "document " + r.documentId() : "record");
        } else {
            Source s = r.sources().getFirst();
            sb.append(s.title() != null ? oneLine(s.title()) : s.type().wireName());
            if (s.reference() != null) {
                sb.append(" <").append(oneLine(s.reference())).append('>');
            }
        }
        return sb.append(" (id ").append(r.id()).append(')').toString();
    }

    private static String json(String query, List<String> messages, List<ContextItem> items,
            java.util.Collection<Tension> tensions, Map<String, Integer> citationOf) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("query", query);
        if (!messages.isEmpty()) {
            root.put("messages", messages);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ContextItem it : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("citation", it.citation());
            m.put("id", it.record().id());
            m.put("content", it.record().content());
            m.put("confidence", round(it.record().overallConfidence()));
            m.put("score", round(it.score().total()));
            m.put("source", groupLabel(it.record()));
            if (!it.replaces().isEmpty()) {
                m.put("replaces", it.replaces());
            }
            if (!it.tensions().isEmpty()) {
                m.put("tensions", it.tensions().stream().map(Tension::id).toList());
            }
            out.add(m);
        }
        root.put("items", out);
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Tension t : tensions) {
            ts.add(Map.of("id", t.id(), "a", t.recordA(), "b", t.recordB(), "type", t.type().wireName(),
                    "severity", t.severity().name().toLowerCase(Locale.ROOT)));
        }
        root.put("tensions", ts);
        return JSON.writeValueAsString(root);
    }

    /** {@code %.2f} without a Formatter (which parses its pattern on every call). */
    static void appendTwoDecimals(StringBuilder sb, double v) {
        long hundredths = Math.round(v * 100);
        sb.append(hundredths / 100).append('.');
        long frac = hundredths % 100;
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** The per-source cap's key: the first source's identity, else the document; null when unsourced. */
    static String sourceKey(KnowledgeRecord r) {
        if (!r.sources().isEmpty()) {
            return r.sources().getFirst().key();
        }
        return r.documentId() != null ? "document:" + r.documentId() : null;
    }

    static String groupLabel(KnowledgeRecord r) {
        if (!r.sources().isEmpty()) {
            Source s = r.sources().getFirst();
            return oneLine(s.title() != null ? s.title() : s.reference() != null ? s.reference() : s.type().wireName());
        }
        return r.documentId() != null ? "document " + oneLine(r.documentId()) : "Unsourced";
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
