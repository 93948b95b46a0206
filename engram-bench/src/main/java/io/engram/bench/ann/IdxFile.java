package io.engram.bench.ann;

import io.engram.core.CorruptFileException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), plain or gzip-compressed, holding unsigned bytes: a big-endian
 * header {@code 0x00 0x00 0x08 ndim}, then {@code ndim} big-endian u32 sizes, then the values.
 * The first size counts vectors; the product of the others is the vector length. Values become
 * floats 0..255 unchanged (ann-benchmarks' fashion-mnist is unscaled too).
 *
 * <p>The header is untrusted. Before allocating, the claimed byte count must fit what the file
 * can hold: exactly the file length for a plain file, at most {@value #MAX_DEFLATE_RATIO} times the
 * compressed length for gzip (DEFLATE's ceiling). Rows are allocated as their bytes arrive, so a
 * header that lies within that bound still fails at end of data, not with a huge allocation.
 */
public final class IdxFile {

    /** DEFLATE cannot expand data by more than about 1032:1. */
    static final long MAX_DEFLATE_RATIO = 1032;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMENSIONS = 4;

    private IdxFile() {}

    /** Reads all vectors of {@code path}. */
    public static float[][] read(Path path) throws IOException {
        long fileBytes = Files.size(path);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            long maxBytes = gzip ? multiplyCapped(fileBytes, MAX_DEFLATE_RATIO) : fileBytes;
            return read(new DataInputStream(in), path.toString(), maxBytes, !gzip);
        }
    }

    private static float[][] read(DataInputStream in, String what, long maxBytes, boolean exact)
            throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new CorruptFileException(what + ": truncated IDX header (fewer than 4 bytes)");
        }
        if ((magic >>> 16) != 0) {
            throw new CorruptFileException(String.format(
                    "%s: bad IDX magic 0x%08x, expected 0x0000TTNN (two zero bytes, type, dimension count)",
                    what, magic));
        }
        int type = (magic >>> 8) & 0xFF;
        int ndim = magic & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new CorruptFileException(String.format(
                    "%s: IDX element type 0x%02x not supported, expected 0x08 (unsigned byte)", what, type));
        }
        if (ndim < 1 || ndim > MAX_DIMENSIONS) {
            throw new CorruptFileException(what + ": IDX dimension count " + ndim + " outside 1.." + MAX_DIMENSIONS);
        }
        long[] sizes = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            try {
                sizes[i] = Integer.toUnsignedLong(in.readInt());
            } catch (EOFException e) {
                throw new CorruptFileException(what + ": truncated IDX header, size " + i + " of " + ndim + " missing");
            }
        }
        long headerBytes = 4L + 4L * ndim;
        long count = sizes[0];
        long width = 1;
        for (int i = 1; i < ndim; i++) {
            width = multiplyCapped(width, sizes[i]);
        }
        long payload = multiplyCapped(count, width);
        long available = maxBytes - headerBytes;
        if (width == 0 || width > Integer.MAX_VALUE - 8 || count > Integer.MAX_VALUE - 8
                || (exact ? payload != available : payload > available)) {
            throw new CorruptFileException(String.format(
                    "%s: IDX header claims %d vectors × %d bytes = %d bytes, but the file %s %d payload bytes",
                    what, count, width, payload, exact ? "holds" : "can hold at most", Math.max(available, 0)));
        }
        // Grown as rows arrive (doubling, capped at count): memory tracks the data actually present.
        float[][] rows = new float[(int) Math.min(count, 1024)][];
        byte[] buffer = new byte[(int) width];
        for (int r = 0; r < count; r++) {
            if (r == rows.length) {
                rows = Arrays.copyOf(rows, (int) Math.min(count, 2L * rows.length));
            }
            try {
                in.readFully(buffer);
            } catch (EOFException e) {
                throw new CorruptFileException(what + ": IDX data ends after " + r + " of " + count + " vectors");
            }
            float[] row = new float[buffer.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = buffer[i] & 0xFF;
            }
            rows[r] = row;
        }
        if (in.read() != -1) {
            throw new CorruptFileException(what + ": bytes follow the " + count + " vectors the IDX header declares");
        }
        return rows;
    }

    private static long multiplyCapped(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
