package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    /** An IDX file: magic 0x0000 type ndim, sizes, then the payload bytes as given. */
    static byte[] idx(int type, int[] sizes, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt((type << 8) | sizes.length);
        for (int s : sizes) {
            out.writeInt(s);
        }
        out.write(payload);
        out.flush();
        return bytes.toByteArray();
    }

    Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    static byte[] sequence(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    @Test
    void readsGzipImagesAsUnsignedFloats() throws IOException {
        byte[] payload = sequence(3 * 2 * 2);
        Path file = write("images.gz", idx(0x08, new int[] {3, 2, 2}, payload), true);
        float[][] rows = IdxFile.read(file);
        assertThat(rows).hasNumberOfRows(3);
        for (int r = 0; r < 3; r++) {
            assertThat(rows[r]).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(rows[r][i]).isEqualTo(payload[r * 4 + i] & 0xFF);
            }
        }
        assertThat(rows[1][0]).isEqualTo(148f); // byte 0x94: unsigned, not -108
    }

    @Test
    void readsPlainFilesAndOneDimensionalLabels() throws IOException {
        Path file = write("labels", idx(0x08, new int[] {5}, sequence(5)), false);
        float[][] rows = IdxFile.read(file);
        assertThat(rows).hasNumberOfRows(5);
        assertThat(rows[4]).containsExactly((4 * 37) & 0xFF);
    }

    @Test
    void rejectsBadMagicTypeAndDimensionCount() throws IOException {
        Path magic = write("magic.gz", idx(0x08, new int[] {1, 2}, sequence(2)), true);
        byte[] broken = idx(0x08, new int[] {1, 2}, sequence(2));
        broken[0] = 1;
        Path badMagic = write("bad-magic.gz", broken, true);
        assertThat(IdxFile.read(magic)).hasNumberOfRows(1);
        assertThatThrownBy(() -> IdxFile.read(badMagic)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("bad IDX magic");
        Path floats = write("floats.gz", idx(0x0D, new int[] {1, 2}, new byte[8]), true);
        assertThatThrownBy(() -> IdxFile.read(floats)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("element type 0x0d").hasMessageContaining("unsigned byte");
        Path noDims = write("nodims", idx(0x08, new int[] {}, new byte[0]), false);
        assertThatThrownBy(() -> IdxFile.read(noDims)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("dimension count 0");
    }

    @Test
    void rejectsSizesTheFileCannotHoldBeforeAllocating() throws IOException {
        // 2^31-ish vectors of 784 bytes from a file of a few dozen bytes: refused from the header alone.
        Path huge = write("huge.gz", idx(0x08, new int[] {0x7FFF_0000, 28, 28}, sequence(16)), true);
        assertThatThrownBy(() -> IdxFile.read(huge)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("can hold at most");
        // Plain files must match exactly.
        Path shortPlain = write("short", idx(0x08, new int[] {3, 4}, sequence(11)), false);
        assertThatThrownBy(() -> IdxFile.read(shortPlain)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("3 vectors × 4 bytes = 12 bytes").hasMessageContaining("holds 11");
        // Within the gzip bound but short of data: fails at the end of the data.
        Path truncated = write("truncated.gz", idx(0x08, new int[] {100, 4}, sequence(40)), true);
        assertThatThrownBy(() -> IdxFile.read(truncated)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("ends after 10 of 100 vectors");
        Path trailing = write("trailing.gz", idx(0x08, new int[] {2, 4}, sequence(9)), true);
        assertThatThrownBy(() -> IdxFile.read(trailing)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("bytes follow");
        Path empty = write("empty", new byte[2], false);
        assertThatThrownBy(() -> IdxFile.read(empty)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("truncated IDX header");
    }
}
