package io.engram.core.io;

import io.engram.core.InvalidArgumentException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text with a cap on their length, for line-per-record input from an untrusted source
 * (NDJSON on standard input, an import file). {@link java.io.BufferedReader#readLine} grows its
 * line without limit, so one line with no end runs the process out of memory; here a line past the
 * cap is read to its end without being kept and reported as {@link LineTooLongException}, and the
 * next call goes on with the following line.
 *
 * <p>Lines end as {@code BufferedReader}'s do: at {@code \n}, {@code \r\n} or a lone {@code \r};
 * the terminator is not part of the line. Not thread-safe.
 */
public final class BoundedLineReader implements Closeable {
    /** A line longer than the cap: already skipped, so reading can go on with the next one. */
    public static final class LineTooLongException extends InvalidArgumentException {
        private final long lineNumber;

        LineTooLongException(long lineNumber, int maxChars) {
            super("line " + lineNumber + " is longer than " + maxChars + " characters; it was skipped");
            this.lineNumber = lineNumber;
        }

        public long lineNumber() {
            return lineNumber;
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    /** The previous line ended with '\r': a '\n' right after it belongs to that terminator. */
    private boolean skipNewline;
    private long lineNumber;
    private final StringBuilder line = new StringBuilder();

    /** @param maxChars the longest line kept, in chars (at least 1) */
    public BoundedLineReader(Reader in, int maxChars) {
        InvalidArgumentException.check(maxChars >= 1, "maxChars must be at least 1, got %d", maxChars);
        this.in = java.util.Objects.requireNonNull(in, "in");
        this.maxChars = maxChars;
    }

    /**
     * The next line, or null at the end of the input.
     *
     * @throws LineTooLongException when the line exceeds the cap (the line is consumed; call again
     *     for the next one)
     */
    public String readLine() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break; // the last line, without a terminator
            }
            if (skipNewline) {
                skipNewline = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (!tooLong) {
                if (line.length() + (end - start) > maxChars) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(buffer, start, end - start);
                }
            }
            position = end;
            if (end < limit) {
                skipNewline = buffer[end] == '\r';
                position++;
                break;
            }
        }
        lineNumber++;
        if (tooLong) {
            throw new LineTooLongException(lineNumber, maxChars);
        }
        return line.toString();
    }

    /**
     * Whether a next {@link #readLine} would find a whole line without waiting: one is buffered
     * (or the source says it has input). A writer of one answer per line flushes when this turns
     * false, so an interactive stream gets each answer at once and a file is written in blocks.
     * A '\n' left from a "\r\n" split across reads does not count as a line.
     */
    public boolean ready() throws IOException {
        if (skipNewline && position < limit && buffer[position] == '\n') {
            skipNewline = false;
            position++;
        }
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return true;
            }
        }
        return in.ready();
    }

    /** Lines returned or skipped so far: the number of the last one. */
    public long lineNumber() {
        return lineNumber;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
