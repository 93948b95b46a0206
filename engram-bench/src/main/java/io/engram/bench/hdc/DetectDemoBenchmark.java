package io.engram.bench.hdc;

import io.engram.hdc.detect.DetectDemo;
import io.engram.hdc.detect.ZeroHardcodeDetector;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.VectorManager;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole zero-hardcode demo (hdc-holon §12: 48,750 generated packets, encode, score, smooth,
 * tally) as one operation, on one thread, with a new detector every time. Two cases:
 * <ul>
 *   <li>{@link #demoWarmAtoms}: the encoder already holds the demo's atoms (about 35,600, made by
 *       one run in setup), as a detector's encoder does in a process that has seen these values.
 *   <li>{@link #demoColdAtoms}: a new atom cache every run, so every distinct value of the run
 *       pays for its atom (SHA-256 and a 16 KiB ChaCha8 keystream): the demo as a fresh process
 *       meets it, minus the JIT's warm-up.
 * </ul>
 * packets/s = 48,750 / (ms/op) · 1000.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class DetectDemoBenchmark {
    /** Packets in one operation. */
    public static final int PACKETS = 48_750;

    StructureEncoder warm;

    @Setup
    public void setUp() {
        // The default caches, as a detector gets them: the run's 35,636 atoms outgrow the atom
        // cache's young generation, but the encoder's index of fields by path and value keeps
        // every one (it holds up to the cache capacity, 65,536).
        warm = new StructureEncoder(new VectorManager(ZeroHardcodeDetector.DIMENSIONS));
        DetectDemo.run(warm);
    }

    @Benchmark
    public DetectDemo.Report demoWarmAtoms() {
        return DetectDemo.run(warm);
    }

    @Benchmark
    public DetectDemo.Report demoColdAtoms() {
        return DetectDemo.run();
    }
}
