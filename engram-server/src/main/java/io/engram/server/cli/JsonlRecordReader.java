package io.engram.server.cli;

import io.engram.core.InvalidArgumentException;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.record.NewRecord;
import io.engram.server.http.ApiException;
import io.engram.server.http.ErrorMapper;
import io.engram.server.http.Json;
import io.engram.server.http.JsonFields;
import io.engram.server.http.RecordCodec;
import java.io.BufferedReader;
import java.io.IOException;
import tools.jackson.core.JacksonException;

/**
 * JSON Lines / NDJSON: one record object per line, in the HTTP API's record JSON ({@code content},
 * {@code vector}, {@code id}, {@code metadata}, knowledge fields); blank lines are skipped.
 */
final class JsonlRecordReader implements RecordReader {
    private final BufferedReader in;
    private int line;

    JsonlRecordReader(BufferedReader in) {
        this.in = in;
    }

    @Override
    public NewRecord next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
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

    @Override
    public String where() {
        return "line " + line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
