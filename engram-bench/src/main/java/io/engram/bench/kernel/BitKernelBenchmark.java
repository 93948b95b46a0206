package io.engram.bench.kernel;

import io.engram.core.kernel.BitKernels;
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

/** XOR popcount of {@code bits}-bit codes (one bit per dimension, as 1-bit RaBitQ stores them). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class BitKernelBenchmark {

    static final int BATCH = 64;

    @Param({"scalar", "panama"})
    public String impl;

    @Param({"128", "384", "784", "1536"})
    public int bits;

    BitKernels kernels;
    long[] query;
    long[] codes;
    int[] out;
    int words;
    long mask;

    @Setup
    public void setUp() {
        kernels = impl.equals("scalar") ? Kernels.scalarBits() : Kernels.panamaBits();
        words = BitKernels.wordsFor(bits);
        mask = BitKernels.lastWordMask(bits);
        SplittableRandom random = new SplittableRandom(7);
        query = random.longs(words).toArray();
        codes = random.longs((long) words * BATCH).toArray();
        out = new int[BATCH];
    }

    @Benchmark
    public int xorPopCount() {
        return kernels.xorPopCount(query, 0, codes, 0, words, mask);
    }

    /** 64 candidates per call: divide by 64 for the per-candidate cost. */
    @Benchmark
    public int[] xorPopCountBatch64() {
        kernels.xorPopCountBatch(query, codes, 0, BATCH, words, mask, out);
        return out;
    }
}
