package io.engram.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHeaderTest {
    private static final String MAGIC = "ENGRTEST";
    private static final long CAP = 1 << 20;

    private static byte[] file(int version, int flags, byte[] payload) {
        LittleEndianWriter out = new LittleEndianWriter();
        FileHeader.write(out, MAGIC, version, flags, payload);
        return out.toByteArray();
    }

    private static byte[] payload() {
        return new LittleEndianWriter().writeInt(3).writeFloats(new float[] {1f, 2f, 3f}).toByteArray();
    }

    @Test
    void roundTripReturnsVersionFlagsAndVerifiedPayload() {
        byte[] bytes = file(2, 0b101, payload());
        assertThat(bytes).hasSize(FileHeader.SIZE + 16);
        FileHeader.Verified verified = FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 3, CAP);
        assertThat(verified.version()).isEqualTo(2);
        assertThat(verified.flags()).isEqualTo(0b101);
        assertThat(verified.header().payloadLength()).isEqualTo(16);
        LittleEndianReader in = verified.payloadReader();
        assertThat(in.readFloats(in.readCount("n", 4, 10))).containsExactly(1f, 2f, 3f);
        in.expectEnd("payload");
    }

    @Test
    void layoutMatchesTheDocumentedOffsets() {
        byte[] p = payload();
        LittleEndianReader in = LittleEndianReader.of(file(7, 9, p));
        assertThat(new String(in.readBytes(8), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(MAGIC);
        assertThat(in.readInt()).isEqualTo(7);
        assertThat(in.readInt()).isEqualTo(9);
        assertThat(in.readLong()).isEqualTo(p.length);
        assertThat(in.readInt()).isEqualTo(Crc32c.of(p));
        assertThat(in.readInt()).isEqualTo(Crc32c.of(file(7, 9, p), 0, 28));
        assertThat(in.position()).isEqualTo(FileHeader.SIZE);
    }

    @Test
    void emptyPayloadIsFine() {
        FileHeader.Verified v = FileHeader.read(ByteBuffer.wrap(file(1, 0, new byte[0])), MAGIC, 1, 0);
        assertThat(v.payload().byteSize()).isZero();
    }

    @Test
    void badMagicNamesExpectedAndActual() {
        byte[] bytes = file(1, 0, payload());
        bytes[0] = 'X';
        bytes[7] = 0;
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("bad magic: expected 'ENGRTEST' (0x454e475254455354), "
                        + "found 'XNGRTES.' (0x584e475254455300)");
    }

    @Test
    void newerVersionNamesSupportedMaximum() {
        byte[] bytes = file(4, 0, payload());
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 3, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("unsupported ENGRTEST version 4; this build reads versions 1..3");
    }

    @Test
    void truncatedHeader() {
        byte[] bytes = Arrays.copyOf(file(1, 0, payload()), 20);
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("truncated: ENGRTEST file header needs 32 bytes, 20 remain");
    }

    @Test
    void truncatedPayload() {
        byte[] full = file(1, 0, payload());
        byte[] bytes = Arrays.copyOf(full, full.length - 3);
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("truncated: ENGRTEST payload needs 16 bytes, 13 remain");
    }

    @Test
    void payloadAboveCap() {
        byte[] bytes = file(1, 0, payload());
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, 15))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("ENGRTEST payload length 16 exceeds cap 15");
    }

    @Test
    void hugeDeclaredPayloadInTinyFileIsRejectedBeforeTouchingIt() {
        // A consistent header (valid header CRC) claiming 400 MB of payload, followed by 4 bytes.
        byte[] header = new FileHeader(MAGIC, 1, 0, 400_000_000L, 0).encode();
        byte[] bytes = Arrays.copyOf(header, header.length + 4);
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, Long.MAX_VALUE))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("truncated: ENGRTEST payload needs 400000000 bytes, 4 remain");
    }

    @Test
    void trailingBytesAfterPayloadAreCorruptionForWholeFileReads() {
        byte[] full = file(1, 0, payload());
        byte[] bytes = Arrays.copyOf(full, full.length + 2);
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("ENGRTEST file: 2 unexpected trailing bytes at offset 48");
        // Reading from a stream of records leaves the rest to the caller.
        LittleEndianReader in = LittleEndianReader.of(bytes);
        FileHeader.read(in, MAGIC, 1, CAP);
        assertThat(in.remaining()).isEqualTo(2);
    }

    @Test
    void flippedPayloadByteFailsPayloadChecksum() {
        byte[] bytes = file(1, 0, payload());
        bytes[FileHeader.SIZE + 5] ^= 0x10;
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageMatching("ENGRTEST payload checksum mismatch: stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}");
    }

    @Test
    void everySingleBitFlipAnywhereIsDetected() {
        SplittableRandom rnd = new SplittableRandom(0xF11Bl);
        byte[] p = new byte[200];
        rnd.nextBytes(p);
        byte[] good = file(1, 0, p);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                int at = i;
                assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bad), MAGIC, 1, CAP))
                        .as("byte %d bit %d", at, bit)
                        .isInstanceOf(CorruptFileException.class);
            }
        }
    }

    @Test
    void flippedHeaderFieldFailsHeaderChecksum() {
        byte[] bytes = file(1, 0, payload());
        bytes[12] ^= 1; // flags
        assertThatThrownBy(() -> FileHeader.read(ByteBuffer.wrap(bytes), MAGIC, 1, CAP))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageStartingWith("ENGRTEST header checksum mismatch: stored 0x");
    }

    @Test
    void magicMustBeEightPrintableAsciiCharacters() {
        assertThatThrownBy(() -> FileHeader.write(new LittleEndianWriter(), "SHORT", 1, 0, new byte[0]))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("magic must be 8 printable ASCII characters, got 'SHORT'");
        assertThatThrownBy(() -> new FileHeader("ENGR\nXYZ", 1, 0, 0, 0))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new FileHeader(MAGIC, 0, 0, 0, 0))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void streamingWriteMatchesInMemoryWrite(@TempDir Path dir) throws IOException {
        byte[] p = new byte[100_000];
        new SplittableRandom(7).nextBytes(p);
        Path path = dir.resolve("streamed.bin");
        AtomicFiles.write(path, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {9, 9})); // header need not start at 0
            FileHeader.writeStreaming(channel, MAGIC, 3, 1, out -> {
                // Several writes, as a real streaming encoder would issue.
                for (int off = 0; off < p.length; off += 4096) {
                    LittleEndianWriter.writeFully(out, ByteBuffer.wrap(p, off, Math.min(4096, p.length - off)));
                }
            });
            assertThat(channel.position()).isEqualTo(2 + FileHeader.SIZE + p.length);
        });
        byte[] onDisk = Files.readAllBytes(path);
        byte[] expected = file(3, 1, p);
        assertThat(Arrays.copyOfRange(onDisk, 2, onDisk.length)).isEqualTo(expected);
        try (FileChannel ch = FileChannel.open(path)) {
            assertThat(ch.size()).isEqualTo(2 + expected.length);
        }
    }
}
