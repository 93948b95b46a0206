package io.engram.engine.crash;

import io.engram.engine.record.RecordStore;
import io.engram.engine.store.Store;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The process the kill test kills: opens the store, prints {@code ready}, then writes records
 * {@code first, first+1, ...} and prints {@code ack <n>} after each {@code put} has returned.
 * Never closes the store; it is meant to die by SIGKILL.
 */
public final class IngestingChild {
    /** Records written per run at most, and how long the child lives if nobody kills it. */
    static final int MAX_RECORDS = 1_000_000;
    static final long MAX_LIFETIME_MS = 120_000;

    private IngestingChild() {
    }

    /** The value of record {@code n}: between 1 and 400 bytes, a pure function of {@code n}. */
    static byte[] valueOf(long n) {
        SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        byte[] value = new byte[1 + random.nextInt(400)];
        random.nextBytes(value);
        return value;
    }

    static String idOf(long n) {
        return "record-" + n;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        // If the parent dies without killing us, do not linger.
        Thread watchdog = Thread.ofPlatform().daemon().unstarted(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.start();

        PrintStream out = System.out;
        Store store = Store.open(dir);
        RecordStore records = new RecordStore(store);
        out.println("ready");
        out.flush();
        for (long n = first; n < first + MAX_RECORDS; n++) {
            records.put(idOf(n), valueOf(n));
            out.println("ack " + n);
            out.flush();
        }
        store.close();
    }
}
