package io.engram.core.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The facade over the kernel implementations, chosen once when this class initialises.
 *
 * <p>The Vector API implementation is used when the {@code jdk.incubator.vector} module is in the
 * boot layer and the JIT can compile it (C2 present); otherwise the scalar one. Bit kernels stay
 * scalar under {@code auto}: {@link Long#bitCount} is already a POPCNT intrinsic and the Vector API
 * version measured 0.8–1.0× of it (BENCHMARKS.md), so lanes buy nothing there. The system property
 * {@value #PROPERTY} forces a choice: {@code scalar} always works, {@code panama} fails start-up
 * when the Vector API is missing, {@code auto} (the default) picks as above.
 *
 * <p><b>Tolerance.</b> Integer and bit kernels return identical results in both implementations.
 * Float kernels differ only in summation order (lanes and four accumulators versus one running
 * sum, FMA versus separate rounding); for every length the result differs from the scalar one by
 * at most {@value #FLOAT_RELATIVE_TOLERANCE} × Σ|aᵢ·bᵢ| (for dot; Σ(aᵢ−bᵢ)² for L2), and cosine
 * by at most {@value #FLOAT_RELATIVE_TOLERANCE} absolute. The parity tests hold both to it.
 */
public final class Kernels {

    /** System property that forces an implementation: {@code auto}, {@code scalar} or {@code panama}. */
    public static final String PROPERTY = "engram.kernels";

    /** Relative tolerance between the float kernel implementations; see the class comment. */
    public static final double FLOAT_RELATIVE_TOLERANCE = 1e-5;

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Null when the Vector API is usable in this JVM; otherwise why not. Fixed for the JVM's life. */
    private static final String VECTOR_API_UNAVAILABLE = vectorApiUnavailableReason();

    private static final FloatKernels FLOATS;
    private static final BitKernels BITS;
    private static final KernelInfo INFO;

    static {
        String requested = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        String unavailable = VECTOR_API_UNAVAILABLE;
        String reason;
        boolean panama;
        switch (requested) {
            case "scalar" -> {
                panama = false;
                reason = "forced by -D" + PROPERTY + "=scalar";
            }
            case "panama", "vector" -> {
                if (unavailable != null) {
                    throw new ExceptionInInitializerError("-D" + PROPERTY + "=" + requested
                            + " but the Vector API cannot be used: " + unavailable);
                }
                panama = true;
                reason = "forced by -D" + PROPERTY + "=" + requested;
            }
            case "auto" -> {
                panama = unavailable == null;
                reason = panama ? "Vector API available" : unavailable;
            }
            default -> throw new ExceptionInInitializerError(
                    "-D" + PROPERTY + " must be auto, scalar or panama, got '" + requested + "'");
        }
        List<String> jitFlags = new ArrayList<>();
        for (String flag : List.of("UseAVX", "UseSSE", "UseFMA", "UsePopCountInstruction", "MaxVectorSize")) {
            CpuFeatures.vmOption(flag).ifPresent(v -> jitFlags.add(flag + "=" + v));
        }
        if (panama) {
            FLOATS = PanamaProvider.floats();
            BITS = requested.equals("auto") ? ScalarBitKernels.INSTANCE : PanamaProvider.bits();
            INFO = new KernelInfo("panama", reason, BITS.name(), PanamaProvider.floatSpecies(), PanamaProvider.floatBits(),
                    PanamaProvider.floatLanes(), PanamaProvider.fma(), PanamaProvider.integerSimd(),
                    CpuFeatures.relevantCpuFlags(), List.copyOf(jitFlags));
        } else {
            FLOATS = ScalarFloatKernels.INSTANCE;
            BITS = ScalarBitKernels.INSTANCE;
            INFO = new KernelInfo("scalar", reason, BITS.name(), "none", 0, 1, false, false, CpuFeatures.relevantCpuFlags(),
                    List.copyOf(jitFlags));
        }
    }

    private Kernels() {}

    /** The active float, int8 and 4-bit kernels. */
    public static FloatKernels floats() {
        return FLOATS;
    }

    /** The active bit kernels. */
    public static BitKernels bits() {
        return BITS;
    }

    /** What was chosen and why. */
    public static KernelInfo info() {
        return INFO;
    }

    /** The scalar kernels, regardless of the active choice (reference order, parity paths). */
    public static FloatKernels scalarFloats() {
        return ScalarFloatKernels.INSTANCE;
    }

    public static BitKernels scalarBits() {
        return ScalarBitKernels.INSTANCE;
    }

    /**
     * The Vector API kernels regardless of the active choice, for parity tests and benchmarks.
     *
     * @throws UnsupportedOperationException when the Vector API cannot be used in this JVM
     */
    public static FloatKernels panamaFloats() {
        requireVectorApi();
        return PanamaProvider.floats();
    }

    public static BitKernels panamaBits() {
        requireVectorApi();
        return PanamaProvider.bits();
    }

    /** Whether the Vector API implementation can run in this JVM. */
    public static boolean vectorApiAvailable() {
        return VECTOR_API_UNAVAILABLE == null;
    }

    static float cosineFromSums(float dot, float normA, float normB) {
        float denominator = (float) Math.sqrt((double) normA * (double) normB);
        return denominator == 0f ? 0f : dot / denominator;
    }

    private static void requireVectorApi() {
        if (VECTOR_API_UNAVAILABLE != null) {
            throw new UnsupportedOperationException("Vector API unavailable: " + VECTOR_API_UNAVAILABLE);
        }
    }

    private static String vectorApiUnavailableReason() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return "module " + VECTOR_MODULE + " not present (start the JVM with --add-modules " + VECTOR_MODULE + ")";
        }
        // Without C2 the Vector API runs as boxed Java code, orders of magnitude slower than scalar.
        String stopLevel = CpuFeatures.vmOption("TieredStopAtLevel").orElse("4");
        if (!stopLevel.equals("4")) {
            return "C2 compiler disabled (TieredStopAtLevel=" + stopLevel + ")";
        }
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return "JVM runs in interpreted mode";
        }
        return null;
    }

    /**
     * Holds the Vector API classes behind a separate class so that they are linked only when this
     * class is first used, never on the scalar path (they fail to link without the module).
     */
    private static final class PanamaProvider {
        private static final FloatKernels FLOATS = new PanamaFloatKernels();
        private static final BitKernels BITS = new PanamaBitKernels();

        static FloatKernels floats() {
            return FLOATS;
        }

        static BitKernels bits() {
            return BITS;
        }

        static String floatSpecies() {
            return "FloatVector.SPECIES_" + PanamaFloatKernels.floatBitSize();
        }

        static int floatBits() {
            return PanamaFloatKernels.floatBitSize();
        }

        static int floatLanes() {
            return PanamaFloatKernels.floatLanes();
        }

        static boolean fma() {
            return PanamaFloatKernels.usesFma();
        }

        static boolean integerSimd() {
            return PanamaFloatKernels.INTEGER_SIMD;
        }
    }
}
