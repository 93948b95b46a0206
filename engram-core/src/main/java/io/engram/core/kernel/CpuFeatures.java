package io.engram.core.kernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the processor and the JIT offer the kernels. The JIT's own flags (UseAVX, UseFMA) are the
 * truth for what compiled code may use; the CPU flag list is reported for humans.
 */
final class CpuFeatures {

    /** CPU flags that matter to our kernels, in the order we report them. */
    private static final List<String> RELEVANT = List.of("sse4_2", "popcnt", "avx", "avx2", "fma", "avx512f",
            "avx512bw", "avx512vl", "avx512_vnni", "avx512_vpopcntdq", "avx512_bitalg", "asimd", "sve", "sve2");

    private CpuFeatures() {}

    static boolean isX86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
    }

    /** True when HotSpot reports UseFMA; false when it says no or cannot be asked. */
    static boolean hasFastFma() {
        return vmOption("UseFMA").map(Boolean::parseBoolean).orElse(false);
    }

    /** A HotSpot VM option's value, if this VM exposes it. */
    static Optional<String> vmOption(String name) {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? Optional.empty() : Optional.of(bean.getVMOption(name).getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Relevant CPU flags from /proc/cpuinfo (Linux); empty where that file is absent. Flags are
     * reported as the kernel names them.
     */
    static List<String> relevantCpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return List.of();
        }
        try (var lines = Files.lines(cpuinfo)) {
            Optional<String> flagsLine = lines
                    .filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                    .findFirst();
            if (flagsLine.isEmpty()) {
                return List.of();
            }
            String line = flagsLine.get();
            Set<String> flags = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
            List<String> present = new ArrayList<>();
            for (String flag : RELEVANT) {
                if (flags.contains(flag)) {
                    present.add(flag);
                }
            }
            return present;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
