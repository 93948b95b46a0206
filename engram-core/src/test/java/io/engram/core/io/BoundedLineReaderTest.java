package io.engram.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static List<String> all(BoundedLineReader r) throws IOException {
        List<String> out = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            out.add(line);
        }
        return out;
    }

    private static List<String> reference(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        return out;
    }

    /** A reader that hands out at most {@code chunk} chars per read, so terminators straddle fills. */
    private static Reader trickle(String text, int chunk) {
        return new Reader() {
            private int at;

            @Override
            public int read(char[] buf, int off, int len) {
                if (at == text.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), text.length() - at);
                text.getChars(at, at + n, buf, off);
                at += n;
                return n;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void splitsLinesAsBufferedReaderDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        String[] terminators = {"\n", "\r\n", "\r"};
        for (int trial = 0; trial < 300; trial++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                // Some lines longer than the 8 KiB buffer, some empty.
                int length = random.nextInt(10) == 0 ? 8000 + random.nextInt(20_000) : random.nextInt(40);
                for (int c = 0; c < length; c++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                if (i < lines - 1 || random.nextBoolean()) {
                    text.append(terminators[random.nextInt(3)]);
                }
            }
            String s = text.toString();
            int chunk = 1 + random.nextInt(9000);
            try (BoundedLineReader r = new BoundedLineReader(trickle(s, chunk), 1 << 20)) {
                assertThat(all(r)).as("trial %d, chunk %d", trial, chunk).isEqualTo(reference(s));
            }
        }
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(all(new BoundedLineReader(new StringReader(""), 10))).isEmpty();
        assertThat(all(new BoundedLineReader(new StringReader("\n"), 10))).containsExactly("");
        assertThat(all(new BoundedLineReader(new StringReader("\r\n\r\n"), 10))).containsExactly("", "");
    }

    @Test
    void aLineOverTheCapIsSkippedAndReadingGoesOn() throws IOException {
        String longLine = "x".repeat(50_000);
        String text = "first\n" + longLine + "\r\nthird\n" + "y".repeat(11) + "\nexactly10c";
        try (BoundedLineReader r = new BoundedLineReader(trickle(text, 777), 10)) {
            assertThat(r.readLine()).isEqualTo("first");
            assertThatThrownBy(r::readLine)
                    .isInstanceOf(BoundedLineReader.LineTooLongException.class)
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("line 2 is longer than 10 characters; it was skipped")
                    .satisfies(e -> assertThat(((BoundedLineReader.LineTooLongException) e).lineNumber()).isEqualTo(2));
            assertThat(r.readLine()).isEqualTo("third");
            assertThat(r.lineNumber()).isEqualTo(3);
            assertThatThrownBy(r::readLine).hasMessageContaining("line 4 ");
            assertThat(r.readLine()).as("a line of exactly the cap is kept").isEqualTo("exactly10c");
            assertThat(r.readLine()).isNull();
        }
    }

    @Test
    void capMustBePositive() {
        assertThatThrownBy(() -> new BoundedLineReader(new StringReader(""), 0))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("maxChars must be at least 1, got 0");
    }

    @Test
    void readyMeansAWholeLineIsWaiting() throws IOException {
        // A source that is never "ready" on its own, as an idle terminal or pipe.
        try (BoundedLineReader r = new BoundedLineReader(trickle("a\r\nb\r\npartial", 1 << 20), 100)) {
            assertThat(r.ready()).as("nothing read yet").isFalse();
            assertThat(r.readLine()).isEqualTo("a");
            assertThat(r.ready()).as("b's line is buffered").isTrue();
            assertThat(r.readLine()).isEqualTo("b");
            assertThat(r.ready()).as("only the '\\n' of b's CRLF and a partial line are left").isFalse();
            assertThat(r.readLine()).isEqualTo("partial");
            assertThat(r.readLine()).isNull();
        }
    }
}
