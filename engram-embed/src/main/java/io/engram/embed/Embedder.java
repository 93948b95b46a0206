package io.engram.embed;

import java.util.List;

/**
 * Turns text into dense float vectors of a fixed {@link #dimension()}. Implementations are
 * thread-safe: any number of threads may embed at once. After {@link #close()} every call fails
 * with {@link EmbedderClosedException}.
 */
public interface Embedder extends AutoCloseable {

    /** Length of every vector this embedder returns. */
    int dimension();

    /** The vector of one text; null is rejected with an InvalidArgumentException. */
    float[] embed(String text);

    /**
     * The vectors of several texts, in input order. Batching makes this much faster per text than
     * calling {@link #embed} in a loop. An empty list or a null element is rejected with an
     * InvalidArgumentException.
     */
    float[][] embedAll(List<String> texts);

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
