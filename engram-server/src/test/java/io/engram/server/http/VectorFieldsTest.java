package io.engram.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The vector fast path of request parsing gives the floats the tree path gives, bit for bit, and
 * hands everything unusual to the tree path.
 */
class VectorFieldsTest {
    private static final Set<String> VECTOR = Set.of("vector");

    @Test
    void decimalTextBecomesTheFloatTheTreePathReads() {
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
            assertThat(Float.floatToRawIntBits(parse(text))).as(text).isEqualTo(Float.floatToRawIntBits(treeFloat(text)));
        }
        for (String edge : new String[] {"0", "-0", "-0.0", "0.000", "1e22", "1e23", "123456789012345", "1234567890123456",
                "9007199254740993", "1.5e-45", "3.4028235e38", "3.4028236e38", "1e-400", "1e400", "0.1", "0.30000000000000004"}) {
            assertThat(Float.floatToRawIntBits(parse(edge))).as(edge).isEqualTo(Float.floatToRawIntBits(treeFloat(edge)));
        }
    }

    @Test
    void bodiesParseToTheSameFieldsAsTheTreePath() {
        String body = " {\"mode\" : \"vector\",\"k\":7, \"vector\":[0.5, -1,2.5e-3,12345678901234567890,1E2,-0.0] ,"
                + "\"filter\":[{\"field\":\"a]}\\\"\",\"value\":{\"x\":[1,{}]}}],\"as_of\":null,\"b\":true}\n";
        JsonFields fast = VectorBodyReader.read(bytes(body), VECTOR, 16);
        JsonFields tree = JsonFields.of(Json.MAPPER.readTree(body), "");
        assertThat(fast).isNotNull();
        assertThat(fast.vector("vector", 16)).containsExactly(tree.vector("vector", 16));
        assertThat(fast.integer("k", 1, 100, 10)).isEqualTo(7);
        assertThat(fast.string("mode")).isEqualTo("vector");
        assertThat(fast.raw("filter")).isEqualTo(tree.raw("filter"));
        assertThat(fast.bool("b", false)).isTrue();
        assertThat(fast.has("as_of")).isFalse();
        assertThat(fast.has("vector")).isTrue();
        assertThat(fast.node().get("vector").size()).isEqualTo(6);
        assertThat(VectorBodyReader.read(bytes("{}"), VECTOR, 16)).isNotNull();
    }

    @Test
    void anythingUnusualIsLeftToTheTreePath() {
        for (String body : new String[] {
                "", " ", "[1,2]", "{", "{\"vector\":[]}", "{\"vector\":[1,\"2\"]}", "{\"vector\":[1,null]}", "{\"vector\":[1e39]}",
                "{\"vector\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}", "{\"vector\":[1],\"vector\":[2]}",
                "{\"k\":1,\"k\":2,\"vector\":[1]}", "{\"vector\":[1]} {}", "{\"vector\":[1,2}", "{\"vector\":[[1]]}",
                "{\"vector\":[01]}", "{\"vector\":[1.]}", "{\"vector\":[.5]}", "{\"vector\":[+1]}", "{\"vector\":[1e]}",
                "{\"vector\":[1,]}", "{\"vector\":[NaN]}", "{\"k\":tru}", "{\"k\":[1}", "{\"k\":\"x}", "{\"k\" 1}",
                "{\"a\\u0062\":1}", "{\"caf\u00e9\":1}", "{\"k\":1,}", "{,}", "{\"k\":1 \"m\":2}"}) {
            assertThat(VectorBodyReader.read(bytes(body), VECTOR, 16)).as(body).isNull();
        }
    }

    @Test
    void zerosLongNumbersAndDeepNestingMatchTheTreePath() {
        String zeros = "{\"vector\":[-0,-0.0,0,0.0,-0e3,-0E-1]}";
        float[] fast = VectorBodyReader.read(bytes(zeros), VECTOR, 16).vector("vector", 16);
        float[] tree = JsonFields.of(Json.MAPPER.readTree(zeros), "").vector("vector", 16);
        for (int i = 0; i < tree.length; i++) {
            assertThat(Float.floatToRawIntBits(fast[i])).as("element %d", i).isEqualTo(Float.floatToRawIntBits(tree[i]));
        }
        String longNumber = "{\"vector\":[0." + "0".repeat(1_100) + "1]}";
        assertThat(VectorBodyReader.read(bytes(longNumber), VECTOR, 16)).isNull();
        int limit = Json.MAPPER.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth();
        for (int depth = limit - 3; depth <= limit + 1; depth++) {
            String body = "{\"vector\":[1],\"filter\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            boolean treeAccepts;
            try {
                Json.MAPPER.readTree(body);
                treeAccepts = true;
            } catch (tools.jackson.core.JacksonException e) {
                treeAccepts = false;
            }
            JsonFields f = VectorBodyReader.read(bytes(body), VECTOR, 16);
            if (!treeAccepts) {
                assertThat(f).as("nesting %d the tree path rejects", depth).isNull();
            }
        }
    }

    @Test
    void metadataNumbersKeepTheirValueInTheTreeForm() {
        java.util.Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        metadata.put("decimal", new java.math.BigDecimal("0.1"));
        metadata.put("short", (short) 5);
        metadata.put("int", 100);
        JsonNode written = Json.tree(g -> Json.writePlain(g, metadata));
        assertThat(written.get("big").bigIntegerValue()).isEqualTo(metadata.get("big"));
        assertThat(written.get("decimal").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(written.get("short").asString()).isEqualTo("5");
        assertThat(written.get("int").asString()).isEqualTo("100");
    }

    /** Mutated bodies: whenever the fast path answers, the tree path accepts the body and agrees. */
    @Test
    void theFastPathNeverAcceptsWhatTheTreePathRejectsOrReadsItDifferently() {
        String base = "{\"mode\":\"vector\",\"k\":10,\"vector\":[0.25,-1.5e-2,3,0.0001],\"filter\":[{\"field\":\"s\","
                + "\"value\":\"a,b\"}],\"include_records\":false}";
        String alphabet = "{}[],:\"\\ 0123456789.eE+-truefalsnvcok";
        SplittableRandom random = new SplittableRandom(11);
        int agreed = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder(base);
            for (int m = random.nextInt(1, 4); m > 0; m--) {
                int at = random.nextInt(sb.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String body = sb.toString();
            JsonFields fast = VectorBodyReader.read(bytes(body), VECTOR, 16);
            if (fast == null) {
                continue;
            }
            JsonNode treeNode = Json.MAPPER.readTree(body); // must not throw: the fast path accepted it
            JsonFields tree = JsonFields.of(treeNode, "");
            assertThat(fast.node()).as(body).isEqualTo(withFloatVector(tree));
            agreed++;
        }
        assertThat(agreed).as("mutations the fast path accepted").isGreaterThan(1_000);
    }

    /** The tree with its vector written as floats, as the fast path's node() shows it. */
    private static JsonNode withFloatVector(JsonFields tree) {
        tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) tree.node()).deepCopy();
        if (tree.has("vector")) {
            float[] v = tree.vector("vector", 16);
            tools.jackson.databind.node.ArrayNode array = copy.putArray("vector");
            for (float f : v) {
                array.add(f);
            }
        }
        return copy;
    }

    /** What the tree path makes of a number: Jackson's node, its double value, narrowed. */
    private static float treeFloat(String text) {
        return (float) Json.MAPPER.readTree(text).doubleValue();
    }

    private static float parse(String text) {
        return DecimalFloats.parse(bytes(" " + text + " "), 1, text.length());
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
