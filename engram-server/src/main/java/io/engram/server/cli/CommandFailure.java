package io.engram.server.cli;

/**
 * A command that could not do its work for a reason it can say in one line; the root prints
 * {@code engram: <message>} and exits with 1.
 */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }
}
