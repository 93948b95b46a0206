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
        String exact = "x".repeat(62) + ",7"; // 64 characters, then a line break
        try (CsvRecordReader r = new CsvRecordReader(new StringReader("content,id\n" + exact + "\r\n"), 64)) {
            assertThat(r.next().content()).as("a row of exactly the cap is read").hasSize(62);
        }
    }

    @Test
    void theDefaultCapIsTheServersBodyLimit() {
        assertThat((long) CsvRecordReader.MAX_ROW_CHARS).isEqualTo(io.engram.server.ServerOptions.DEFAULT_MAX_BODY);
    }
}
