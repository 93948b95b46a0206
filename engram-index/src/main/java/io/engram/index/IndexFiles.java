package io.engram.index;

import io.engram.core.CorruptFileException;
import io.engram.core.Metric;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import io.engram.core.io.MappedFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the Flat, KD-tree and LSH file formats share: the common checksummed {@link FileHeader}
 * around a payload, and one encoding of a block of rows (ids, then vectors). Loading checks every
 * count against a cap and the bytes that remain before allocating.
 */
final class IndexFiles {

    /** Largest row count a file may declare (2^28 ≈ 268 M). */
    static final long MAX_ROWS = 1L << 28;
    static final int MAX_DIMENSION = 1 << 16;

    private IndexFiles() {}

    /** Frames {@code payload} with the header and replaces {@code path} atomically. */
    static void write(Path path, String magic, int version, LittleEndianWriter payload) throws IOException {
        LittleEndianWriter file = new LittleEndianWriter();
        FileHeader.write(file, magic, version, 0, payload.asSegment());
        AtomicFiles.write(path, file);
    }

    /** A reader over the verified payload, handed to {@code parser} while the file is mapped. */
    static <T> T read(Path path, String magic, int version, Parser<T> parser) throws IOException {
        return read(path, magic, version, (VersionedParser<T>) (in, fileVersion) -> parser.parse(in));
    }

    /** As {@link #read(Path, String, int, Parser)} for formats with several versions (1..{@code version}). */
    static <T> T read(Path path, String magic, int version, VersionedParser<T> parser) throws IOException {
        try (MappedFile mapped = MappedFile.open(path)) {
            FileHeader.Verified verified = FileHeader.read(mapped.segment(), magic, version, Long.MAX_VALUE);
            LittleEndianReader in = verified.payloadReader();
            T result = parser.parse(in, verified.version());
            in.expectEnd(magic + " payload");
            return result;
        }
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(LittleEndianReader in);
    }

    @FunctionalInterface
    interface VersionedParser<T> {
        T parse(LittleEndianReader in, int version);
    }

    /** The metric code every index file starts its payload with; Hamming is not a float metric. */
    static Metric readMetric(LittleEndianReader in, Path path) {
        Metric metric = Metric.fromCode(in.readInt());
        check(metric != Metric.HAMMING, path, "metric hamming is not a float index metric");
        return metric;
    }

    static int readDimension(LittleEndianReader in, Path path) {
        int dim = in.readInt();
        check(dim > 0 && dim <= MAX_DIMENSION, path, "dimension " + dim + " outside 1.." + MAX_DIMENSION);
        return dim;
    }

    /** Rejects a row count whose vectors would not fit in one {@code float[]}. */
    static void checkSlab(long rows, int dim, Path path) {
        check(rows * dim <= Integer.MAX_VALUE - 8, path, rows + " rows of dimension " + dim + " exceed one array");
    }

    /** Writes {@code count} ids then {@code count × dim} floats. */
    static void writeRows(LittleEndianWriter out, long[] ids, float[] vectors, int count, int dim) {
        out.writeLongs(java.util.Arrays.copyOf(ids, count));
        out.writeFloats(vectors, 0, count * dim);
    }

    /**
     * Reads {@code count} ids and vectors as written by {@link #writeRows}, into arrays of at least
     * {@code capacity} rows; rejects non-finite components (a search would fail on them later).
     */
    static void readRows(LittleEndianReader in, Path path, int count, int dim, long[] ids, float[] vectors) {
        for (int row = 0; row < count; row++) {
            ids[row] = in.readLong();
        }
        in.readFloats("vectors", vectors, 0, count * dim);
        for (int i = 0; i < count * dim; i++) {
            check(Float.isFinite(vectors[i]), path, "vector " + i / dim + " component " + i % dim + " is " + vectors[i]);
        }
    }

    static void check(boolean condition, Path path, String problem) {
        if (!condition) {
            throw new CorruptFileException(path + ": " + problem);
        }
    }
}
