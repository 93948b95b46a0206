package io.engram.engine.store;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A RocksDB database in one directory: the log of record, one column family per concern
 * ({@link Family}).
 *
 * <p><b>Durability.</b> Every write is one {@link WriteBatch} (atomic: all of it or none of it
 * after a crash) written through the write-ahead log. With {@code syncWrites} (the default) the log
 * is fsynced before the write returns, so a write that returned survives a process kill <i>and</i>
 * a power loss or OS crash; the price is one fsync per batch (group commit shares it between
 * concurrent writers). Without it a returned write is in the OS page cache: it survives a kill of
 * the process, but the last writes may be lost if the machine goes down.
 *
 * <p><b>Sequence.</b> {@link #sequence()} is RocksDB's latest sequence number: it grows with every
 * write and survives reopening, so derived indexes can checkpoint "caught up to sequence n".
 *
 * <p><b>Threads.</b> Reads and writes may run from many threads. {@link #close} waits for running
 * calls, closes open cursors, and makes later calls fail with {@link StoreException} instead of
 * touching freed native memory.
 */
public final class Store implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final boolean syncWrites;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions familyOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final ColumnFamilyHandle defaultHandle;
    private final Map<Family, ColumnFamilyHandle> handles;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<KeyValueCursor> cursors = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private Store(Path directory, boolean syncWrites, DBOptions dbOptions, ColumnFamilyOptions familyOptions,
            WriteOptions writeOptions, RocksDB db, ColumnFamilyHandle defaultHandle,
            Map<Family, ColumnFamilyHandle> handles) {
        this.directory = directory;
        this.syncWrites = syncWrites;
        this.dbOptions = dbOptions;
        this.familyOptions = familyOptions;
        this.writeOptions = writeOptions;
        this.db = db;
        this.defaultHandle = defaultHandle;
        this.handles = handles;
    }

    /** Opens (creating if missing) the store in {@code directory} with synced writes. */
    public static Store open(Path directory) {
        return open(directory, true);
    }

    /**
     * Opens (creating if missing) the store in {@code directory}.
     *
     * @param syncWrites fsync the write-ahead log before each write returns (see the class comment)
     * @throws InvalidArgumentException the path exists and is not a directory
     * @throws CorruptFileException the directory holds files that are not a store, or a damaged one
     * @throws StoreLockedException another open store holds the directory
     */
    public static Store open(Path directory, boolean syncWrites) {
        InvalidArgumentException.check(directory != null, "directory must not be null");
        Path dir = directory.toAbsolutePath().normalize();
        prepareDirectory(dir);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            DBOptions dbOptions = track(opened, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true));
            ColumnFamilyOptions familyOptions = track(opened, new ColumnFamilyOptions());
            WriteOptions writeOptions = track(opened, new WriteOptions().setSync(syncWrites));
            checkFamilies(dir, familyOptions);

            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
            for (Family family : Family.values()) {
                descriptors.add(new ColumnFamilyDescriptor(family.nameBytes(), familyOptions));
            }
            List<ColumnFamilyHandle> handleList = new ArrayList<>();
            RocksDB db;
            try {
                db = RocksDB.open(dbOptions, dir.toString(), descriptors, handleList);
            } catch (RocksDBException e) {
                throw translateOpenFailure(dir, e);
            }
            Map<Family, ColumnFamilyHandle> handles = new EnumMap<>(Family.class);
            for (Family family : Family.values()) {
                handles.put(family, handleList.get(family.ordinal() + 1));
            }
            return new Store(dir, syncWrites, dbOptions, familyOptions, writeOptions, db, handleList.get(0), handles);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> opened, RuntimeException failure) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Refuses a path that is a file, and a non-empty directory that is not a RocksDB database:
     * RocksDB would otherwise create a database among someone else's files.
     */
    private static void prepareDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidArgumentException("expected a directory for the store, found a file: " + dir);
        }
        try {
            Files.createDirectories(dir);
            if (Files.exists(dir.resolve("CURRENT"))) {
                return;
            }
            List<String> entries;
            try (Stream<Path> list = Files.list(dir)) {
                entries = list.map(p -> p.getFileName().toString()).sorted().limit(5).toList();
            }
            if (!entries.isEmpty()) {
                throw new CorruptFileException("expected an empty directory or a store (a RocksDB database with a"
                        + " CURRENT file) in " + dir + ", found other files: " + entries);
            }
        } catch (IOException e) {
            throw new StoreException("cannot prepare the store directory " + dir + ": " + e, e);
        }
    }

    /** An existing store must hold exactly our families (or fewer: missing ones are created). */
    private static void checkFamilies(Path dir, ColumnFamilyOptions familyOptions) {
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return;
        }
        List<byte[]> existing;
        try (DBOptions listOptions = new DBOptions(); Options options = new Options(listOptions, familyOptions)) {
            existing = RocksDB.listColumnFamilies(options, dir.toString());
        } catch (RocksDBException e) {
            throw translateOpenFailure(dir, e);
        }
        Set<String> expected = new TreeSet<>();
        expected.add(Family.DEFAULT_NAME);
        for (Family family : Family.values()) {
            expected.add(family.familyName());
        }
        Set<String> found = new TreeSet<>();
        for (byte[] name : existing) {
            found.add(new String(name, StandardCharsets.UTF_8));
        }
        if (!expected.containsAll(found)) {
            throw new CorruptFileException("expected column families " + expected + " in the store " + dir
                    + ", found " + found);
        }
    }

    private static RuntimeException translateOpenFailure(Path dir, RocksDBException e) {
        Status status = e.getStatus();
        String message = String.valueOf(e.getMessage());
        if (status != null && status.getCode() == Status.Code.IOError && message.toLowerCase().contains("lock")) {
            return new StoreLockedException("the store " + dir + " is already open (its LOCK file is held by"
                    + " another process or an unclosed store in this one): " + message, e);
        }
        if (status != null && status.getCode() == Status.Code.Corruption) {
            return new CorruptFileException("the store " + dir + " is damaged: " + message, e);
        }
        // The Java status has no "path not found" sub-code; the message is all there is.
        if (Files.exists(dir.resolve("CURRENT")) && message.contains("No such file")) {
            return new CorruptFileException("the store " + dir + " is damaged, a file it lists is missing: "
                    + message, e);
        }
        return new StoreException("cannot open the store " + dir + ": " + message, e);
    }

    /** The directory of this store (absolute). */
    public Path directory() {
        return directory;
    }

    /** Whether writes fsync the write-ahead log before returning. */
    public boolean syncWrites() {
        return syncWrites;
    }

    /** RocksDB's latest sequence number: grows with every write, kept across reopening. */
    public long sequence() {
        Lock lock = readLock();
        lock.lock();
        try {
            requireOpen();
            return db.getLatestSequenceNumber();
        } finally {
            lock.unlock();
        }
    }

    /** A new, empty batch of writes; nothing is stored until {@link Batch#commit()}. */
    public Batch batch() {
        return new Batch();
    }

    /** The value under {@code key} in {@code family}, or null. */
    public byte[] get(Family family, byte[] key) {
        Lock lock = readLock();
        lock.lock();
        try {
            requireOpen();
            return db.get(handles.get(family), key);
        } catch (RocksDBException e) {
            throw failure("read " + family.familyName(), e);
        } finally {
            lock.unlock();
        }
    }

    /** A cursor over {@code family} from the first key; see {@link KeyValueCursor}. */
    public KeyValueCursor cursor(Family family) {
        return cursor(family, null);
    }

    /** A cursor over {@code family} from the first key {@code >= from} (all keys if null). */
    public KeyValueCursor cursor(Family family, byte[] from) {
        Lock lock = readLock();
        lock.lock();
        try {
            requireOpen();
            RocksIterator iterator = db.newIterator(handles.get(family));
            KeyValueCursor cursor = new KeyValueCursor(this, iterator, from);
            synchronized (cursors) {
                cursors.add(cursor);
            }
            return cursor;
        } finally {
            lock.unlock();
        }
    }

    Lock readLock() {
        return lifecycle.readLock();
    }

    void closeCursor(KeyValueCursor cursor) {
        Lock lock = readLock();
        lock.lock();
        try {
            synchronized (cursors) {
                cursors.remove(cursor);
            }
            cursor.release(); // a no-op if close() of the store already released it
        } finally {
            lock.unlock();
        }
    }

    void check(RocksIterator iterator) {
        try {
            iterator.status();
        } catch (RocksDBException e) {
            throw failure("iterate", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the store " + directory + " is closed");
        }
    }

    private RuntimeException failure(String what, RocksDBException e) {
        Status status = e.getStatus();
        if (status != null && status.getCode() == Status.Code.Corruption) {
            return new CorruptFileException("cannot " + what + " in the store " + directory + ": " + e.getMessage(), e);
        }
        return new StoreException("cannot " + what + " in the store " + directory + ": " + e.getMessage(), e);
    }

    /**
     * Closes cursors, then the column family handles, then the database, then the options (the
     * order Kafka Streams' RocksDBStore uses: nothing is freed while something still points at it).
     * Idempotent.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (cursors) {
                for (KeyValueCursor cursor : cursors) {
                    cursor.release();
                }
                cursors.clear();
            }
            for (ColumnFamilyHandle handle : handles.values()) {
                handle.close();
            }
            defaultHandle.close();
            db.close();
            writeOptions.close();
            familyOptions.close();
            dbOptions.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Writes applied together by {@link #commit()}: all or none, also across a crash. Not
     * thread-safe; one batch per writer. Close it if it is abandoned before commit.
     */
    public final class Batch implements AutoCloseable {
        private final WriteBatch batch = new WriteBatch();
        private boolean done;

        private Batch() {
        }

        /** Stages a put; the store must be open (the batch refers to its column family handles). */
        public Batch put(Family family, byte[] key, byte[] value) {
            requirePending();
            Lock lock = readLock();
            lock.lock();
            try {
                requireOpen();
                batch.put(handles.get(family), key, value);
            } catch (RocksDBException e) {
                throw failure("stage a put in " + family.familyName(), e);
            } finally {
                lock.unlock();
            }
            return this;
        }

        /** Stages a delete; the store must be open. */
        public Batch delete(Family family, byte[] key) {
            requirePending();
            Lock lock = readLock();
            lock.lock();
            try {
                requireOpen();
                batch.delete(handles.get(family), key);
            } catch (RocksDBException e) {
                throw failure("stage a delete in " + family.familyName(), e);
            } finally {
                lock.unlock();
            }
            return this;
        }

        /** Number of puts and deletes staged. */
        public int size() {
            return batch.count();
        }

        /**
         * Writes the batch and closes it; when this returns the writes are durable as the class
         * comment says.
         */
        public void commit() {
            requirePending();
            Lock lock = readLock();
            lock.lock();
            try {
                requireOpen();
                db.write(writeOptions, batch);
            } catch (RocksDBException e) {
                throw failure("write a batch of " + batch.count(), e);
            } finally {
                lock.unlock();
                close();
            }
        }

        private void requirePending() {
            if (done) {
                throw new StoreException("the batch was already committed or closed");
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                batch.close();
            }
        }
    }
}
