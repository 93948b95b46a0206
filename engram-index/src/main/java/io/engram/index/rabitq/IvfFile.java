package io.engram.index.rabitq;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import io.engram.core.io.MappedFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file of a {@link RabitqIvfIndex}, format {@value #MAGIC} version {@value #VERSION}: the common
 * 32-byte {@link FileHeader} (magic, version, payload length, CRC-32C), then, little-endian:
 *
 * <pre>
 * dim u32, lists u32, probes u32, trainIterations u32, trainSample u32, seed i64, epsilon0 f32,
 * bits u8, keepOriginals u8
 * centres: lists × dim f32
 * per list: rows u32, removed-row bits i32[⌈rows/32⌉], ids i64[rows], sign codes i64[rows·words], norms f32[rows],
 *           inverse corrections f32[rows], bounds f32[rows],
 *           when bits &gt; 1: extended codes i8[rows·P], factors f32[rows], bounds f32[rows],
 *           when originals are kept: vectors f32[rows·dim]
 * </pre>
 *
 * The rotation and the rotated centres are re-derived from (dim, seed); popcounts are recomputed
 * from the codes. Every count is checked against a cap and against the bytes that remain before
 * anything is allocated, so a hostile header fails with {@link CorruptFileException}.
 */
final class IvfFile {
    static final String MAGIC = "ENGRIVFQ";
    static final int VERSION = 1;
    static final int MAX_DIM = 1 << 16;
    static final int MAX_LISTS = 1 << 24;

    private IvfFile() {}

    static void write(Path path, RabitqIvfIndex index) throws IOException {
        IvfParams p = index.params();
        RabitqIvfIndex.Layout layout = index.layout();
        int dim = index.dim();
        LittleEndianWriter out = new LittleEndianWriter();
        out.writeInt(dim).writeInt(index.lists()).writeInt(p.probes()).writeInt(p.trainIterations())
                .writeInt(p.trainSample()).writeLong(p.seed()).writeFloat(p.epsilon0())
                .writeByte(p.bits()).writeByte(p.keepOriginals() ? 1 : 0);
        out.writeFloats(index.centroids(), 0, index.lists() * dim);
        for (int l = 0; l < index.lists(); l++) {
            RabitqIvfIndex.ListRows rows = index.list(l);
            int n = rows.size();
            out.writeInt(n);
            out.writeInts(rows.removed(), 0, (n + 31) >>> 5);
            out.writeLongs(rows.ids(), 0, n);
            out.writeLongs(rows.codes(), 0, n * layout.words());
            out.writeFloats(rows.norms(), 0, n);
            out.writeFloats(rows.inverseCorrections(), 0, n);
            out.writeFloats(rows.bounds(), 0, n);
            if (layout.extendedBytes() > 0) {
                out.writeBytes(rows.extended(), 0, n * layout.extendedBytes());
                out.writeFloats(rows.extendedFactors(), 0, n);
                out.writeFloats(rows.extendedBounds(), 0, n);
            }
            if (layout.vectorFloats() > 0) {
                out.writeFloats(rows.vectors(), 0, n * dim);
            }
        }
        LittleEndianWriter file = new LittleEndianWriter();
        FileHeader.write(file, MAGIC, VERSION, 0, out.asSegment());
        AtomicFiles.write(path, file);
    }

    static RabitqIvfIndex read(Path path) throws IOException {
        try (MappedFile mapped = MappedFile.open(path)) {
            FileHeader.Verified verified = FileHeader.read(mapped.segment(), MAGIC, VERSION, Long.MAX_VALUE);
            LittleEndianReader in = verified.payloadReader();
            RabitqIvfIndex index = parse(in, path);
            in.expectEnd(MAGIC + " payload");
            return index;
        }
    }

    private static RabitqIvfIndex parse(LittleEndianReader in, Path path) {
        int dim = in.readInt();
        check(dim > 0 && dim <= MAX_DIM, path, "dimension " + dim + " outside 1.." + MAX_DIM);
        int lists = in.readCount("list count", 4 * dim, MAX_LISTS);
        check(lists >= 1, path, "list count 0");
        int probes = in.readInt();
        int trainIterations = in.readInt();
        int trainSample = in.readInt();
        long seed = in.readLong();
        float epsilon0 = in.readFloat();
        int bits = in.readUnsignedByte();
        int keep = in.readUnsignedByte();
        check(keep <= 1, path, "keepOriginals flag " + keep + " is not 0 or 1");
        IvfParams params;
        try {
            params = new IvfParams(lists, probes, trainIterations, trainSample, seed, epsilon0, bits, keep == 1);
        } catch (InvalidArgumentException e) {
            throw new CorruptFileException(path + ": bad parameters: " + e.getMessage());
        }
        float[] centres = in.readFloatArray("centres", (long) lists * dim);
        RabitqIvfIndex index;
        try {
            index = new RabitqIvfIndex(dim, params, centres, lists);
        } catch (InvalidArgumentException e) {
            throw new CorruptFileException(path + ": " + e.getMessage());
        }
        RabitqIvfIndex.Layout layout = index.layout();
        int padded = index.paddedDim();
        long rowBytes = 8L + 8L * layout.words() + 12 + (layout.extendedBytes() > 0 ? padded + 8L : 0) + 4L * layout.vectorFloats();
        long cap = (Integer.MAX_VALUE - 16L) / layout.widest();
        RabitqIvfIndex.ListRows[] loaded = new RabitqIvfIndex.ListRows[lists];
        long total = 0;
        for (int l = 0; l < lists; l++) {
            int n = in.readCount("rows of list " + l, (int) Math.min(Integer.MAX_VALUE, rowBytes), cap);
            total += n;
            check(total <= Integer.MAX_VALUE - 16L, path, "more than " + (Integer.MAX_VALUE - 16) + " rows");
            int[] removed = in.readIntArray("removed bits", (n + 31L) >>> 5);
            int removedCount = 0;
            for (int w = 0; w < removed.length; w++) {
                if (w == removed.length - 1 && (n & 31) != 0) {
                    check((removed[w] >>> (n & 31)) == 0, path, "removed bits beyond the rows of list " + l);
                }
                removedCount += Integer.bitCount(removed[w]);
            }
            long[] ids = in.readLongArray("ids", n);
            long[] codes = in.readLongArray("sign codes", (long) n * layout.words());
            float[] norms = in.readFloatArray("norms", n);
            float[] inverseCorrections = in.readFloatArray("corrections", n);
            float[] bounds = in.readFloatArray("bounds", n);
            byte[] extended = new byte[0];
            float[] extendedFactors = new float[0];
            float[] extendedBounds = new float[0];
            if (layout.extendedBytes() > 0) {
                extended = in.readByteArray("extended codes", (long) n * layout.extendedBytes());
                extendedFactors = in.readFloatArray("extended factors", n);
                extendedBounds = in.readFloatArray("extended bounds", n);
            }
            float[] vectors = layout.vectorFloats() > 0 ? in.readFloatArray("vectors", (long) n * dim) : new float[0];
            int[] pops = new int[n];
            for (int r = 0; r < n; r++) {
                pops[r] = io.engram.core.kernel.Kernels.bits().popCount(codes, r * layout.words(), layout.words());
            }
            loaded[l] = new RabitqIvfIndex.ListRows(ids, codes, norms, inverseCorrections, bounds, pops, extended,
                    extendedFactors, extendedBounds, vectors, removed, n, n - removedCount);
        }
        check(index.install(loaded), path, "an id appears twice among the live rows");
        return index;
    }

    private static void check(boolean condition, Path path, String problem) {
        if (!condition) {
            throw new CorruptFileException(path + ": " + problem);
        }
    }
}
