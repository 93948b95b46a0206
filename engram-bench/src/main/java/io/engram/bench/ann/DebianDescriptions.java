package io.engram.bench.ann;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The one-line package descriptions of the system's package index ({@code apt-cache dumpavail},
 * the {@code Description: } lines): tens of thousands of short, real English texts that any
 * Debian or Ubuntu machine has offline once {@code apt-get update} has run.
 */
final class DebianDescriptions {

    static final List<String> COMMAND = List.of("apt-cache", "dumpavail");
    private static final String PREFIX = "Description: ";

    private DebianDescriptions() {}

    /** The distinct descriptions, sorted; fails when there are fewer than {@code minimum}. */
    static List<String> read(int minimum) throws IOException {
        return read(COMMAND, minimum);
    }

    /** As {@link #read(int)}, running {@code command} in place of {@code apt-cache dumpavail}. */
    static List<String> read(List<String> command, int minimum) throws IOException {
        String shown = String.join(" ", command);
        Process process;
        try {
            // apt-cache's own complaints go to our stderr, where the user sees them.
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + shown + "' (" + e.getMessage() + "); the debian-minilm dataset"
                    + " embeds the package descriptions of a Debian/Ubuntu package index, so it needs apt-cache"
                    + " (package apt) and an index filled by 'apt-get update'", e);
        }
        List<String> descriptions;
        try (Reader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            descriptions = parse(out);
        }
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("'" + shown + "' did not finish within 5 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for '" + shown + "'", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + shown + "' failed with exit code " + process.exitValue()
                    + "; the debian-minilm dataset needs a working apt-cache and a package index ('apt-get update')");
        }
        requireAtLeast(descriptions, minimum, shown);
        return descriptions;
    }

    /** The distinct, non-blank {@code Description: } texts of a dumpavail listing, sorted. */
    static List<String> parse(Reader listing) throws IOException {
        TreeSet<String> unique = new TreeSet<>();
        BufferedReader lines = new BufferedReader(listing);
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith(PREFIX)) {
                String text = line.substring(PREFIX.length()).strip();
                if (!text.isEmpty()) {
                    unique.add(text);
                }
            }
        }
        return new ArrayList<>(unique);
    }

    static void requireAtLeast(List<String> descriptions, int minimum, String source) throws IOException {
        if (descriptions.size() < minimum) {
            throw new IOException("'" + source + "' listed " + descriptions.size() + " distinct package descriptions,"
                    + " the debian-minilm dataset needs at least " + minimum + "; the package index is empty or"
                    + " partial: run 'apt-get update' (as root) to download it");
        }
    }
}
