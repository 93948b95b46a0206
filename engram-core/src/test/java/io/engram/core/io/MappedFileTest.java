package io.engram.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileTest {
    @TempDir
    Path dir;

    @Test
    void readsBackAWrittenFileWithoutCopying() throws IOException {
        Path path = dir.resolve("vectors.bin");
        LittleEndianWriter payload = new LittleEndianWriter().writeInt(2).writeFloats(new float[] {1.5f, -2f});
        LittleEndianWriter file = new LittleEndianWriter();
        FileHeader.write(file, "ENGRVECS", 1, 0, payload.asSegment());
        AtomicFiles.write(path, file);

        try (MappedFile mapped = MappedFile.open(path)) {
            assertThat(mapped.size()).isEqualTo(Files.size(path));
            assertThat(mapped.path()).isEqualTo(path);
            FileHeader.Verified v = FileHeader.read(mapped.segment(), "ENGRVECS", 1, 1 << 20);
            LittleEndianReader in = v.payloadReader();
            assertThat(in.readFloatArray("vectors", in.readCount("count", 4, 10))).containsExactly(1.5f, -2f);
            assertThat(mapped.reader().readLong()).isEqualTo(mapped.segment().get(LittleEndianReader.LONG, 0));
        }
    }

    @Test
    void closeUnmapsAndIsIdempotent() throws IOException {
        Path path = dir.resolve("a.bin");
        Files.write(path, new byte[] {1, 2, 3, 4});
        MappedFile mapped = MappedFile.open(path);
        LittleEndianReader in = mapped.reader();
        mapped.close();
        mapped.close();
        // Access after close fails cleanly instead of reading unmapped memory.
        assertThatThrownBy(in::readInt).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyFileMapsToEmptySegment() throws IOException {
        Path path = dir.resolve("empty.bin");
        Files.createFile(path);
        try (MappedFile mapped = MappedFile.open(path)) {
            assertThat(mapped.size()).isZero();
            assertThat(mapped.reader().hasRemaining()).isFalse();
        }
    }

    @Test
    void missingFileThrows() {
        assertThatThrownBy(() -> MappedFile.open(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }
}
