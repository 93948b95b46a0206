package io.engram.index.rabitq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianWriter;
import io.engram.core.random.ClusteredVectors;
import io.engram.index.SearchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IvfFileTest {

    @TempDir
    Path dir;

    static void assertSameSearches(RabitqIvfIndex a, RabitqIvfIndex b, float[][] queries) {
        for (float[] q : queries) {
            for (int probes : new int[] {1, 3, a.lists()}) {
                SearchResult x = a.search(q, 10, probes);
                SearchResult y = b.search(q, 10, probes);
                assertThat(y.ids()).isEqualTo(x.ids());
                assertThat(y.distances()).isEqualTo(x.distances());
            }
        }
    }

    @Test
    void everyVariantRoundTripsWithIdenticalResults() throws Exception {
        float[][] all = ClusteredVectors.generate(1550, 48, 12, 4);
        float[][] data = Arrays.copyOf(all, 1500);
        float[][] queries = Arrays.copyOfRange(all, 1500, 1550);
        long[] ids = new long[1500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1_000_000_007L * i; // beyond u32: IVF ids are full longs
        }
        IvfParams base = IvfParams.DEFAULTS.withLists(9);
        for (IvfParams params : new IvfParams[] {base, base.withBits(4), base.withBits(8).withKeepOriginals(false)}) {
            RabitqIvfIndex index = RabitqIvfIndex.build(48, ids, data, params);
            index.add(42, all[1549]); // rows added after the build survive too
            index.remove(ids[7]);      // and removes
            Path file = dir.resolve("index-" + params.bits() + ".ivf");
            index.save(file);
            RabitqIvfIndex again = RabitqIvfIndex.load(file);
            assertThat(again.size()).isEqualTo(index.size());
            assertThat(again.lists()).isEqualTo(9);
            assertThat(again.params()).isEqualTo(params.withLists(9));
            assertThat(again.listSizes()).isEqualTo(index.listSizes());
            assertThat(again.memoryBytes()).isEqualTo(index.memoryBytes());
            assertSameSearches(index, again, queries);
            assertThat(again.contains(ids[7])).isFalse();
            assertThat(again.contains(42)).isTrue();
            again.add(7, all[1500]); // a loaded index keeps accepting rows
            assertThat(again.search(all[1500], 1, 9).ids()).containsExactly(7);
            again.add(ids[7], data[7]); // and ids removed before the save
        }
    }

    @Test
    void damagedFilesAreRejected() throws Exception {
        float[][] data = ClusteredVectors.generate(300, 16, 4, 1);
        long[] ids = new long[300];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Path file = dir.resolve("x.ivf");
        RabitqIvfIndex.build(16, ids, data, IvfParams.DEFAULTS.withLists(4)).save(file);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        Path damaged = dir.resolve("flipped.ivf");
        Files.write(damaged, flipped);
        assertThatThrownBy(() -> RabitqIvfIndex.load(damaged)).isInstanceOf(CorruptFileException.class);

        Path truncated = dir.resolve("truncated.ivf");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 9));
        assertThatThrownBy(() -> RabitqIvfIndex.load(truncated)).isInstanceOf(CorruptFileException.class);

        Path other = dir.resolve("magic.ivf");
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        Files.write(other, magic);
        assertThatThrownBy(() -> RabitqIvfIndex.load(other)).isInstanceOf(CorruptFileException.class);
    }

    /** A well-checksummed payload whose counts lie: rejected before anything that size is allocated. */
    @Test
    void hostileCountsFailBeforeAllocating() throws Exception {
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeInt(16).writeInt(1).writeInt(1).writeInt(1).writeInt(1).writeLong(1).writeFloat(1.9f)
                .writeByte(1).writeByte(1);
        payload.writeFloats(new float[16]);
        payload.writeInt(Integer.MAX_VALUE - 100); // one list claiming two billion rows, none present
        assertThat(load(payload)).hasMessageContaining("rows of list 0");

        LittleEndianWriter lists = new LittleEndianWriter();
        lists.writeInt(16).writeInt(1 << 20); // a million lists, no centres behind them
        assertThat(load(lists)).hasMessageContaining("list count");

        LittleEndianWriter dim = new LittleEndianWriter();
        dim.writeInt(0);
        assertThat(load(dim)).hasMessageContaining("dimension 0");

        LittleEndianWriter bits = new LittleEndianWriter();
        bits.writeInt(16).writeInt(1).writeInt(1).writeInt(1).writeInt(1).writeLong(1).writeFloat(1.9f)
                .writeByte(9).writeByte(1);
        bits.writeFloats(new float[16]);
        assertThat(load(bits)).hasMessageContaining("bits");
    }

    private Throwable load(LittleEndianWriter payload) throws Exception {
        LittleEndianWriter file = new LittleEndianWriter();
        FileHeader.write(file, IvfFile.MAGIC, IvfFile.VERSION, 0, payload.asSegment());
        Path path = dir.resolve("hostile.ivf");
        AtomicFiles.write(path, file);
        try {
            RabitqIvfIndex.load(path);
        } catch (CorruptFileException e) {
            return e;
        }
        throw new AssertionError("expected a CorruptFileException");
    }
}
