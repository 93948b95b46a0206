package io.engram.engine.collection;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import java.util.regex.Pattern;

/**
 * What a collection is: its name, vector dimension and metric, vector index and embedder. Fixed
 * at creation.
 *
 * @param name      1–64 characters of letters, digits, '-', '_' and '.', starting with a letter or digit
 * @param dimension vector dimension, 1..4096; must be 384 with the MiniLM embedder
 */
public record CollectionSpec(String name, int dimension, Metric metric, IndexKind index, EmbedderKind embedder) {
    public static final int MAX_DIMENSION = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CollectionSpec {
        InvalidArgumentException.check(name != null && NAME.matcher(name).matches(),
                "expected a collection name of 1-64 letters, digits, '.', '-' or '_' starting with a letter"
                        + " or digit, got %s", name == null ? "null" : "'" + name + "'");
        InvalidArgumentException.check(dimension >= 1 && dimension <= MAX_DIMENSION,
                "expected a dimension in 1..%d, got %d", MAX_DIMENSION, dimension);
        InvalidArgumentException.check(metric != null && metric != Metric.HAMMING,
                "expected metric cosine, l2 or inner_product for float vectors, got %s", metric);
        InvalidArgumentException.check(index != null, "index must not be null");
        InvalidArgumentException.check(embedder != null, "embedder must not be null");
        InvalidArgumentException.check(embedder != EmbedderKind.MINILM || dimension == 384,
                "expected dimension 384 with the minilm embedder, got %d", dimension);
    }

    /** A text collection: MiniLM embeddings (384 d), cosine, HNSW. */
    public static CollectionSpec text(String name) {
        return new CollectionSpec(name, 384, Metric.COSINE, IndexKind.HNSW, EmbedderKind.MINILM);
    }

    /** A vector collection without an embedder: records bring their own vectors. */
    public static CollectionSpec vectors(String name, int dimension, Metric metric) {
        return new CollectionSpec(name, dimension, metric, IndexKind.HNSW, EmbedderKind.NONE);
    }
}
