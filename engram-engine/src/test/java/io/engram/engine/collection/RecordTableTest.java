package io.engram.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.engine.knowledge.Confidence;
import io.engram.engine.record.KnowledgeRecord;
import io.engram.engine.record.RecordStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The all-plain count that lets default queries search without a per-node filter. */
class RecordTableTest {
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void allPlainFollowsPutsReplacementsAndRemovals() {
        RecordTable table = new RecordTable(2);
        assertThat(table.allPlain()).isTrue();
        table.put(0, record("a", null, RecordStatus.ACTIVE), new float[] {1, 0});
        assertThat(table.allPlain()).isTrue();
        table.put(1, record("b", T, RecordStatus.ACTIVE), new float[] {0, 1});
        assertThat(table.allPlain()).isFalse();
        table.put(1, record("b", null, RecordStatus.ACTIVE), null); // a new version without bounds
        assertThat(table.allPlain()).isTrue();
        table.put(2, record("c", null, RecordStatus.ARCHIVED), new float[] {1, 1});
        assertThat(table.allPlain()).isFalse();
        table.put(0, record("a", T, RecordStatus.ACTIVE), null);
        assertThat(table.allPlain()).isFalse();
        table.remove(2);
        assertThat(table.allPlain()).isFalse();
        table.remove(0);
        assertThat(table.allPlain()).isTrue();
        table.remove(0); // already gone: counts nothing twice
        assertThat(table.allPlain()).isTrue();
        table.put(1, record("b", null, RecordStatus.SUPERSEDED), null); // a record with a successor stands for another
        assertThat(table.allPlain()).isFalse();
        table.put(1, record("b", null, RecordStatus.ACTIVE), null);
        assertThat(table.allPlain()).isTrue();
    }

    private static KnowledgeRecord record(String id, Instant validUntil, RecordStatus status) {
        return new KnowledgeRecord(id, "", "0".repeat(64), null, null, -1, Confidence.defaults(), null, null,
                validUntil, T, T, T, null, null, null, null, null, null, 1, status,
                status == RecordStatus.ARCHIVED ? T : null, 0, null);
    }
}
