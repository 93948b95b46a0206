package io.engram.server.cli;

/** A record of an import file that cannot be read; the message starts with where it is ({@code line 7: ...}). */
final class RecordFormatException extends RuntimeException {
    RecordFormatException(String where, String detail) {
        super(where + ": " + detail);
    }
}
