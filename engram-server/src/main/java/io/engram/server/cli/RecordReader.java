package io.engram.server.cli;

import io.engram.engine.record.NewRecord;
import java.io.Closeable;
import java.io.IOException;

/**
 * Records read one at a time from an import file. A malformed record is a
 * {@link RecordFormatException} naming where it is, thrown before the record is returned.
 */
interface RecordReader extends Closeable {
    /** The next record, or null at the end of the input. */
    NewRecord next() throws IOException;

    /** Where the record last returned (or the one that failed) is, e.g. {@code line 7}. */
    String where();
}
