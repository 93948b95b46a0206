package io.engram.index;

import io.engram.core.CorruptFileException;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import io.engram.core.io.MappedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The chunk-id → slot map of a memory-mapped {@link VectorStore}, kept beside the slab file as
 * {@code <file>.chunks} and replaced atomically on every {@code flush()} and {@code close()}.
 *
 * <p>Format: a {@link FileHeader} (magic "ENGRVSCM", version 1, CRC32C over the payload), then the
 * payload: dimension (i32), entry count (u32), and per entry the chunk UUID as two i64 (most, then
 * least significant bits) and the slot (i32). Refcounts, free slots and dedup hashes are not stored:
 * they follow from the entries and the rows.
 */
final class ChunkMapFile {
    static final String MAGIC = "ENGRVSCM";
    static final int VERSION = 1;
    private static final int ENTRY_BYTES = 2 * Long.BYTES + Integer.BYTES;

    private ChunkMapFile() {}

    static Path pathFor(Path slabFile) {
        return slabFile.resolveSibling(slabFile.getFileName() + ".chunks");
    }

    static void write(Path path, int dimension, Map<UUID, Integer> chunks) throws IOException {
        LittleEndianWriter payload = new LittleEndianWriter(8 + chunks.size() * ENTRY_BYTES);
        payload.writeInt(dimension).writeInt(chunks.size());
        for (Map.Entry<UUID, Integer> e : chunks.entrySet()) {
            payload.writeLong(e.getKey().getMostSignificantBits())
                    .writeLong(e.getKey().getLeastSignificantBits())
                    .writeInt(e.getValue());
        }
        LittleEndianWriter file = new LittleEndianWriter(FileHeader.SIZE + payload.size());
        FileHeader.write(file, MAGIC, VERSION, 0, payload.asSegment());
        AtomicFiles.write(path, file);
    }

    /**
     * Reads and checks the map: every slot must lie below {@code highWater} and no chunk may appear
     * twice.
     */
    static Map<UUID, Integer> read(Path path, int dimension, int highWater) throws IOException {
        if (!Files.exists(path)) {
            throw new CorruptFileException("chunk map " + path + " is missing; the vector store cannot "
                    + "tell which chunk owns which slot");
        }
        try (MappedFile mapped = MappedFile.open(path)) {
            FileHeader.Verified verified = FileHeader.read(mapped.segment(), MAGIC, VERSION, mapped.size());
            LittleEndianReader in = verified.payloadReader();
            int storedDimension = in.readInt();
            if (storedDimension != dimension) {
                throw new CorruptFileException("chunk map " + path + " is for dimension " + storedDimension
                        + ", the vector store file has " + dimension);
            }
            int n = in.readCount("chunk map entries", ENTRY_BYTES, Integer.MAX_VALUE);
            Map<UUID, Integer> chunks = HashMap.newHashMap(n);
            for (int i = 0; i < n; i++) {
                UUID id = new UUID(in.readLong(), in.readLong());
                int slot = in.readInt();
                if (slot < 0 || slot >= highWater) {
                    throw new CorruptFileException("chunk map " + path + ": chunk " + id + " points at slot "
                            + slot + ", outside the store's 0.." + (highWater - 1));
                }
                if (chunks.put(id, slot) != null) {
                    throw new CorruptFileException("chunk map " + path + ": chunk " + id + " appears twice");
                }
            }
            in.expectEnd("chunk map " + path);
            return chunks;
        }
    }
}
