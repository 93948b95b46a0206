/**
 * Binary I/O for Engram's files. Three rules hold for every format built on it:
 *
 * <ul>
 *   <li><b>Caps before allocation.</b> Bytes read from a file are untrusted. Every count or length
 *       is checked against a caller-given cap and against the bytes actually present, with
 *       overflow-safe arithmetic, before any array is allocated from it
 *       ({@link io.engram.core.io.LittleEndianReader}). A ten-byte file cannot make a loader
 *       allocate gigabytes.
 *   <li><b>Checksums.</b> Each file starts with a {@link io.engram.core.io.FileHeader}: magic,
 *       version, flags, payload length and CRC32C checksums of header and payload. A loader
 *       verifies all of it before parsing the payload, and every failure is a
 *       {@link io.engram.core.CorruptFileException} naming the field, the expected value or bound,
 *       and what was found.
 *   <li><b>Atomic writes.</b> Files are replaced with {@link io.engram.core.io.AtomicFiles}
 *       (temp file, fsync, rename, directory fsync), so a crash leaves the old file or the new one,
 *       never a torn one.
 * </ul>
 *
 * <p>All multi-byte values are little-endian. Large files are read through
 * {@link io.engram.core.io.MappedFile} without copying.
 */
package io.engram.core.io;
