package io.engram.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JsonlRecordReaderTest {

    @Test
    void aLineOverTheCapIsARecordFormatErrorNamingIt() throws IOException {
        String text = "{\"content\":\"first\"}\n\n{\"content\":\"" + "x".repeat(200) + "\"}\n";
        try (JsonlRecordReader r = new JsonlRecordReader(new StringReader(text), 100)) {
            assertThat(r.next().content()).isEqualTo("first");
            assertThat(r.where()).isEqualTo("line 1");
            assertThatThrownBy(r::next).isInstanceOf(RecordFormatException.class)
                    .hasMessage("line 3: the line is longer than 100 characters");
        }
    }

    @Test
    void theDefaultCapIsTheServersBodyLimit() {
        assertThat((long) JsonlRecordReader.MAX_LINE_CHARS).isEqualTo(io.engram.server.ServerOptions.DEFAULT_MAX_BODY);
    }
}
