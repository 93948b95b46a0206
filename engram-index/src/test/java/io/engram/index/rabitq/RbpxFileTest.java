package io.engram.index.rabitq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.random.ClusteredVectors;
import io.engram.index.SearchResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .rbpx} v1 bytes of the reference, v2's additions, and hostile headers. */
class RbpxFileTest {

    private static final int N = 500;
    private static final int D = 32;
    private static final int QUERIES = 10;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- fixtures

    /** The reference's small index: the golden data with ids 10i + 3, seed 42, rf 2. */
    static RabitqPlusIndex smallIndex() {
        float[][] x = RabitqGoldenTest.smallData();
        long[] ids = new long[x.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 10L * i + 3;
        }
        return RabitqPlusIndex.build(8, 42, 2, RotationKind.HAAR_DENSE, ids, x);
    }

    /** N clustered points with non-dense ids 13i + 7, and QUERIES more points from the same stream. */
    static float[][] clustered() {
        return ClusteredVectors.generate(N + QUERIES, D, 10, 7);
    }

    static RabitqPlusIndex clusteredIndex(RotationKind rotation) {
        float[][] all = clustered();
        long[] ids = new long[N];
        for (int i = 0; i < N; i++) {
            ids[i] = 13L * i + 7;
        }
        return RabitqPlusIndex.build(D, 99, 3, rotation, ids, Arrays.copyOf(all, N));
    }

    static byte[] v1(RabitqPlusIndex index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RbpxFile.writeV1(index, out);
        return out.toByteArray();
    }

    static byte[] v2(RabitqPlusIndex index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RbpxFile.write(index, out);
        return out.toByteArray();
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Recomputes a v2 trailer after a test edits the bytes, so only the edit is wrong. */
    static byte[] withCrc(byte[] v2) {
        CRC32C crc = new CRC32C();
        crc.update(v2, 0, v2.length - 4);
        le(v2).putInt(v2.length - 4, (int) crc.getValue());
        return v2;
    }

    /** Every way to load bytes: from an array, from a file, from a stream. */
    List<Function<byte[], RabitqPlusIndex>> sources() {
        return List.of(
                RbpxFile::read,
                bytes -> {
                    try {
                        Path file = Files.write(dir.resolve("in-" + System.nanoTime() + ".rbpx"), bytes);
                        return RbpxFile.read(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                bytes -> {
                    try {
                        return RbpxFile.read(new ByteArrayInputStream(bytes));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    void assertRejected(byte[] bytes, String... substrings) {
        for (Function<byte[], RabitqPlusIndex> source : sources()) {
            assertThatThrownBy(() -> source.apply(bytes))
                    .isInstanceOf(CorruptFileException.class)
                    .hasMessageContainingAll(substrings);
        }
    }

    static void assertSameSearches(RabitqPlusIndex expected, RabitqPlusIndex actual) {
        float[][] all = clustered();
        for (int q = N; q < N + QUERIES; q++) {
            SearchResult a = expected.search(all[q], 10);
            SearchResult b = actual.search(all[q], 10);
            assertThat(b.ids()).isEqualTo(a.ids());
            assertThat(bits(b.distances())).isEqualTo(bits(a.distances()));
        }
    }

    static int[] bits(float[] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToIntBits(scores[i]);
        }
        return out;
    }

    static void assertSameIndex(RabitqPlusIndex expected, RabitqPlusIndex actual) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.dim()).isEqualTo(expected.dim());
        assertThat(actual.seed()).isEqualTo(expected.seed());
        assertThat(actual.rerankFactor()).isEqualTo(expected.rerankFactor());
        assertThat(actual.rotationKind()).isEqualTo(expected.rotationKind());
        assertThat(actual.ids()).isEqualTo(expected.ids());
        assertThat(actual.codes().packedCodes()).isEqualTo(expected.codes().packedCodes());
    }

    /** A v1 header with the given fields and no records. */
    static byte[] v1Header(long version, long dim, long rf, long n) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RbpxFile.MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt((int) version).putInt((int) dim).putLong(42).putInt((int) rf).putInt((int) n);
        return b.array();
    }

    // ---------------------------------------------------------------- v1, the reference's bytes

    @Test
    void smallIndexV1MatchesTheReferenceBytes() throws IOException {
        byte[] bytes = v1(smallIndex());

        assertThat(bytes).hasSize(608);
        assertThat(HexFormat.of().formatHex(bytes, 0, 32))
                .isEqualTo("7262707830303031" + "01000000" + "08000000" + "2a00000000000000" + "02000000" + "10000000");
        ByteBuffer record0 = le(bytes).position(32);
        assertThat(record0.getInt()).isEqualTo(3);
        float[] x0 = new float[8];
        record0.asFloatBuffer().get(x0);
        assertThat(bits(x0)).isEqualTo(bits(new float[] {-5, -2, 1, 4, -4, -1, 2, 5}));
    }

    @Test
    void v1RoundTripsOnEverySourceAsHaar() throws IOException {
        RabitqPlusIndex index = clusteredIndex(RotationKind.HAAR_DENSE);
        byte[] bytes = v1(index);

        assertThat(bytes).hasSize(32 + N * (4 + 4 * D));
        for (Function<byte[], RabitqPlusIndex> source : sources()) {
            RabitqPlusIndex loaded = source.apply(bytes);
            assertSameIndex(index, loaded);
            assertThat(loaded.ids()[N - 1]).isEqualTo(13L * (N - 1) + 7);
            assertSameSearches(index, loaded);
        }
    }

    @Test
    void v2RoundTripsOnEverySource() throws IOException {
        RabitqPlusIndex index = clusteredIndex(RotationKind.HAAR_DENSE);
        byte[] bytes = v2(index);

        assertThat(bytes).hasSize(40 + N * (4 + 4 * D) + 4);
        assertThat(Arrays.copyOf(bytes, 32)).isEqualTo(
                Arrays.copyOf(withVersion(v1(index), 2), 32));
        for (Function<byte[], RabitqPlusIndex> source : sources()) {
            RabitqPlusIndex loaded = source.apply(bytes);
            assertSameIndex(index, loaded);
            assertSameSearches(index, loaded);
        }
    }

    @Test
    void pathWritesReplaceAtomicallyAndLeaveNoTempFiles() throws IOException {
        RabitqPlusIndex index = clusteredIndex(RotationKind.HAAR_DENSE);
        Path v1 = dir.resolve("a.rbpx");
        Path v2 = dir.resolve("b.rbpx");
        Files.write(v2, new byte[] {1, 2, 3});

        RbpxFile.writeV1(index, v1);
        RbpxFile.write(index, v2);

        assertThat(Files.readAllBytes(v1)).isEqualTo(v1(index));
        assertThat(Files.readAllBytes(v2)).isEqualTo(v2(index));
        assertSameSearches(index, RbpxFile.read(v2));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.rbpx", "b.rbpx");
        }
    }

    @Test
    void anEmptyIndexRoundTrips() throws IOException {
        RabitqPlusIndex empty = new RabitqPlusIndex(8, 5, 4);
        assertThat(v1(empty)).hasSize(32);
        assertThat(v2(empty)).hasSize(44);
        assertSameIndex(empty, RbpxFile.read(v2(empty)));
    }

    @Test
    void rerankFactorZeroLoadsAsOneAndVersionZeroAsV1() throws IOException {
        byte[] bytes = v1(smallIndex());
        le(bytes).putInt(24, 0);
        assertThat(RbpxFile.read(bytes).rerankFactor()).isEqualTo(1);

        byte[] version0 = withVersion(v1(smallIndex()), 0);
        RabitqPlusIndex loaded = RbpxFile.read(version0);
        assertSameIndex(smallIndex(), loaded);
        assertThat(loaded.rotationKind()).isEqualTo(RotationKind.HAAR_DENSE);
    }

    static byte[] withVersion(byte[] bytes, int version) {
        le(bytes).putInt(8, version);
        return bytes;
    }

    // ---------------------------------------------------------------- v2 additions

    @Test
    void aHadamardIndexRoundTripsAsHadamard() throws IOException {
        RabitqPlusIndex index = clusteredIndex(RotationKind.HADAMARD_SIGNED);
        byte[] bytes = v2(index);

        assertThat(bytes[32]).isEqualTo((byte) 1);
        for (Function<byte[], RabitqPlusIndex> source : sources()) {
            RabitqPlusIndex loaded = source.apply(bytes);
            assertThat(loaded.rotationKind()).isEqualTo(RotationKind.HADAMARD_SIGNED);
            assertSameIndex(index, loaded);
            assertSameSearches(index, loaded);
        }
    }

    @Test
    void theV1WriterRefusesAHadamardIndex() {
        RabitqPlusIndex index = clusteredIndex(RotationKind.HADAMARD_SIGNED);
        Path target = dir.resolve("h.rbpx");

        assertThatThrownBy(() -> v1(index))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("HADAMARD_SIGNED");
        assertThatThrownBy(() -> RbpxFile.writeV1(index, target))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("HADAMARD_SIGNED");
        assertThat(target).doesNotExist();
    }

    @Test
    void theWriterRefusesARerankFactorNoReaderAccepts() {
        RabitqPlusIndex index = smallIndex();
        index.setRerankFactor(RbpxFile.MAX_RERANK_FACTOR + 1);
        assertThatThrownBy(() -> v2(index)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1025");
    }

    @Test
    void aFlippedRecordByteFailsTheChecksum() throws IOException {
        byte[] bytes = v2(smallIndex());
        bytes[40 + 36 * 3 + 5] ^= 0x10;
        assertRejected(bytes, "checksum");
    }

    @Test
    void u64IdsAreReadAndIdsBeyondU32AreRejected() throws IOException {
        RabitqPlusIndex index = smallIndex();
        byte[] narrow = v2(index);
        int n = index.size();
        ByteBuffer wide = ByteBuffer.allocate(40 + n * (8 + 32) + 4).order(ByteOrder.LITTLE_ENDIAN);
        wide.put(narrow, 0, 40).put(33, (byte) 8);
        for (int i = 0; i < n; i++) {
            ByteBuffer record = le(narrow).position(40 + i * 36);
            wide.putLong(Integer.toUnsignedLong(record.getInt()));
            wide.put(narrow, 40 + i * 36 + 4, 32);
        }
        byte[] bytes = withCrc(wide.array());

        RabitqPlusIndex loaded = RbpxFile.read(bytes);
        assertSameIndex(index, loaded);

        le(bytes).putLong(40 + 40 * 2, 1L << 32);
        assertRejected(withCrc(bytes), "record 2", "4294967296", "u32");
    }

    @Test
    void unknownRotationKindIsRejected() throws IOException {
        byte[] bytes = v2(smallIndex());
        bytes[32] = 7;
        assertRejected(withCrc(bytes), "rotation kind 7");
    }

    @Test
    void idWidthOtherThanFourOrEightIsRejected() throws IOException {
        byte[] bytes = v2(smallIndex());
        bytes[33] = 5;
        assertRejected(withCrc(bytes), "id width 5");
    }

    @Test
    void nonZeroReservedByteIsRejected() throws IOException {
        byte[] bytes = v2(smallIndex());
        bytes[37] = 1;
        assertRejected(withCrc(bytes), "reserved", "37");
    }

    @Test
    void aFortyByteFileClaimingMaxNIsRejectedWithoutAllocatingForIt() throws IOException {
        byte[] header = Arrays.copyOf(v2(new RabitqPlusIndex(8, 1, 1)), 40);
        le(header).putInt(28, RbpxFile.MAX_N);

        // Array and file: the size check names both sizes. Stream: the first missing record.
        // A pre-allocation of 100 M × 8 floats would be an OutOfMemoryError, not this exception.
        assertRejected(header, "read: ");
        assertThatThrownBy(() -> RbpxFile.read(header))
                .hasMessageContainingAll(Long.toString(40L + 100_000_000L * 36 + 4), "40");
    }

    // ---------------------------------------------------------------- hostile headers

    @Test
    void badMagicIsRejected() throws IOException {
        byte[] bytes = v1(smallIndex());
        bytes[0] = 'x';
        assertRejected(bytes, "bad magic", "rbpx0001");
    }

    @Test
    void versionThreeIsRejected() {
        assertRejected(v1Header(3, 8, 1, 0), "unsupported version", "3");
        assertRejected(v1Header(0xFFFF_FFFFL, 8, 1, 0), "unsupported version", "4294967295");
    }

    @Test
    void dimensionsOutsideOneToMaxDimAreRejected() {
        assertRejected(v1Header(1, 8193, 1, 0), "dim 8193", "8192");
        assertRejected(v1Header(1, 0, 1, 0), "dim 0", "8192");
    }

    @Test
    void rerankFactorAboveTheCapIsRejected() {
        assertRejected(v1Header(1, 8, 1025, 0), "1025", "1024");
    }

    @Test
    void nAboveTheCapIsRejected() {
        assertRejected(v1Header(1, 8, 1, RbpxFile.MAX_N + 1L), "100000001", "100000000");
        assertRejected(v1Header(1, 8, 1, 0xFFFF_FFFFL), "4294967295", "100000000");
    }

    @Test
    void truncationIsAReadError() throws IOException {
        byte[] v1 = v1(smallIndex());
        byte[] v2 = v2(smallIndex());
        assertRejected(Arrays.copyOf(v1, v1.length - 1), "read: ");
        assertRejected(Arrays.copyOf(v2, v2.length - 1), "read: ");
        assertRejected(Arrays.copyOf(v2, 36), "read: ");
        assertRejected(Arrays.copyOf(v1, 20), "read: ");
        assertRejected(new byte[0], "read: ");
    }
}
