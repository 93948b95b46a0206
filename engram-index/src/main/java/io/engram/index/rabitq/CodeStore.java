package io.engram.index.rabitq;

import io.engram.core.DimensionMismatchException;
import io.engram.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The rows of a 1-bit RaBitQ index in struct-of-arrays form: u32 ids, raw norms, packed sign codes
 * and, when the variant reranks, the original vectors row-major. Rows are append-only.
 *
 * <p>Publication: a writer fills row {@code n}, which no reader looks at yet (growing means copying
 * into new arrays first), then publishes a new immutable {@link Rows} with size n + 1 through
 * a volatile field. A reader takes one {@code Rows} and reads only rows below its size, so it never
 * sees a half-written row and never takes a lock.
 */
final class CodeStore {

    /** One published view: rows {@code [0, size)} of these arrays are complete. */
    record Rows(int[] ids, float[] norms, long[] codes, float[] originals, int size) {}

    private static final int INITIAL_CAPACITY = 16;
    /** Largest dimension of the 1-bit family (a Haar matrix of 2^16 × 2^16 floats would not fit one array anyway). */
    static final int MAX_DIM = 1 << 15;

    final int dim;
    final int words;
    final long lastMask;
    final RandomRotation rotation;
    final boolean keepOriginals;
    private volatile Rows rows;

    CodeStore(int dim, long seed, RotationKind kind, boolean keepOriginals) {
        InvalidArgumentException.check(dim > 0 && dim <= MAX_DIM, "dimension must be in 1..%d, got %d", MAX_DIM, dim);
        this.dim = dim;
        this.words = SignCodes.wordsFor(dim);
        this.lastMask = SignCodes.lastWordMask(dim);
        this.rotation = RandomRotation.of(kind, dim, seed);
        this.keepOriginals = keepOriginals;
        this.rows = new Rows(new int[0], new float[0], new long[0], keepOriginals ? new float[0] : null, 0);
    }

    Rows rows() {
        return rows;
    }

    /** Checks an external id fits the u32 id column and returns its stored bits. */
    static int storableId(long id) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new InvalidArgumentException("id must be in 0.." + 0xFFFF_FFFFL + " (stored as u32), got " + id);
        }
        return (int) id;
    }

    void checkVector(float[] vector) {
        if (vector == null) {
            throw new InvalidArgumentException("vector must not be null");
        }
        DimensionMismatchException.check(dim, vector.length);
        checkFinite(vector);
    }

    /**
     * The reference stores NaN and ∞ and then ranks garbage; a stored NaN would poison every later
     * search, so it is refused at the door.
     */
    static void checkFinite(float[] vector) {
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new InvalidArgumentException("vector values must be finite, got " + vector[i] + " at index " + i);
            }
        }
    }

    /**
     * Encodes {@code vector}: its raw norm goes to {@code norms[row]}, its code to
     * {@code codes[row·words ..]}. Unit = x / norm elementwise (skipped for norm ≤ 1e-10), then the
     * rotation, then the signs.
     */
    void encode(float[] vector, int row, float[] norms, long[] codes, float[] unit, float[] rotated, float[] scratch) {
        norms[row] = code(vector, unit, rotated, scratch, codes, row * words);
    }

    /**
     * The one coding step of stored vectors and queries: unit = x / norm elementwise (skipped for
     * norm ≤ 1e-10), rotated, signs packed into {@code codes[offset ..]}. Returns the raw norm;
     * {@code rotated} keeps the rotated unit vector (the asymmetric estimator reads it).
     */
    float code(float[] vector, float[] unit, float[] rotated, float[] scratch, long[] codes, int offset) {
        float norm = SignCodes.norm(vector, dim);
        if (norm > 1e-10f) {
            for (int i = 0; i < dim; i++) {
                unit[i] = vector[i] / norm;
            }
        } else {
            System.arraycopy(vector, 0, unit, 0, dim);
        }
        rotation.apply(unit, rotated, scratch);
        SignCodes.packSigns(rotated, dim, codes, offset);
        return norm;
    }

    synchronized void add(long id, float[] vector) {
        checkVector(vector);
        int storedId = storableId(id);
        Rows r = rows;
        int n = r.size;
        Rows grown = ensureCapacity(r, n + 1);
        grown.ids[n] = storedId;
        encode(vector, n, grown.norms, grown.codes, new float[dim], new float[dim], new float[rotation.scratchLength()]);
        if (keepOriginals) {
            System.arraycopy(vector, 0, grown.originals, n * dim, dim);
        }
        rows = new Rows(grown.ids, grown.norms, grown.codes, grown.originals, n + 1);
    }

    /**
     * Appends many rows: every dimension and id is validated before anything is stored, rows are
     * encoded in parallel into their final slots, and the batch is published at once. The result is
     * bit-identical to adding the rows one by one in order.
     */
    synchronized void addAll(long[] ids, float[][] vectors, boolean parallel) {
        InvalidArgumentException.check(ids.length == vectors.length,
                "ids and vectors must have the same length, got %d and %d", ids.length, vectors.length);
        int[] stored = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            checkVector(vectors[i]);
            stored[i] = storableId(ids[i]);
        }
        Rows r = rows;
        int n = r.size;
        int count = ids.length;
        Rows grown = ensureCapacity(r, Math.addExact(n, count));
        System.arraycopy(stored, 0, grown.ids, n, count);
        IntStream range = IntStream.range(0, count);
        (parallel && count >= 1024 ? range.parallel() : range).forEach(new java.util.function.IntConsumer() {
            // One scratch set per worker thread, not per row.
            private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(
                    () -> new float[][] {new float[dim], new float[dim], new float[rotation.scratchLength()]});

            @Override
            public void accept(int i) {
                float[][] s = scratch.get();
                encode(vectors[i], n + i, grown.norms, grown.codes, s[0], s[1], s[2]);
                if (keepOriginals) {
                    System.arraycopy(vectors[i], 0, grown.originals, (n + i) * dim, dim);
                }
            }
        });
        rows = new Rows(grown.ids, grown.norms, grown.codes, grown.originals, n + count);
    }

    private Rows ensureCapacity(Rows r, int needed) {
        if (needed <= r.ids.length) {
            return r;
        }
        InvalidArgumentException.check((long) needed * Math.max(words, keepOriginals ? dim : 0) <= Integer.MAX_VALUE - 16,
                "index full: %d rows of dimension %d do not fit one array", needed, dim);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 16L,
                Math.max(needed, Math.max(INITIAL_CAPACITY, (long) r.ids.length + (r.ids.length >> 1))));
        capacity = (int) Math.min(capacity, (Integer.MAX_VALUE - 16L) / Math.max(words, keepOriginals ? dim : 1));
        return new Rows(
                Arrays.copyOf(r.ids, capacity),
                Arrays.copyOf(r.norms, capacity),
                Arrays.copyOf(r.codes, capacity * words),
                keepOriginals ? Arrays.copyOf(r.originals, capacity * dim) : null,
                r.size);
    }

    /** Rotation + 8 bytes (id, norm) and 8·words per row + the cos table, as the reference counts. */
    long codeBytes(int size) {
        return rotation.bytes() + 8L * size + 8L * size * words + 4L * (dim + 1);
    }
}
