package io.engram.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void numbersAreValidJsonWithSixSignificantDigits() {
        assertThat(Json.write(10337.04).strip()).isEqualTo("10337");
        assertThat(Json.write(10336.9).strip()).isEqualTo("10336.9");
        assertThat(Json.write(0.97901).strip()).isEqualTo("0.97901");
        assertThat(Json.write(1.0000001e-5).strip()).isEqualTo("1e-05");
        assertThat(Json.write(2.5e-7).strip()).isEqualTo("2.5e-07");
        assertThat(Json.write(42.0).strip()).isEqualTo("42");
        assertThat(Json.write(Double.NaN).strip()).isEqualTo("null");
    }

    @Test
    void everyWrittenNumberParsesBack() {
        for (double d : new double[] {10337.04, 99999.95, 123456.4, 0.1, 1e-9, 3.999999e12, -17.000001}) {
            String json = Json.write(List.of(d));
            String number = json.replaceAll("[\\[\\]\\s]", "");
            assertThat(number).as("%s from %s", number, d).matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
            assertThat(Double.parseDouble(number)).isCloseTo(d, org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
    }
}
