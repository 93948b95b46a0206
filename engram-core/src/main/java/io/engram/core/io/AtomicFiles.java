package io.engram.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a crash at any point leaves either the complete old content or the
 * complete new content under the target name, never a mix or a truncated file.
 *
 * <p>The sequence: write a temp file in the target's directory (same file system, so the rename
 * can be atomic), {@code fsync} it, rename it over the target, then {@code fsync} the directory so
 * the rename itself is durable. Without the first fsync a crash after the rename can expose a file
 * whose data blocks never reached the disk; without the second the rename can be lost, leaving the
 * old file after the caller was told the new one is saved.
 *
 * <p>On any failure before the rename the temp file is deleted and the target is untouched. Temp
 * files are named {@code .<name>.tmp.<pid>.<random>}; a process killed mid-write leaves one
 * behind, which {@link #isTempFile} recognises for cleanup at start-up.
 */
public final class AtomicFiles {
    /** Writes the new content; the channel is positioned at 0 and supports positional writes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    /** Atomically replaces (or creates) {@code target} with what {@code body} writes. */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path name = absolute.getFileName();
        if (dir == null || name == null) {
            throw new IOException("cannot write atomically to " + target + ": it has no parent directory");
        }
        Path temp = dir.resolve("." + name + ".tmp." + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try {
            // CREATE_NEW: a name collision fails loudly instead of two writers sharing one temp file.
            try (FileChannel channel = FileChannel.open(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(channel);
                channel.force(true);
            }
            move(temp, absolute);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException cleanup) {
                t.addSuppressed(cleanup);
            }
            throw t;
        }
        fsyncDirectory(dir);
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, channel -> LittleEndianWriter.writeFully(channel, ByteBuffer.wrap(bytes)));
    }

    /** Atomically replaces {@code target} with the bytes written to {@code content}. */
    public static void write(Path target, LittleEndianWriter content) throws IOException {
        write(target, content::writeTo);
    }

    /** True for names this class gives its temp files, so stale ones can be swept. */
    public static boolean isTempFile(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".") && name.toString().contains(".tmp.");
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (certain network and FUSE mounts) cannot rename atomically. A
            // replacing move is the best they offer; the window for a torn state is the move itself.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            // Windows cannot open a directory as a file, so there is no directory fsync to issue;
            // the rename's durability is left to the file system there.
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on a directory (EINVAL). The data is already synced
            // and renamed; only the durability of the rename is weaker there, which we can't fix.
        }
    }
}
