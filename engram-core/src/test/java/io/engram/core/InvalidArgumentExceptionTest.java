package io.engram.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidArgumentExceptionTest {
    @Test
    void checkFiniteNamesTheFirstBadValueAndItsIndex() {
        assertThatCode(() -> InvalidArgumentException.checkFinite(new float[] {0f, -1.5f, Float.MAX_VALUE}, "vector"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> InvalidArgumentException.checkFinite(new float[] {1f, Float.NaN, Float.POSITIVE_INFINITY},
                "query vector")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("expected finite query vector values, got NaN at index 1");
        assertThatThrownBy(() -> InvalidArgumentException.checkFinite(new float[] {Float.NEGATIVE_INFINITY}, "vector"))
                .hasMessage("expected finite vector values, got -Infinity at index 0");
    }
}
