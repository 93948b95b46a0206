package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebianDescriptionsTest {

    @Test
    void parseKeepsDistinctShortDescriptionsSorted() throws IOException {
        String listing = """
                Package: zlib1g
                Description: compression library - runtime
                 zlib is a library implementing the deflate compression method.
                Description-md5: 567f396aeeb2b2b63295099aed237057

                Package: abc
                Description: a calculator
                Description:\s\s\s
                Package: zlib1g-dev
                Description: compression library - runtime
                """;
        assertThat(DebianDescriptions.parse(new StringReader(listing)))
                .containsExactly("a calculator", "compression library - runtime");
    }

    @Test
    void missingToolIsAClearError() {
        assertThatThrownBy(() -> DebianDescriptions.read(List.of("engram-no-such-apt-cache-tool", "dumpavail"), 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot run 'engram-no-such-apt-cache-tool dumpavail'")
                .hasMessageContaining("apt-get update");
    }

    @Test
    void tooFewDescriptionsAskForAnIndexUpdate() {
        assertThatThrownBy(() -> DebianDescriptions.requireAtLeast(List.of("a", "b"), 5_000, "apt-cache dumpavail"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("listed 2 distinct package descriptions")
                .hasMessageContaining("at least 5000")
                .hasMessageContaining("apt-get update");
    }
}
