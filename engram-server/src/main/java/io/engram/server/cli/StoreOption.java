package io.engram.server.cli;

import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.UnknownCollectionException;
import io.engram.engine.store.StoreLockedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR} store a command works on, and how a command opens it: with the embedder
 * {@link EmbedderSwitch} chooses, failing in one line when the directory is missing or another
 * process (typically {@code engram serve}) holds it.
 */
final class StoreOption {
    @Option(names = "--data", paramLabel = "DIR", description = "store directory (default: ${DEFAULT-VALUE}, as for serve)")
    Path data = Path.of("engram-data");

    /** Opens the store; creates the directory only when {@code create} is set. */
    Engram open(boolean create) {
        if (!Files.isDirectory(data)) {
            if (!create) {
                throw new CommandFailure("no store at " + data + " (pass --data DIR, or import with --create first)");
            }
            try {
                Files.createDirectories(data);
            } catch (IOException e) {
                throw new CommandFailure("cannot create the store directory " + data + ": " + e.getMessage());
            }
        }
        try {
            return Engram.open(data, EmbedderSwitch.options());
        } catch (StoreLockedException e) {
            throw new CommandFailure("the store " + data + " is in use (is engram serve running?)");
        }
    }

    /** The named collection, or a failure that lists the ones the store has. */
    Collection collection(Engram engram, String name, String hint) {
        try {
            return engram.collection(name);
        } catch (UnknownCollectionException e) {
            String names = engram.collections().stream().map(Collection::name).sorted().collect(Collectors.joining(", "));
            throw new CommandFailure("no collection named '" + name + "' in " + data
                    + (names.isEmpty() ? " (it has none)" : " (it has: " + names + ")") + hint);
        }
    }
}
