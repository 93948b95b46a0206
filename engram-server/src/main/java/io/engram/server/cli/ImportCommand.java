package io.engram.server.cli;

import io.engram.core.EngramException;
import io.engram.core.Metric;
import io.engram.engine.Engram;
import io.engram.engine.collection.Collection;
import io.engram.engine.collection.CollectionSpec;
import io.engram.engine.collection.EmbedderKind;
import io.engram.engine.record.NewRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engram import}: loads records from a file into a collection of the embedded store, in
 * batches of {@code --batch} records, each one atomic {@code addAll} (texts are embedded per batch).
 * A malformed record fails the import naming its line; nothing of its batch is written, the
 * batches before it stay.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load records from FILE into a collection of the store (texts embedded with MiniLM in process).",
                "jsonl/ndjson: one record object per line, as the HTTP API takes it ({\"content\": ..., \"metadata\": {...}}).",
                "csv: a header row; column content (or text) is the content, id is optional, other columns become metadata.",
                "fvecs: little-endian int32 dimension + float32 values per vector; ids 0..n-1, vectors only.",
                "FILE - reads stdin (with --format). The store must not be open in a running 'engram serve'."})
public final class ImportCommand implements Callable<Integer> {
    static final int MAX_BATCH = 10_000;

    @Mixin
    StoreOption store;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "collection to load into")
    String collection;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl, ndjson, csv or fvecs (default: from the file's extension)")
    String format;

    @Option(names = "--create", description = "create the collection when missing: a MiniLM text collection, "
            + "or for fvecs a vector collection of the file's dimension (cosine, no embedder)")
    boolean create;

    @Option(names = "--batch", paramLabel = "N", description = "records per atomic batch, 1.." + MAX_BATCH + " (default: ${DEFAULT-VALUE})")
    int batch = 1000;

    @Parameters(paramLabel = "FILE", description = "the file to import, or - for stdin")
    String file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum Format { JSONL, CSV, FVECS }

    @Override
    public Integer call() throws IOException {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch: expected 1.." + MAX_BATCH + ", got " + batch);
        }
        Format kind = format();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RecordReader reader = open(kind); Engram engram = store.open(create)) {
            Collection target = target(engram, kind, reader);
            long total = kind == Format.FVECS && !file.equals("-")
                    ? Files.size(Path.of(file)) / (Integer.BYTES + (long) Float.BYTES * target.spec().dimension()) : -1;
            long written = 0;
            ImportProgress progress = ImportProgress.start(err, "import " + target.name(), total);
            try (progress) {
                List<NewRecord> records = new ArrayList<>(Math.min(batch, 1024));
                while (true) {
                    records.clear();
                    NewRecord r;
                    while (records.size() < batch && (r = nextRecord(reader, target, written)) != null) {
                        records.add(r);
                    }
                    if (records.isEmpty()) {
                        break;
                    }
                    try {
                        written += target.addAll(records).size();
                    } catch (EngramException e) {
                        throw new CommandFailure(file + ": the batch ending at " + reader.where() + " was refused: " + e.getMessage()
                                + "; nothing of it was written (" + written + " records imported before it)");
                    }
                    progress.add(records.size());
                }
            }
            // After the progress bar has closed, so the summary is the last line on a terminal.
            out.printf(Locale.ROOT, "imported %d record%s into '%s' from %s in %.1f s (%.0f records/s)%n",
                    progress.count(), progress.count() == 1 ? "" : "s", target.name(), file, progress.seconds(), progress.rate());
            return 0;
        }
    }

    /** The next record, checked against the collection; a failure names the file and line. */
    private NewRecord nextRecord(RecordReader reader, Collection target, long written) throws IOException {
        try {
            NewRecord r = reader.next();
            if (r != null) {
                check(r, target);
            }
            return r;
        } catch (RecordFormatException e) {
            throw new CommandFailure(file + " " + e.getMessage() + "; nothing of its batch was written ("
                    + written + " records imported before it)");
        } catch (RecordCheckException e) {
            throw new CommandFailure(file + " " + reader.where() + ": " + e.getMessage() + "; nothing of its batch was written ("
                    + written + " records imported before it)");
        }
    }

    /** What the engine would refuse for the whole batch, refused here for the one record. */
    private static void check(NewRecord r, Collection c) {
        int dimension = c.spec().dimension();
        if (r.vector() != null && r.vector().length != dimension) {
            throw new RecordCheckException("expected a vector of " + dimension + " numbers for collection '" + c.name()
                    + "', got " + r.vector().length);
        }
        if (r.vector() == null && c.spec().embedder() == EmbedderKind.NONE) {
            throw new RecordCheckException("collection '" + c.name() + "' has no embedder: expected a 'vector' of "
                    + dimension + " numbers with each record, got content only");
        }
    }

    private Collection target(Engram engram, Format kind, RecordReader reader) {
        boolean exists = engram.collections().stream().anyMatch(c -> c.name().equals(collection));
        if (!exists && create) {
            CollectionSpec newSpec;
            try {
                newSpec = kind == Format.FVECS
                        ? CollectionSpec.vectors(collection, ((FvecsRecordReader) reader).dimension(), Metric.COSINE)
                        : CollectionSpec.text(collection);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--collection: " + e.getMessage());
            }
            return engram.createCollection(newSpec);
        }
        Collection c = store.collection(engram, collection, " — pass --create to create it");
        if (kind == Format.FVECS) {
            int dimension = ((FvecsRecordReader) reader).dimension();
            if (c.spec().embedder() != EmbedderKind.NONE || c.spec().dimension() != dimension) {
                throw new CommandFailure("collection '" + c.name() + "' is " + c.spec().embedder().wireName() + " with dimension "
                        + c.spec().dimension() + "; fvecs records of " + file + " need a collection with embedder none and dimension "
                        + dimension);
            }
        }
        return c;
    }

    private Format format() {
        String name = format != null ? format : extension(file);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json" -> Format.JSONL;
            case "csv" -> Format.CSV;
            case "fvecs" -> Format.FVECS;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), format != null
                    ? "--format: expected jsonl, ndjson, csv or fvecs, got '" + format + "'"
                    : "cannot tell the format of '" + file + "' from its name; pass --format jsonl|ndjson|csv|fvecs");
        };
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || name.equals("-") ? "" : name.substring(dot + 1);
    }

    private RecordReader open(Format kind) throws IOException {
        InputStream in;
        try {
            in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CommandFailure("no such file: " + file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
        }
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        try {
            return switch (kind) {
                case JSONL -> new JsonlRecordReader(new InputStreamReader(buffered, StandardCharsets.UTF_8));
                case CSV -> new CsvRecordReader(new BufferedReader(new InputStreamReader(buffered, StandardCharsets.UTF_8)));
                case FVECS -> new FvecsRecordReader(buffered);
            };
        } catch (RecordFormatException e) {
            buffered.close();
            throw new CommandFailure(file + " " + e.getMessage());
        }
    }

    /** A record the collection cannot take (wrong dimension, no vector without an embedder). */
    private static final class RecordCheckException extends RuntimeException {
        RecordCheckException(String message) {
            super(message);
        }
    }
}
