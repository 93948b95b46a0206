package io.engram.bench.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs prepared requests and reads the answers: status
 * line, headers up to the blank line, then the body (Content-Length bytes, or chunks). Minimal on
 * purpose — a load generator sharing two cores with the server must spend as little CPU as it can
 * (java.net.http costs several times more per request). A request goes out in one write, so that
 * it leaves as one TCP segment and the server wakes once for it; the answer is parsed straight
 * from the connection's own buffer.
 */
final class HttpLoadClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    HttpLoadClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port));
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** The bytes of a JSON POST of {@code body} to {@code path}, to be sent with {@link #send}. */
    static byte[] request(String host, int port, String path, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream(body.length + 128);
        request.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return request.toByteArray();
    }

    /** Sends a prepared request; returns the status code after reading the whole response. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int code = status();
        long length = -1;
        boolean chunked = false;
        for (int start = lineStart(); start >= 0; start = lineStart()) {
            if (matches(start, "content-length:")) {
                length = number(start + 15, 10);
            } else if (matches(start, "transfer-encoding:") && contains(start, "chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                lineStart(); // the CRLF after each chunk
            }
            lineStart(); // the blank line after the last chunk (no trailers)
        } else if (length >= 0) {
            skip(length);
        } else {
            throw new IOException("response with neither Content-Length nor chunked encoding (status " + code + ")");
        }
        return code;
    }

    private int status() throws IOException {
        int start = lineStart();
        if (start < 0 || lineEnd - start < 12) {
            throw new IOException("malformed status line");
        }
        return (int) number(start + 9, 10);
    }

    /** End (exclusive, before CR LF) of the line {@link #lineStart} returned. */
    private int lineEnd;

    /**
     * Reads the next line into the buffer; returns its start, or -1 for the empty line that ends
     * the headers (then the line is consumed as well).
     */
    private int lineStart() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int start = position;
                    lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    position = i + 1;
                    return lineEnd == start ? -1 : start;
                }
            }
            scanned = limit - position;
            compact();
            if (limit == buffer.length) {
                throw new IOException("response line longer than " + buffer.length + " bytes");
            }
            fill();
            scanned += position;
        }
    }

    private boolean matches(int start, String lowerName) {
        if (lineEnd - start < lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase(buffer[start + i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int start, String lower) {
        return new String(buffer, start, lineEnd - start, StandardCharsets.US_ASCII).toLowerCase().contains(lower);
    }

    private long number(int from, int radix) throws IOException {
        long value = 0;
        int digits = 0;
        for (int i = from; i < lineEnd; i++) {
            int d = Character.digit(buffer[i], radix);
            if (d < 0) {
                if (buffer[i] == ' ' && digits == 0) {
                    continue;
                }
                break;
            }
            value = value * radix + d;
            digits++;
        }
        if (digits == 0) {
            throw new IOException("expected a number in a response line");
        }
        return value;
    }

    private long chunkSize() throws IOException {
        int start = lineStart();
        if (start < 0) {
            throw new IOException("expected a chunk size");
        }
        return number(start, 16);
    }

    private void skip(long length) throws IOException {
        while (length > 0) {
            if (position == limit) {
                position = 0;
                limit = 0;
                fill();
            }
            int n = (int) Math.min(length, limit - position);
            position += n;
            length -= n;
        }
    }

    private void compact() {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
    }

    private void fill() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            throw new IOException("connection closed inside a response");
        }
        limit += n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
