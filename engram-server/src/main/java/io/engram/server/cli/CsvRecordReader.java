package io.engram.server.cli;

import io.engram.core.InvalidArgumentException;
import io.engram.engine.record.NewRecord;
import io.engram.server.ServerOptions;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV (RFC 4180: commas, double quotes around fields that hold commas, quotes or line breaks, a
 * quote doubled inside them). The header row names the columns: {@code content} (or {@code text})
 * is the record's content, {@code id} is optional, every other column becomes a string metadata
 * value (empty cells are left out).
 */
final class CsvRecordReader implements RecordReader {
    private final Reader in;
    private final List<String> header;
    private final int contentColumn;
    private final int idColumn;
    private int line = 1;
    private int recordLine;
    private int pushedBack = -2;
    /** The longest row read, in chars (quoted line breaks included): as long as the server's default body limit. */
    static final int MAX_ROW_CHARS = (int) ServerOptions.DEFAULT_MAX_BODY;
    private final int maxRowChars;

    CsvRecordReader(Reader in) throws IOException {
        this(in, MAX_ROW_CHARS);
    }

    CsvRecordReader(Reader in, int maxRowChars) throws IOException {
        this.in = in;
        this.maxRowChars = maxRowChars;
        List<String> names = readRow();
        if (names == null) {
            throw new RecordFormatException("line 1", "expected a header row naming a 'content' (or 'text') column, got an empty file");
        }
        if (!names.isEmpty() && names.getFirst().startsWith("\uFEFF")) {
            names.set(0, names.getFirst().substring(1));
        }
        header = new ArrayList<>();
        int content = -1;
        int id = -1;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            String key = name.toLowerCase(Locale.ROOT);
            if (header.stream().anyMatch(name::equals)) {
                throw new RecordFormatException("line 1", "column '" + name + "' appears twice in the header");
            }
            header.add(name);
            if (content < 0 && (key.equals("content") || key.equals("text"))) {
                content = i;
            } else if (id < 0 && key.equals("id")) {
                id = i;
            }
        }
        if (content < 0) {
            throw new RecordFormatException("line 1", "expected a header with a 'content' (or 'text') column, got " + header);
        }
        contentColumn = content;
        idColumn = id;
    }

    @Override
    public NewRecord next() throws IOException {
        List<String> row;
        do {
            row = readRow();
            if (row == null) {
                return null;
            }
        } while (row.size() == 1 && row.getFirst().isEmpty());
        if (row.size() != header.size()) {
            throw new RecordFormatException(where(), "expected " + header.size() + " fields as in the header, got " + row.size());
        }
        String content = row.get(contentColumn);
        if (content.isBlank()) {
            throw new RecordFormatException(where(), "column '" + header.get(contentColumn) + "' is empty");
        }
        try {
            return record(row, content);
        } catch (InvalidArgumentException e) {
            throw new RecordFormatException(where(), e.getMessage());
        }
    }

    private NewRecord record(List<String> row, String content) {
        NewRecord record = NewRecord.text(content);
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            if (i == contentColumn || row.get(i).isEmpty()) {
                continue;
            }
            if (i == idColumn) {
                record.withId(row.get(i));
            } else {
                metadata.put(header.get(i), row.get(i));
            }
        }
        if (!metadata.isEmpty()) {
            record.withMetadata(metadata);
        }
        return record;
    }

    @Override
    public String where() {
        return "line " + recordLine;
    }

    /** The fields of the next row, or null at the end of the input; {@link #recordLine} is where it starts. */
    private List<String> readRow() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int chars = 0; // the row's characters so far, terminator excluded
        while (true) {
            if (c >= 0 && (quoted || (c != '\n' && c != '\r')) && ++chars > maxRowChars) {
                throw new RecordFormatException(where(), "the row is longer than " + maxRowChars + " characters");
            }
            if (quoted) {
                if (c < 0) {
                    throw new RecordFormatException(where(), "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        unread(next);
                    }
                }
                if (c >= 0) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (wasQuoted) {
                throw new RecordFormatException(where(), "unexpected '" + (char) c + "' after a closing quote (a quote inside a "
                        + "quoted field is written twice)");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
