package io.engram.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector fast path of request parsing gives the floats the tree path gives, bit for bit, and
 * hands everything unusual to the tree path.
 */
class VectorFieldsTest {
    private static final Set<String> VECTOR = Set.of("vector");

    @Test
    void decimalTextBecomesTheFloatOfItsDouble() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 6) {
                case 0 -> Float.toString((float) random.nextGaussian() * 0.1f);
                case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30)));
                case 2 -> String.format(Locale.ROOT, "%." + random.nextInt(0, 18) + "f", random.nextDouble(-1000, 1000));
                case 3 -> Long.toString(random.nextLong(-1L << 60, 1L << 60));
                case 4 -> digits(random) + "e" + random.nextInt(-40, 40);
                default -> (random.nextBoolean() ? "-" : "") + "0.0" + digits(random) + "E+" + random.nextInt(0, 5);
            };
            assertThat(Float.floatToRawIntBits(parse(text)))
                    .as(text).isEqualTo(Float.floatToRawIntBits((float) Double.parseDouble(text)));
        }
        for (String edge : new String[] {"0", "-0", "-0.0", "0.000", "1e22", "1e23", "123456789012345", "1234567890123456",
                "9007199254740993", "1.5e-45", "3.4028235e38", "3.4028236e38", "1e-400", "1e400", "0.1", "0.30000000000000004"}) {
            assertThat(Float.floatToRawIntBits(parse(edge)))
                    .as(edge).isEqualTo(Float.floatToRawIntBits((float) Double.parseDouble(edge)));
        }
    }

    @Test
    void bodiesParseToTheSameFieldsAsTheTreePath() {
        String body = "{\"mode\":\"vector\",\"k\":7,\"vector\":[0.5,-1,2.5e-3,12345678901234567890,1E2],\"filter\":[]}";
        JsonFields fast = Json.fieldsWithVectors(bytes(body), VECTOR, 16);
        JsonFields tree = JsonFields.of(Json.MAPPER.readTree(body), "");
        assertThat(fast).isNotNull();
        assertThat(fast.vector("vector", 16)).containsExactly(tree.vector("vector", 16));
        assertThat(fast.integer("k", 1, 100, 10)).isEqualTo(7);
        assertThat(fast.string("mode")).isEqualTo("vector");
        assertThat(fast.has("vector")).isTrue();
        assertThat(fast.node().get("vector").size()).isEqualTo(5);
    }

    @Test
    void anythingUnusualIsLeftToTheTreePath() {
        for (String body : new String[] {
                "", "[1,2]", "{\"vector\":[]}", "{\"vector\":[1,\"2\"]}", "{\"vector\":[1,null]}", "{\"vector\":[1e39]}",
                "{\"vector\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}", "{\"vector\":[1],\"vector\":[2]}",
                "{\"k\":1,\"k\":2,\"vector\":[1]}", "{\"vector\":[1]} {}", "{\"vector\":[1,2}", "{\"vector\":[[1]]}"}) {
            assertThat(Json.fieldsWithVectors(bytes(body), VECTOR, 16)).as(body).isNull();
        }
    }

    private static float parse(String text) {
        char[] chars = (" " + text + " ").toCharArray();
        return DecimalFloats.parse(chars, 1, text.length());
    }

    private static String digits(SplittableRandom random) {
        StringBuilder sb = new StringBuilder().append(random.nextInt(1, 10));
        for (int n = random.nextInt(0, 20); n > 0; n--) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
