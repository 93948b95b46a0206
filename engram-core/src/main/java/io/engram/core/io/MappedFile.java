package io.engram.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file mapped read-only into memory as a {@link MemorySegment}, unmapped on {@link #close()}.
 *
 * <p>The mapping uses a shared {@link Arena}, so the segment can be read from any thread, and
 * closing unmaps deterministically instead of waiting for the garbage collector as
 * {@code MappedByteBuffer} does. After close, any access to the segment or to readers over it
 * throws {@link IllegalStateException} rather than touching unmapped memory; the owner must make
 * sure searches have finished before closing. The file channel is closed as soon as the mapping
 * exists, since a mapping stays valid without it.
 */
public final class MappedFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;

    private MappedFile(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
    }

    /** Maps the whole of {@code path} read-only. */
    public static MappedFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new MappedFile(path, arena, segment);
        } catch (Throwable t) {
            arena.close();
            throw t;
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return segment.byteSize();
    }

    /** The mapped bytes; valid until {@link #close()}. */
    public MemorySegment segment() {
        return segment;
    }

    /** A new reader positioned at the start of the file. */
    public LittleEndianReader reader() {
        return LittleEndianReader.of(segment);
    }

    /** Unmaps the file. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "MappedFile[" + path + ", " + segment.byteSize() + " bytes]";
    }
}
