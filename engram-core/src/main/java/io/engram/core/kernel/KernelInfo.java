package io.engram.core.kernel;

import java.util.List;

/**
 * What {@link Kernels} chose at start-up and why: the implementation, the vector shape it uses,
 * whether it fuses multiply-add and runs integer lanes, and the CPU flags that matter.
 *
 * @param implementation "panama" or "scalar"
 * @param reason why this implementation was chosen
 * @param bitImplementation the bit kernels' implementation ("scalar" unless forced; see {@link Kernels})
 * @param floatSpecies the float vector species, or "none" for scalar
 * @param vectorBits bits per float vector (0 for scalar)
 * @param floatLanes floats per vector (1 for scalar)
 * @param fma whether float kernels use fused multiply-add
 * @param integerSimd whether int8 and 4-bit kernels use vector lanes
 * @param cpuFlags relevant CPU flags reported by the operating system
 * @param jitVectorFlags what the JIT reports it may use (UseAVX, UseFMA, ...)
 */
public record KernelInfo(String implementation, String reason, String bitImplementation, String floatSpecies,
        int vectorBits, int floatLanes, boolean fma, boolean integerSimd, List<String> cpuFlags, List<String> jitVectorFlags) {

    /** A few lines for humans, as {@code engram kernels} prints them. */
    public String describe() {
        return String.join(System.lineSeparator(),
                "implementation: " + implementation + " (" + reason + ")",
                "bit kernels:    " + bitImplementation,
                "float species:  " + floatSpecies + (vectorBits > 0 ? ", " + vectorBits + " bits, " + floatLanes + " lanes" : ""),
                "fma:            " + fma,
                "integer simd:   " + integerSimd,
                "cpu flags:      " + (cpuFlags.isEmpty() ? "unknown" : String.join(" ", cpuFlags)),
                "jit flags:      " + (jitVectorFlags.isEmpty() ? "unknown" : String.join(" ", jitVectorFlags)),
                "java:           " + Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ")");
    }
}
