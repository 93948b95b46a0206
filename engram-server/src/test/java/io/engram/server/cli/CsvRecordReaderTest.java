package io.engram.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    @Test
    void aRowOverTheCapIsARecordFormatErrorNamingIt() throws IOException {
        String text = "content,id\nfirst,1\n\"" + "x\n".repeat(100) + "\",2\n";
        try (CsvRecordReader r = new CsvRecordReader(new StringReader(text), 64)) {
            assertThat(r.next().content()).isEqualTo("first");
            assertThatThrownBy(r::next).isInstanceOf(RecordFormatException.class)
                    .hasMessage("line 3: the row is longer than 64 characters");
        }
    }

    @Test
    void theDefaultCapIsTheServersBodyLimit() {
        assertThat((long) CsvRecordReader.MAX_ROW_CHARS).isEqualTo(io.engram.server.ServerOptions.DEFAULT_MAX_BODY);
    }
}
