package io.engram.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void createsAndReplacesContent() throws IOException {
        Path target = dir.resolve("index.bin");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("first");
        AtomicFiles.write(target, new LittleEndianWriter().writeBytes("second, longer".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("second, longer");
        AtomicFiles.write(target, new byte[0]);
        assertThat(Files.size(target)).isZero();
        assertThat(listing()).containsExactly(target);
    }

    @Test
    void bodyFailingMidwayLeavesOldFileAndNoTempFile() throws IOException {
        Path target = dir.resolve("index.bin");
        Files.writeString(target, "old content");
        IllegalStateException boom = new IllegalStateException("encoder failed");
        assertThatThrownBy(() -> AtomicFiles.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[1000]));
            throw boom;
        })).isSameAs(boom);
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(listing()).containsExactly(target);

        assertThatThrownBy(() -> AtomicFiles.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[10]));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(listing()).containsExactly(target);
    }

    @Test
    void failedRenameDeletesTempFile() throws IOException {
        // A non-empty directory cannot be replaced by a file, so the move itself fails.
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1, 2, 3}))
                .isInstanceOf(IOException.class);
        assertThat(listing()).containsExactly(target);
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
    }

    @Test
    void tempFilesLiveBesideTheTargetAndAreRecognisable() throws IOException {
        Path target = dir.resolve("graph.idx");
        Path[] seen = new Path[1];
        AtomicFiles.write(target, channel -> {
            try (Stream<Path> files = Files.list(dir)) {
                seen[0] = files.findFirst().orElseThrow();
            }
        });
        assertThat(seen[0].getParent()).isEqualTo(dir);
        assertThat(seen[0].getFileName().toString())
                .startsWith(".graph.idx.tmp." + ProcessHandle.current().pid() + ".");
        assertThat(AtomicFiles.isTempFile(seen[0])).isTrue();
        assertThat(AtomicFiles.isTempFile(target)).isFalse();
    }

    @Test
    void relativeTargetWorks() throws IOException {
        Path target = dir.resolve("sub").resolve("a.bin");
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, new byte[] {42});
        assertThat(Files.readAllBytes(target)).containsExactly(42);
    }
}
