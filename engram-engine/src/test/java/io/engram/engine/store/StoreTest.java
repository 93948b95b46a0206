package io.engram.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class StoreTest {
    @TempDir
    Path temp;

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void createsAMissingDirectoryAndKeepsWritesAcrossReopening() {
        Path dir = temp.resolve("a/b/store");
        try (Store store = Store.open(dir)) {
            assertThat(store.syncWrites()).isTrue();
            store.batch().put(Family.RECORDS, b("k"), b("record")).put(Family.META, b("k"), b("meta")).commit();
        }
        try (Store store = Store.open(dir)) {
            assertThat(store.get(Family.RECORDS, b("k"))).isEqualTo(b("record"));
            assertThat(store.get(Family.META, b("k"))).isEqualTo(b("meta"));
            assertThat(store.get(Family.RECORDS, b("missing"))).isNull();
        }
    }

    @Test
    void aBatchAppliesPutsAndDeletesTogetherAndCannotBeReused() {
        try (Store store = Store.open(temp, false)) {
            assertThat(store.syncWrites()).isFalse();
            store.batch().put(Family.RECORDS, b("x"), b("1")).put(Family.RECORDS, b("y"), b("2")).commit();
            Store.Batch batch = store.batch().delete(Family.RECORDS, b("x")).put(Family.RECORDS, b("z"), b("3"));
            assertThat(batch.size()).isEqualTo(2);
            assertThat(store.get(Family.RECORDS, b("x"))).isEqualTo(b("1")); // nothing before commit
            batch.commit();
            assertThat(store.get(Family.RECORDS, b("x"))).isNull();
            assertThat(store.get(Family.RECORDS, b("z"))).isEqualTo(b("3"));
            assertThatThrownBy(batch::commit).isInstanceOf(StoreException.class).hasMessageContaining("already committed");
        }
    }

    @Test
    void sequenceGrowsWithEveryWriteAndSurvivesReopening() {
        long last;
        try (Store store = Store.open(temp)) {
            long before = store.sequence();
            store.batch().put(Family.RECORDS, b("a"), b("1")).commit();
            long afterOne = store.sequence();
            store.batch().put(Family.RECORDS, b("b"), b("2")).put(Family.META, b("c"), b("3")).commit();
            last = store.sequence();
            assertThat(afterOne).isGreaterThan(before);
            assertThat(last).isGreaterThan(afterOne);
        }
        try (Store store = Store.open(temp)) {
            assertThat(store.sequence()).isEqualTo(last);
        }
    }

    @Test
    void cursorsIterateOneFamilyInKeyOrderFromAStartKey() {
        try (Store store = Store.open(temp)) {
            store.batch().put(Family.RECORDS, b("b"), b("2")).put(Family.RECORDS, b("a"), b("1"))
                    .put(Family.RECORDS, b("c"), b("3")).put(Family.META, b("aa"), b("meta")).commit();
            assertThat(keys(store.cursor(Family.RECORDS))).containsExactly("a", "b", "c");
            assertThat(keys(store.cursor(Family.RECORDS, b("b")))).containsExactly("b", "c");
            assertThat(keys(store.cursor(Family.META))).containsExactly("aa");
        }
    }

    private static List<String> keys(KeyValueCursor cursor) {
        List<String> keys = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                keys.add(new String(cursor.key(), UTF_8));
            }
        }
        return keys;
    }

    @Test
    void closingTheStoreClosesCursorsAndLaterCallsFailClearly() {
        Store store = Store.open(temp);
        store.batch().put(Family.RECORDS, b("a"), b("1")).commit();
        KeyValueCursor cursor = store.cursor(Family.RECORDS);
        Store.Batch pending = store.batch().put(Family.RECORDS, b("b"), b("2"));
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(cursor::next).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        cursor.close();
        assertThatThrownBy(() -> store.get(Family.RECORDS, b("a"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(pending::commit).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
        assertThatThrownBy(store::sequence).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.batch().put(Family.RECORDS, b("c"), b("3"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(() -> store.cursor(Family.RECORDS)).isInstanceOf(StoreException.class);
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFailsAsLocked() {
        try (Store store = Store.open(temp)) {
            assertThatThrownBy(() -> Store.open(temp)).isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining(store.directory().toString())
                    .hasMessageContaining("already open");
        }
        Store.open(temp).close(); // the lock went with the close
    }

    @Test
    void refusesADirectoryOfOtherFilesAndAPathThatIsAFile() throws Exception {
        Files.writeString(temp.resolve("notes.txt"), "not a database");
        assertThatThrownBy(() -> Store.open(temp)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("expected an empty directory or a store")
                .hasMessageContaining("notes.txt");
        assertThat(temp.resolve("CURRENT")).doesNotExist();
        Path file = temp.resolve("notes.txt");
        assertThatThrownBy(() -> Store.open(file)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("found a file");
    }

    @Test
    void refusesADamagedStore() throws Exception {
        Store.open(temp).close();
        Files.writeString(temp.resolve("CURRENT"), "MANIFEST-999999\n");
        assertThatThrownBy(() -> Store.open(temp)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(temp.toAbsolutePath().toString());
    }

    @Test
    void refusesADatabaseWithColumnFamiliesItDoesNotKnow() throws Exception {
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                new ColumnFamilyDescriptor(b("strangers")));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                RocksDB db = RocksDB.open(options, temp.toString(), descriptors, handles)) {
            db.put(handles.get(1), b("k"), b("v"));
            handles.forEach(ColumnFamilyHandle::close);
        }
        assertThatThrownBy(() -> Store.open(temp)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("expected column families [default, meta, records, tensions, vectors]")
                .hasMessageContaining("found [default, strangers]");
    }

    @Test
    void rejectsANullDirectory() {
        assertThatThrownBy(() -> Store.open(null)).isInstanceOf(InvalidArgumentException.class);
    }
}
