package io.engram.bench.hdc;

import io.engram.hdc.detect.Packet;
import io.engram.hdc.detect.TrafficGenerator;
import io.engram.hdc.encode.PositionalEncoder;
import io.engram.hdc.encode.StructureEncoder;
import io.engram.hdc.kernel.Accumulator;
import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.BaselineScorer;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import java.util.ArrayList;
import java.util.List;
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
 * The reference's criterion benchmarks (hdc-holon §13) at d = 4096, one thread: atom lookup (cached),
 * atom generation (a new atom each call: SHA-256, ChaCha8 keystream, planes),
 * bind, bundle of 10, cosine, cosine against a float baseline (and through the detector's
 * {@link BaselineScorer}), packet encode as JSON and as a
 * Walkable, log scalar encode, accumulator add. Packets cycle through 1,024 generated ones whose
 * atoms are cached in setup, as a long-running encoder's would be.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class HdcBenchmark {
    static final int D = 4096;
    static final int PACKETS = 1024;

    VectorManager atoms;
    /** Atoms made fresh by {@link #atomGenerate}; cleared now and then so the cache stays small. */
    VectorManager freshAtoms;
    int fresh;
    StructureEncoder encoder;
    PositionalEncoder positional;
    int scalar;
    HyperVector a;
    HyperVector b;
    List<HyperVector> ten;
    double[] baseline;
    BaselineScorer scorer;
    HyperVector bundle;
    Accumulator accumulator;
    Packet[] packets;
    String[] json;
    int next;

    @Setup
    public void setUp() {
        atoms = new VectorManager(D);
        freshAtoms = new VectorManager(D);
        encoder = new StructureEncoder(atoms);
        positional = new PositionalEncoder(D);
        a = atoms.get("a");
        b = atoms.get("b");
        ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(atoms.get("v" + i));
        }
        Accumulator acc = new Accumulator(D);
        ten.forEach(acc::add);
        baseline = acc.normalize();
        scorer = new BaselineScorer(acc.sums());
        bundle = Algebra.bundle(ten.subList(0, 5));
        accumulator = new Accumulator(D);
        TrafficGenerator gen = new TrafficGenerator();
        packets = new Packet[PACKETS];
        json = new String[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            packets[i] = gen.normal();
            json[i] = packets[i].toJson();
            encoder.encodeWalkable(packets[i]);
        }
        positional.encodeLog(100);
    }

    private int nextIndex() {
        next = (next + 1) & (PACKETS - 1);
        return next;
    }

    @Benchmark
    public HyperVector atomLookup() {
        return atoms.get("v7");
    }

    @Benchmark
    public HyperVector atomGenerate() {
        if ((++fresh & 4095) == 0) {
            freshAtoms.clearCache();
        }
        return freshAtoms.get("src_port." + fresh);
    }

    @Benchmark
    public HyperVector bind() {
        return Algebra.bind(a, b);
    }

    @Benchmark
    public HyperVector bundle10() {
        return Algebra.bundle(ten);
    }

    @Benchmark
    public double cosine() {
        return Similarity.cosine(a, b);
    }

    @Benchmark
    public double cosineFloatBaseline() {
        return Similarity.cosine(a, baseline);
    }

    /** The detector's scoring: a bundle against accumulated integer sums, counted on bit-planes. */
    @Benchmark
    public double cosineBaselineScorer() {
        return scorer.cosine(bundle);
    }

    @Benchmark
    public HyperVector encodeJsonPacket() {
        return encoder.encodeJson(json[nextIndex()]);
    }

    @Benchmark
    public HyperVector encodeWalkablePacket() {
        return encoder.encodeWalkable(packets[nextIndex()]);
    }

    /**
     * A value the encoder has not kept: it keeps its last 4,096 encodings, so the values run
     * through a million before one comes back (what a new value costs, the keeping included).
     */
    @Benchmark
    public HyperVector encodeScalarLog() {
        scalar = (scalar + 1) & ((1 << 20) - 1);
        return positional.encodeLog(100 + scalar * 1e-3);
    }

    @Benchmark
    public Accumulator accumulatorAdd() {
        accumulator.add(a);
        return accumulator;
    }
}
