package io.engram.server.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of an import on stderr: a progress bar when stderr is a terminal, otherwise (a log file,
 * a pipe, a test) a line {@code imported N records (X/s)} at most every few seconds.
 */
final class ImportProgress implements AutoCloseable {
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final ProgressBar bar;
    private final long started = System.nanoTime();
    private long lastLine = started;
    private long count;

    private ImportProgress(PrintWriter err, ProgressBar bar) {
        this.err = err;
        this.bar = bar;
    }

    /** {@code total} records expected, or -1 when unknown. */
    static ImportProgress start(PrintWriter err, String task, long total) {
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return new ImportProgress(err, null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" records", 1)
                .showSpeed().setUpdateIntervalMillis(250).build();
        return new ImportProgress(err, bar);
    }

    void add(long records) {
        count += records;
        if (bar != null) {
            bar.stepBy(records);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= LINE_INTERVAL_NANOS) {
            lastLine = now;
            err.printf("engram: imported %,d records (%,.0f/s)%n", count, rate());
            err.flush();
        }
    }

    long count() {
        return count;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    double rate() {
        double s = seconds();
        return s > 0 ? count / s : 0;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
