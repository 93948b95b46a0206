package io.engram.bench.kernel;

import io.engram.core.kernel.FloatKernels;
import io.engram.core.kernel.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float, int8 and 4-bit kernels, scalar against Vector API, one call per operation. Each
 * (implementation, dimension) pair runs in its own fork, so the JIT sees one implementation only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class FloatKernelBenchmark {

    /** Rows scored per batch call; one 384-d row block of this size is 96 KiB, inside L2. */
    static final int BATCH_ROWS = 64;

    @Param({"scalar", "panama"})
    public String impl;

    @Param({"128", "384", "784", "1536"})
    public int dim;

    FloatKernels kernels;
    float[] a;
    float[] b;
    float[] rows;
    float[] scores;
    byte[] a8;
    byte[] b8;
    byte[] a4;
    byte[] b4;

    @Setup
    public void setUp() {
        kernels = impl.equals("scalar") ? Kernels.scalarFloats() : Kernels.panamaFloats();
        SplittableRandom random = new SplittableRandom(42);
        a = floats(random, dim);
        b = floats(random, dim);
        rows = floats(random, dim * BATCH_ROWS);
        scores = new float[BATCH_ROWS];
        a8 = bytes(random, dim);
        b8 = bytes(random, dim);
        a4 = bytes(random, dim / 2);
        b4 = bytes(random, dim / 2);
    }

    @Benchmark
    public float dot() {
        return kernels.dot(a, b);
    }

    @Benchmark
    public float squareDistance() {
        return kernels.squareDistance(a, b);
    }

    @Benchmark
    public float cosine() {
        return kernels.cosine(a, b);
    }

    /** 64 rows per call: divide by 64 for the per-row cost. */
    @Benchmark
    public float[] dotBatch64() {
        kernels.dotBatch(a, rows, 0, BATCH_ROWS, scores);
        return scores;
    }

    /**
     * Four rows of the cache-resident block per call (rows 0, 17, 33, 50): divide by 4 for the
     * per-row cost. The in-cache speed of what HNSW search runs on rows it fetches from memory.
     */
    @Benchmark
    public float[] squareDistance4() {
        kernels.squareDistance4(a, 0, rows, 0, 17 * dim, 33 * dim, 50 * dim, dim, scores, 0);
        return scores;
    }

    @Benchmark
    public int dotInt8() {
        return kernels.dotInt8(a8, b8);
    }

    @Benchmark
    public int squareDistanceInt8() {
        return kernels.squareDistanceInt8(a8, b8);
    }

    /** {@code dim} 4-bit components, {@code dim/2} bytes. */
    @Benchmark
    public int dotInt4Packed() {
        return kernels.dotInt4Packed(a4, b4);
    }

    static float[] floats(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }

    static byte[] bytes(SplittableRandom random, int n) {
        byte[] v = new byte[n];
        random.nextBytes(v);
        return v;
    }
}
