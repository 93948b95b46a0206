package io.engram.core;

import java.util.Locale;

/**
 * How two vectors are compared, and the single definition of which way is better.
 *
 * <p>Convention. Kernels and indexes compute a <em>raw value</em> in the metric's natural unit and
 * never convert it on the hot path:
 *
 * <table>
 *   <caption>Raw values</caption>
 *   <tr><th>Metric</th><th>raw value</th><th>better</th></tr>
 *   <tr><td>{@link #L2}</td><td>squared Euclidean distance (no square root)</td><td>smaller</td></tr>
 *   <tr><td>{@link #COSINE}</td><td>cosine similarity in [-1, 1]</td><td>larger</td></tr>
 *   <tr><td>{@link #INNER_PRODUCT}</td><td>dot product</td><td>larger</td></tr>
 *   <tr><td>{@link #HAMMING}</td><td>number of differing bits</td><td>smaller</td></tr>
 * </table>
 *
 * <p>Where raw values of different metrics must share one scale (fusion, API output, a single
 * {@link TopK#largest} heap) they are turned into a <em>score</em>, where higher is always better:
 * {@code score = raw} for similarities and {@code score = -raw} for distances. Negation is chosen
 * over {@code 1/(1+d)} because it is exact, order-preserving for every float and its own inverse,
 * so {@link #rawToScore} and {@link #scoreToRaw} round-trip bit for bit and ranking by score equals
 * ranking by raw value. Scores are not normalised to [0, 1]; a caller that wants a bounded
 * similarity for display derives it at the edge.
 *
 * <p>NaN is never a valid raw value. {@link #compare} ranks it after every number so that a stray
 * NaN cannot win a ranking; {@link TopK} rejects it outright.
 */
public enum Metric {
    /** Squared Euclidean distance; smaller is better. */
    L2(0, false),
    /** Cosine similarity; larger is better. */
    COSINE(1, true),
    /** Dot product (maximum inner product search); larger is better. */
    INNER_PRODUCT(2, true),
    /** Hamming distance over bit vectors; smaller is better. */
    HAMMING(3, false);

    private static final String ACCEPTED_NAMES =
            "l2, euclidean, cosine, ip, dot, inner_product, hamming";

    private static final Metric[] BY_CODE = {L2, COSINE, INNER_PRODUCT, HAMMING};

    private final int code;
    private final boolean higherIsBetter;

    Metric(int code, boolean higherIsBetter) {
        this.code = code;
        this.higherIsBetter = higherIsBetter;
    }

    /** True when a larger raw value is better (similarities), false for distances. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** True for the distance metrics ({@link #L2}, {@link #HAMMING}). */
    public boolean isDistance() {
        return !higherIsBetter;
    }

    /** Converts a raw value into a score where higher is better; exact and invertible. */
    public float rawToScore(float raw) {
        return higherIsBetter ? raw : -raw;
    }

    /** Inverse of {@link #rawToScore}. */
    public float scoreToRaw(float score) {
        return higherIsBetter ? score : -score;
    }

    /**
     * Orders raw values best first: negative when {@code a} ranks before {@code b}, zero when they
     * are numerically equal (so {@code -0.0} ties with {@code 0.0}), positive otherwise. NaN ranks
     * after every number.
     */
    public int compare(float a, float b) {
        boolean aNaN = a != a;
        boolean bNaN = b != b;
        if (aNaN | bNaN) {
            return aNaN == bNaN ? 0 : (aNaN ? 1 : -1);
        }
        if (a == b) {
            return 0;
        }
        return (higherIsBetter ? a > b : a < b) ? -1 : 1;
    }

    /** True when raw value {@code a} is strictly better than {@code b}. */
    public boolean isBetter(float a, float b) {
        return compare(a, b) < 0;
    }

    /** The raw value no real result can be worse than: {@code -inf} or {@code +inf}. */
    public float worstRaw() {
        return higherIsBetter ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    }

    /** A collector of the k best raw values of this metric. */
    public TopK newTopK(int k) {
        return higherIsBetter ? TopK.largest(k) : TopK.smallest(k);
    }

    /**
     * Stable code for file formats. Unlike {@link #ordinal()} it does not move when constants are
     * added or reordered, so files written today stay readable.
     */
    public int code() {
        return code;
    }

    /** Inverse of {@link #code()}; an unknown code means the file is corrupt or from the future. */
    public static Metric fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new CorruptFileException(
                    "metric code " + code + " unknown; known codes 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }

    /**
     * Parses a metric name, ignoring case, surrounding blanks, and {@code -} versus {@code _}.
     * Accepts l2, euclidean, cosine, ip, dot, inner_product, hamming.
     */
    public static Metric parse(String name) {
        InvalidArgumentException.check(name != null, "metric name is null; accepted: %s", ACCEPTED_NAMES);
        String key = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "l2", "euclidean" -> L2;
            case "cosine" -> COSINE;
            case "ip", "dot", "inner_product" -> INNER_PRODUCT;
            case "hamming" -> HAMMING;
            default -> throw new InvalidArgumentException(
                    "unknown metric '" + name + "'; accepted: " + ACCEPTED_NAMES);
        };
    }
}
