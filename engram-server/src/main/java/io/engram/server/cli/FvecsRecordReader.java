package io.engram.server.cli;

import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.record.NewRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fvecs format of the ANN benchmarks: per vector a little-endian int32 dimension, then that many
 * little-endian float32. Record {@code i} (from 0) gets the id {@code "i"} and the vector only.
 */
final class FvecsRecordReader implements RecordReader {
    private final InputStream in;
    private final int dimension;
    private final ByteBuffer body;
    private final ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private int index = -1;
    private boolean headerRead;

    /** Reads the first vector's dimension, which every other vector must repeat. */
    FvecsRecordReader(InputStream in) throws IOException {
        this.in = in;
        if (!readFully(head.array(), true)) {
            throw new RecordFormatException("vector 0", "expected an int32 dimension, got an empty file");
        }
        dimension = head.getInt(0);
        if (dimension < 1 || dimension > CollectionSpec.MAX_DIMENSION) {
            throw new RecordFormatException("vector 0", "expected a dimension in 1.." + CollectionSpec.MAX_DIMENSION
                    + ", got " + dimension + " (is this an fvecs file?)");
        }
        headerRead = true;
        body = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    int dimension() {
        return dimension;
    }

    @Override
    public NewRecord next() throws IOException {
        index++;
        if (!headerRead) {
            if (!readFully(head.array(), true)) {
                return null;
            }
            int d = head.getInt(0);
            if (d != dimension) {
                throw new RecordFormatException(where(), "expected dimension " + dimension + " like vector 0, got " + d);
            }
        }
        headerRead = false;
        readFully(body.array(), false);
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = body.getFloat(i * Float.BYTES);
            if (!Float.isFinite(vector[i])) {
                throw new RecordFormatException(where(), "element " + i + " is " + vector[i] + ", expected a finite number");
            }
        }
        return NewRecord.vector(vector).withId(Integer.toString(index));
    }

    /** Fills {@code buffer}; false at a clean end of input when {@code endAllowed}. */
    private boolean readFully(byte[] buffer, boolean endAllowed) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n == buffer.length) {
            return true;
        }
        if (n == 0 && endAllowed) {
            return false;
        }
        throw new RecordFormatException(where(), "the file ends inside the vector (" + n + " of " + buffer.length + " bytes)");
    }

    @Override
    public String where() {
        return "vector " + Math.max(index, 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
