package io.engram.server.cli;

import io.engram.embed.HashingEmbedder;
import io.engram.engine.Engram;
import io.engram.engine.EngramOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One run of {@link EngramCommand} with its exit code and what it printed. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EngramCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The store the commands write, opened the way they open it under {@code -Dengram.embedder=hashing}. */
    static Engram openStore(Path dir) {
        return Engram.open(dir, EngramOptions.defaults().withEmbedder(HashingEmbedder::new).withSyncWrites(false));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
