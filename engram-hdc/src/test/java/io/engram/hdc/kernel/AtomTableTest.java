package io.engram.hdc.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AtomTableTest {

    @Test
    void findsWhatWasStoredAcrossGrowth() {
        VectorManager atoms = new VectorManager(128);
        AtomTable table = new AtomTable();
        assertThat(table.find(7)).isNull();
        long[] keys = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE};
        for (long k : keys) {
            table.put(k, atoms.get("k" + k));
        }
        for (int k = 2; k < 3000; k++) {
            table.put(k * 65_536L, atoms.get("n" + k));
        }
        assertThat(table.size()).isEqualTo(keys.length + 2998);
        for (long k : keys) {
            assertThat(table.find(k)).isEqualTo(atoms.get("k" + k));
        }
        for (int k = 2; k < 3000; k++) {
            assertThat(table.find(k * 65_536L)).isEqualTo(atoms.get("n" + k));
        }
        assertThat(table.find(12345)).isNull();
    }

    @Test
    void theFirstVectorStoredForAKeyStays() {
        VectorManager atoms = new VectorManager(64);
        AtomTable table = new AtomTable();
        table.put(1, atoms.get("first"));
        table.put(1, atoms.get("second"));
        assertThat(table.find(1)).isEqualTo(atoms.get("first"));
        assertThat(table.size()).isEqualTo(1);
        assertThatThrownBy(() -> table.put(2, null)).isInstanceOf(NullPointerException.class);
    }
}
