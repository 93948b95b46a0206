package io.engram.server.cli;

import io.engram.core.InvalidArgumentException;
import io.engram.core.io.BoundedLineReader;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.record.NewRecord;
import io.engram.server.ServerOptions;
import io.engram.server.http.ApiException;
import io.engram.server.http.ErrorMapper;
import io.engram.server.http.Json;
import io.engram.server.http.JsonFields;
import io.engram.server.http.RecordCodec;
import java.io.IOException;
import java.io.Reader;
import tools.jackson.core.JacksonException;

/**
 * JSON Lines / NDJSON: one record object per line, in the HTTP API's record JSON ({@code content},
 * {@code vector}, {@code id}, {@code metadata}, knowledge fields); blank lines are skipped.
 */
final class JsonlRecordReader implements RecordReader {
    /** The longest line read, in chars: as long as the largest HTTP request body the server takes by default. */
    static final int MAX_LINE_CHARS = (int) ServerOptions.DEFAULT_MAX_BODY;

    private final BoundedLineReader in;
    private final int maxLineChars;

    JsonlRecordReader(Reader in) {
        this(in, MAX_LINE_CHARS);
    }

    JsonlRecordReader(Reader in, int maxLineChars) {
        this.in = new BoundedLineReader(in, maxLineChars);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public NewRecord next() throws IOException {
        String text;
        while ((text = readLine()) != null) {
            if (text.isBlank()) {
                continue;
            }
            try {
                return RecordCodec.read(JsonFields.of(Json.MAPPER.readTree(text), ""), CollectionSpec.MAX_DIMENSION);
            } catch (ApiException | JacksonException | InvalidArgumentException e) {
                // The line is parsed on its own, so Jackson's "line 1" says nothing; its column does.
                throw new RecordFormatException(where(), ErrorMapper.map(e).detail().replace("at line 1, column", "at column"));
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        try {
            return in.readLine();
        } catch (BoundedLineReader.LineTooLongException e) {
            throw new RecordFormatException(where(), "the line is longer than " + maxLineChars + " characters");
        }
    }

    @Override
    public String where() {
        return "line " + in.lineNumber();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
