package io.engram.engine.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.record.NewRecord;
import io.engram.engine.record.Source;
import io.engram.engine.record.SourceType;
import io.engram.engine.testing.Engrams;
import io.engram.core.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Check 7 of the spec: token budget, whole items, dedup, per-source cap, formats, citations. */
class ContextBudgetTest {
    @TempDir
    Path dir;

    private Engram engram;
    private Collection c;

    @BeforeEach
    void open() {
        engram = Engrams.open(dir, new ManualClock(Instant.parse("2026-06-01T00:00:00Z")));
        c = engram.createCollection(CollectionSpec.text("ctx"));
    }

    @AfterEach
    void close() {
        engram.close();
    }

    private static String words(String seed, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(seed).append(i).append(' ');
        }
        return sb.toString().strip();
    }

    @Test
    void theBudgetHoldsWholeItemsAndASmallerLaterItemStillFits() {
        // A long item that scores best, then short ones; the budget cannot take the long one.
        c.add(NewRecord.text("solar panels efficiency " + words("longword", 600)).withId("long"));
        for (int i = 0; i < 5; i++) {
            c.add(NewRecord.text("solar panels efficiency note " + i + " " + words("w" + i, 8)).withId("short" + i));
        }
        AssembledContext ctx = c.context(ContextRequest.forQuery("solar panels efficiency").withMaxTokens(500));
        assertThat(ctx.tokens()).isLessThanOrEqualTo(500);
        assertThat(TokenCounter.DEFAULT.count(ctx.text())).isEqualTo(ctx.tokens());
        assertThat(ctx.items()).extracting(i -> i.record().id()).doesNotContain("long").contains("short0");
        for (ContextItem item : ctx.items()) {
            assertThat(ctx.text()).contains(item.record().content()); // never truncated
        }
        AssembledContext roomy = c.context(ContextRequest.forQuery("solar panels efficiency").withMaxTokens(8000));
        assertThat(roomy.items()).extracting(i -> i.record().id()).contains("long");
    }

    @Test
    void nearDuplicatesAreDroppedAndNoSourceGivesMoreThanThree() {
        c.add(NewRecord.text("the bridge opened to traffic in march after two years of work").withId("a"));
        c.add(NewRecord.text("the bridge opened to traffic in march after two years of work !").withId("a2"));
        for (int i = 0; i < 6; i++) {
            c.add(NewRecord.text("bridge report part " + i + " " + words("x" + i, 5)).withId("p" + i)
                    .withSource(Source.of(SourceType.DOCUMENT, "city report", "report.pdf")));
        }
        AssembledContext ctx = c.context(ContextRequest.forQuery("when did the bridge open to traffic"));
        List<String> ids = ctx.items().stream().map(i -> i.record().id()).toList();
        assertThat(ids).containsAnyOf("a", "a2");
        assertThat(ids.contains("a") && ids.contains("a2")).as("near-duplicates both kept: %s", ids).isFalse();
        assertThat(ids.stream().filter(id -> id.startsWith("p")).count()).isEqualTo(3);
    }

    @Test
    void everyFormatIsProducedAndEveryCitationResolves() {
        c.add(NewRecord.text("Rust borrow checker prevents data races").withId("r1")
                .withSource(Source.of(SourceType.DOCUMENT, "The Rust Book", "https://doc.rust-lang.org/book")));
        c.add(NewRecord.text("The borrow checker rejects two mutable borrows").withId("r2")
                .withSource(Source.of(SourceType.WEB, "blog", "https://blog.example/borrow")));
        c.add(NewRecord.text("Ownership moves values between variables").withId("r3"));

        AssembledContext md = c.context(ContextRequest.forQuery("rust borrow checker").withMessage("hi")
                .withMessage("tell me about the borrow checker"));
        assertThat(md.text()).startsWith("# Context for: rust borrow checker").contains("## Recent messages")
                .contains("## Knowledge").contains("### The Rust Book").contains("## Sources");
        Matcher cites = Pattern.compile("^- \\[(\\d+)]", Pattern.MULTILINE).matcher(md.text());
        Map<Integer, Boolean> seen = new java.util.HashMap<>();
        while (cites.find()) {
            int n = Integer.parseInt(cites.group(1));
            seen.put(n, true);
            assertThat(md.text()).containsPattern("(?m)^\\[" + n + "] .+\\(id r\\d\\)$");
        }
        assertThat(seen.keySet()).isEqualTo(md.items().stream().map(ContextItem::citation)
                .collect(Collectors.toSet()));

        AssembledContext plain = c.context(ContextRequest.forQuery("rust borrow checker").withFormat(ContextFormat.PLAIN));
        assertThat(plain.text()).contains("KNOWLEDGE:").doesNotContain("## ");

        AssembledContext json = c.context(ContextRequest.forQuery("rust borrow checker").withFormat(ContextFormat.JSON));
        JsonNode root = JsonMapper.builder().build().readTree(json.text());
        assertThat(root.get("items").size()).isEqualTo(json.items().size()).isPositive();
        assertThat(root.get("items").get(0).get("citation").asInt()).isEqualTo(1);
        assertThat(json.tokens()).isLessThanOrEqualTo(8000);
    }

    @Test
    void activeEntitiesPullGraphNeighboursIn() {
        c.add(NewRecord.text("Ada Lovelace wrote notes on the analytical engine").withId("notes")
                .withEntity(new io.engram.engine.record.EntityLink("Ada Lovelace",
                        io.engram.engine.record.EntityType.PERSON, io.engram.engine.record.EntityRole.SUBJECT)));
        c.add(NewRecord.text("Her father was the poet Byron").withId("byron")
                .withEntity(new io.engram.engine.record.EntityLink("ada lovelace",
                        io.engram.engine.record.EntityType.PERSON, io.engram.engine.record.EntityRole.SUBJECT)));
        AssembledContext ctx = c.context(ContextRequest.forQuery("analytical engine notes")
                .withActiveEntity("Ada Lovelace"));
        ContextItem byron = ctx.items().stream().filter(i -> i.record().id().equals("byron")).findFirst().orElseThrow();
        assertThat(byron.score().graph()).isEqualTo(0.9); // one hop from the active entity
        assertThat(c.neighbors("notes", 2, 10)).extracting(n -> n.kind() + ":" + n.id())
                .contains("entity:ada lovelace", "record:byron");
        assertThat(c.path("notes", "byron", 4)).extracting(n -> n.kind() + ":" + n.id() + ":" + n.hops())
                .containsExactly("record:notes:0", "entity:ada lovelace:1", "record:byron:2");
        c.add(NewRecord.text("A letter to Babbage").withId("letter")
                .withSource(Source.of(SourceType.DOCUMENT, "Letters", "letters.pdf")));
        assertThat(c.neighbors("letter", 1, 10)).extracting(n -> n.kind() + ":" + n.id() + ":" + n.label())
                .containsExactly("source:document:letters.pdf:provenance");
        assertThat(c.path("letter", "notes", 4)).isEmpty(); // nothing links them
    }

    @Test
    void communitiesGroupRecordsAroundTheirEntities() {
        for (int group = 0; group < 3; group++) {
            for (int i = 0; i < 6; i++) {
                c.add(NewRecord.text("group " + group + " note " + i).withId("g" + group + "-" + i)
                        .withEntity(new io.engram.engine.record.EntityLink("topic " + group,
                                io.engram.engine.record.EntityType.CONCEPT, io.engram.engine.record.EntityRole.SUBJECT)));
            }
        }
        var found = c.communities(10, 20, java.time.Duration.ofSeconds(5));
        assertThat(found.total()).isEqualTo(3);
        assertThat(found.communities()).allSatisfy(community -> {
            assertThat(community.size()).isEqualTo(7); // six records and their entity
            List<String> groups = community.members().stream().filter(m -> m.kind().equals("record"))
                    .map(m -> m.id().substring(0, 2)).distinct().toList();
            assertThat(groups).hasSize(1);
        });
    }
}
