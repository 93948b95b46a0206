package io.engram.embed.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BasicTokenizerTest {
    private final BasicTokenizer uncased = BasicTokenizer.uncased();

    @Test
    void splitsOnWhitespaceAndIsolatesPunctuation() {
        assertThat(uncased.split("Hello,world!  (yes)")).containsExactly(
                "hello", ",", "world", "!", "(", "yes", ")");
    }

    @Test
    void countsAsciiSymbolsAndUnicodePunctuationAsPunctuation() {
        assertThat(uncased.split("a+b^c`d")).containsExactly("a", "+", "b", "^", "c", "`", "d");
        assertThat(uncased.split("«quoted»—dash")).containsExactly("«", "quoted", "»", "—", "dash");
    }

    @Test
    void stripsAccentsAfterDecomposition() {
        assertThat(uncased.split("Ångström résumé")).containsExactly("angstrom", "resume");
    }

    @Test
    void keepsAccentsAndCaseWhenTurnedOff() {
        BasicTokenizer cased = new BasicTokenizer(true, true, false, false);
        assertThat(cased.split("Café")).containsExactly("Café");
    }

    @Test
    void lowerCasesEachCodePointWithoutContextRules() {
        // String.toLowerCase would give a final sigma (ς) here.
        assertThat(uncased.split("ΟΔΟΣ")).containsExactly("οδοσ");
    }

    @Test
    void isolatesCjkIdeographsWithTheReferenceRanges() {
        // U+2B820 lies in the gap the reference leaves before U+2B920: it stays inside its word.
        assertThat(uncased.split("東京\uD840\uDC0Bx\uD86E\uDC20y"))
                .containsExactly("東", "京", "\uD840\uDC0B", "x\uD86E\uDC20y");
    }

    @Test
    void removesControlAndFormatCharactersButSeparatesOnWhitespace() {
        // U+0085 is whitespace to Unicode but a control character (Cc) first, and the reference
        // tests for control characters first, so it disappears rather than separating.
        assertThat(uncased.split("ab\u0007c\u200Dd\u2003e\u00A0f\u0085g"))
                .containsExactly("abcd", "e", "fg");
    }

    @Test
    void blankTextHasNoWords() {
        assertThat(uncased.split(" \t\n ")).isEmpty();
        assertThat(uncased.split("")).isEmpty();
    }
}
