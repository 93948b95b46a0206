package io.engram.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one-time choice of implementation, observed in fresh JVMs (it is made at class init). */
class KernelSelectionTest {

    /** Entry point of the child JVMs: prints the chosen implementation and its reason. */
    public static void main(String[] args) {
        KernelInfo info = Kernels.info();
        System.out.println(info.implementation() + "|" + info.reason() + "|" + Kernels.floats().name() + "|bits="
                + Kernels.bits().name());
    }

    @Test
    void thisJvmUsesTheVectorApi() {
        assertThat(Kernels.vectorApiAvailable()).as("tests run with --add-modules jdk.incubator.vector").isTrue();
        assertThat(Kernels.info().implementation()).isEqualTo("panama");
        assertThat(Kernels.info().describe()).contains("implementation: panama").contains("bits");
        assertThat(Kernels.bits().name()).as("bit kernels stay scalar under auto").isEqualTo("scalar");
    }

    @Test
    void forcingPanamaAlsoSelectsTheVectorBitKernels() throws Exception {
        String out = runChild(List.of("--add-modules=jdk.incubator.vector", "-Dengram.kernels=panama"));
        assertThat(out).startsWith("panama|forced by -Dengram.kernels=panama|panama|bits=panama");
    }

    @Test
    void forcingPanamaWithoutTheModuleFailsNamingTheFix() throws Exception {
        String out = runChild(List.of("-Dengram.kernels=panama"));
        assertThat(out).contains("start the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void propertyForcesScalar() throws Exception {
        String out = runChild(List.of("--add-modules=jdk.incubator.vector", "-Dengram.kernels=scalar"));
        assertThat(out).startsWith("scalar|forced by -Dengram.kernels=scalar|scalar|bits=scalar");
    }

    @Test
    void missingVectorModuleFallsBackToScalar() throws Exception {
        String out = runChild(List.of());
        assertThat(out).startsWith("scalar|module jdk.incubator.vector not present");
    }

    @Test
    void unknownPropertyValueFailsStartupNamingTheAcceptedValues() throws Exception {
        String out = runChild(List.of("-Dengram.kernels=turbo"));
        assertThat(out).contains("must be auto, scalar or panama, got 'turbo'");
    }

    private static String runChild(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KernelSelectionTest.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator"))
                .reduce("", (x, y) -> x.isEmpty() ? y : x + "\n" + y);
    }
}
