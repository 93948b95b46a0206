package io.engram.bench.ann;

import io.engram.core.CorruptFileException;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code .fvecs} format of the ANN literature: per vector a little-endian int32 dimension, then
 * that many little-endian float32 values. Chosen for cached datasets because other tools (and
 * {@code engram import --format fvecs}) read it as is.
 */
final class FvecsFile {

    private static final int ROWS_PER_WRITE = 1024;

    private FvecsFile() {}

    /** Atomically replaces {@code file} with {@code rows} (all of one dimension). */
    static void write(Path file, float[][] rows) throws IOException {
        AtomicFiles.write(file, channel -> {
            LittleEndianWriter block = new LittleEndianWriter();
            for (int start = 0; start < rows.length; start += ROWS_PER_WRITE) {
                block.reset();
                for (int i = start; i < Math.min(rows.length, start + ROWS_PER_WRITE); i++) {
                    block.writeInt(rows[i].length).writeFloats(rows[i]);
                }
                block.writeTo(channel);
            }
        });
    }

    /**
     * The first {@code count} rows of {@code file}, which must hold exactly {@code expectedRows} rows
     * of {@code dim} floats; anything else is a {@link CorruptFileException}.
     */
    static float[][] read(Path file, int count, int expectedRows, int dim) throws IOException {
        long rowBytes = 4L + 4L * dim;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != rowBytes * expectedRows) {
                throw new CorruptFileException(file + " has " + channel.size() + " bytes, expected " + expectedRows
                        + " rows of " + dim + " floats (" + rowBytes * expectedRows + " bytes)");
            }
            float[][] rows = new float[count][dim];
            ByteBuffer block = ByteBuffer.allocate((int) (rowBytes * ROWS_PER_WRITE)).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < count; start += ROWS_PER_WRITE) {
                int n = Math.min(count - start, ROWS_PER_WRITE);
                block.clear().limit((int) (rowBytes * n));
                while (block.hasRemaining()) {
                    if (channel.read(block) < 0) {
                        throw new CorruptFileException(file + " ended early");
                    }
                }
                block.flip();
                for (int i = start; i < start + n; i++) {
                    int d = block.getInt();
                    if (d != dim) {
                        throw new CorruptFileException(file + ": row " + i + " has dimension " + d + ", expected " + dim);
                    }
                    block.asFloatBuffer().get(rows[i]);
                    block.position(block.position() + 4 * dim);
                }
            }
            return rows;
        }
    }
}
