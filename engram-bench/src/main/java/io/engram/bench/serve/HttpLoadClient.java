package io.engram.bench.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs a body and reads the answer: status line, headers
 * up to the blank line, then the body (Content-Length bytes, or chunks). Minimal on purpose — a load generator
 * sharing two cores with the server must spend as little CPU as it can (java.net.http costs
 * several times more per request).
 */
final class HttpLoadClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;
    private final byte[] buffer = new byte[1 << 16];

    HttpLoadClient(String host, int port, String path) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port));
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code body}; returns the status code after reading the whole response. */
    int post(byte[] body) throws IOException {
        out.write(head);
        out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).strip());
            } else if (h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18) && h.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
                skip(size);
                line(); // the CRLF after each chunk
            }
            line(); // the blank line after the last chunk (no trailers)
        } else if (length >= 0) {
            skip(length);
        } else {
            throw new IOException("response with neither Content-Length nor chunked encoding (status " + code + ")");
        }
        return code;
    }

    private void skip(int length) throws IOException {
        while (length > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, length));
            if (n < 0) {
                throw new IOException("connection closed inside a response body");
            }
            length -= n;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside a response head");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
