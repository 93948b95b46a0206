package io.engram.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @Test
    void sizesTakeBinarySuffixesInAnyCase() {
        assertThat(ServeCommand.parseSize("16MB")).isEqualTo(16L << 20);
        assertThat(ServeCommand.parseSize("512kb")).isEqualTo(512L << 10);
        assertThat(ServeCommand.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(ServeCommand.parseSize("2 MiB")).isEqualTo(2L << 20);
        assertThat(ServeCommand.parseSize("4096")).isEqualTo(4096);
        assertThatThrownBy(() -> ServeCommand.parseSize("lots")).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lots");
        assertThatThrownBy(() -> ServeCommand.parseSize("99999999999GB")).isInstanceOf(InvalidArgumentException.class);
    }
}
