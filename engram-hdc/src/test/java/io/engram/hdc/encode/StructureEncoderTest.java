package io.engram.hdc.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.InvalidArgumentException;
import io.engram.hdc.kernel.Algebra;
import io.engram.hdc.kernel.HyperVector;
import io.engram.hdc.kernel.Similarity;
import io.engram.hdc.kernel.VectorManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden encodings of hdc-holon §8.5 (Rust semantics, seed 0, d = 4096) and the checks of §16.5. */
class StructureEncoderTest {
    private static final VectorManager VM = new VectorManager(4096);
    private static final StructureEncoder ENC = new StructureEncoder(VM);

    private static double sim(String a, String b) {
        return Similarity.cosine(ENC.encodeJson(a), ENC.encodeJson(b));
    }

    @Test
    void goldenPairSimilarities() {
        assertThat(sim("{\"src_port\":53}", "{\"dst_port\":53}")).isCloseTo(-0.004841, within(0.0000005));
        assertThat(sim("{\"type\":\"billing\",\"amount\":100}", "{\"type\":\"billing\",\"amount\":200}"))
                .isCloseTo(0.494067, within(0.0000005));
        assertThat(sim("{\"type\":\"billing\",\"amount\":100}", "{\"type\":\"technical\"}"))
                .isCloseTo(-0.000943, within(0.0000005));
    }

    @Test
    void goldenBillingVector() {
        HyperVector v = ENC.encodeJson("{\"type\":\"billing\"}");
        assertThat(v.nnz()).isEqualTo(1872);
        int[] first = new int[16];
        for (int i = 0; i < 16; i++) {
            first[i] = v.get(i);
        }
        assertThat(first).containsExactly(0, 1, 0, -1, 0, 0, -1, 0, -1, -1, 0, 0, 0, -1, -1, 1);
        assertThat(v).isEqualTo(Algebra.bind(VM.get("type"), VM.get("type.billing")));
    }

    @Test
    void pathQualifiedAtomsForScalarsArraysAndEmptyContainers() {
        assertThat(ENC.encodeJson("\"x\"")).isEqualTo(VM.get("x"));
        assertThat(ENC.encodeJson("53")).isEqualTo(VM.get("53"));
        assertThat(ENC.encodeJson("1.50")).isEqualTo(VM.get("1.5"));
        assertThat(ENC.encodeJson("100.0")).isEqualTo(VM.get("100.0"));
        assertThat(ENC.encodeJson("1e20")).isEqualTo(VM.get("1e20"));
        assertThat(ENC.encodeJson("{\"a\":null}")).isEqualTo(Algebra.bind(VM.get("a"), VM.get("a.null")));
        assertThat(ENC.encodeJson("{\"a\":true}")).isEqualTo(Algebra.bind(VM.get("a"), VM.get("a.true")));
        assertThat(ENC.encodeJson("{}")).isEqualTo(VM.get("{}"));
        assertThat(ENC.encodeJson("{\"a\":[]}")).isEqualTo(Algebra.bind(VM.get("a"), VM.get("a.[]")));
        assertThat(ENC.encodeJson("{\"a\":{}}")).isEqualTo(Algebra.bind(VM.get("a"), VM.get("a.{}")));
        HyperVector tags = ENC.encodeJson("{\"tags\":[\"x\",\"y\"]}");
        HyperVector inner = Algebra.bundle(Algebra.bind(VM.get("tags.[0]"), VM.get("tags.[0].x")),
                Algebra.bind(VM.get("tags.[1]"), VM.get("tags.[1].y")));
        assertThat(tags).isEqualTo(Algebra.bind(VM.get("tags"), inner));
        HyperVector nested = ENC.encodeJson("{\"a\":{\"b\":1}}");
        assertThat(nested).isEqualTo(Algebra.bind(VM.get("a"), Algebra.bind(VM.get("a.b"), VM.get("a.b.1"))));
    }

    @Test
    void keyOrderDoesNotMatter() {
        assertThat(ENC.encodeJson("{\"a\":1,\"b\":[1,2],\"c\":{\"d\":\"e\"}}"))
                .isEqualTo(ENC.encodeJson("{\"c\":{\"d\":\"e\"},\"b\":[1,2],\"a\":1}"));
    }

    @Test
    void markers() {
        PositionalEncoder pos = new PositionalEncoder(4096);
        assertThat(ENC.encodeJson("{\"$log\":100}")).isEqualTo(pos.encodeLog(100, 1000));
        assertThat(ENC.encodeJson("{\"$scale\":5000,\"$linear\":7}")).isEqualTo(pos.encodeLinear(7, 5000));
        assertThat(ENC.encodeJson("{\"rate\":{\"$log\":100}}")).isEqualTo(Algebra.bind(VM.get("rate"), pos.encodeLog(100)));
        assertThat(ENC.encodeJson("{\"$scale\":3}")).isEqualTo(Algebra.bind(VM.get("$scale"), VM.get("$scale.3")));
        assertThat(Similarity.cosine(ENC.encodeJson("{\"r\":{\"$log\":100}}"), ENC.encodeJson("{\"r\":{\"$log\":110}}")))
                .isGreaterThan(0.95);
        assertThatThrownBy(() -> ENC.encodeJson("{\"$log\":\"x\"}")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("$log marker needs a number");
    }

    @Test
    void jsonFieldTermsAreTheTermsOfTheEncoding() {
        PositionalEncoder pos = new PositionalEncoder(4096);
        String json = "{\"x\":1.0,\"n\":1,\"s\":\"a\",\"rate\":{\"$log\":100},\"list\":[true],\"big\":18446744073709551615}";
        Map<String, HyperVector> b = new LinkedHashMap<>();
        for (StructureEncoder.FieldTerm t : ENC.jsonFieldTerms(json)) {
            b.put(t.key(), t.bound());
            assertThat(t.role()).isEqualTo(VM.get(t.key()));
        }
        assertThat(b.keySet()).containsExactly("x", "n", "s", "rate", "list", "big");
        assertThat(b.get("x")).isEqualTo(Algebra.bind(VM.get("x"), VM.get("x.1.0")));
        assertThat(b.get("n")).isEqualTo(Algebra.bind(VM.get("n"), VM.get("n.1")));
        assertThat(b.get("s")).isEqualTo(Algebra.bind(VM.get("s"), VM.get("s.a")));
        assertThat(b.get("rate")).isEqualTo(Algebra.bind(VM.get("rate"), pos.encodeLog(100)));
        assertThat(b.get("list")).as("a one-item array is its one bound item")
                .isEqualTo(Algebra.bind(VM.get("list"), Algebra.bind(VM.get("list.[0]"), VM.get("list.[0].true"))));
        assertThat(b.get("big")).isEqualTo(Algebra.bind(VM.get("big"), VM.get("big.18446744073709551615")));
        assertThat(Algebra.bundle(List.copyOf(b.values()))).isEqualTo(ENC.encodeJson(json));
        assertThatThrownBy(() -> ENC.jsonFieldTerms("[1]")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> ENC.jsonFieldTerms("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> ENC.jsonFieldTerms("{\"a\":1} 2")).hasMessageContaining("end of the JSON document");
    }

    @Test
    void jsonFieldTermsTakeOnlyAnObjectOfFields() {
        String json = "{\"a\":1,\"b\":{\"$log\":100}}";
        assertThat(ENC.jsonFieldTerms(json)).extracting(StructureEncoder.FieldTerm::key).containsExactly("a", "b");
        assertThat(ENC.jsonFieldTerms("{}")).isEmpty();
        assertThatThrownBy(() -> ENC.jsonFieldTerms("[1]")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("expected a JSON object, got an array");
        assertThatThrownBy(() -> ENC.jsonFieldTerms(" \"x\"")).hasMessage("expected a JSON object, got a string");
        assertThatThrownBy(() -> ENC.jsonFieldTerms("")).hasMessage("expected a JSON object, got an empty document");
        assertThatThrownBy(() -> ENC.jsonFieldTerms("{\"$linear\":3}"))
                .hasMessage("expected a JSON object of fields, got a scalar marker ($linear)");
        assertThatThrownBy(() -> ENC.jsonFieldTerms("{\"a\":1}{")).hasMessageContaining("end of the JSON document");
    }

    @Test
    void badJsonIsRejected() {
        assertThatThrownBy(() -> ENC.encodeJson("{\"a\":")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> ENC.encodeJson("{\"a\":1,\"a\":2}")).hasMessageContaining("invalid JSON")
                .hasMessageContaining("duplicate key 'a'");
        // Nested, past the short scan (nine distinct keys first), and in striped encoding.
        assertThatThrownBy(() -> ENC.encodeJson("{\"x\":{\"a\":[],\"b\":{\"a\":1,\"a\":1}}}"))
                .hasMessageContaining("duplicate key 'a'");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 9; i++) {
            wide.append("\"k").append(i).append("\":").append(i).append(',');
        }
        assertThat(ENC.encodeJson(wide + "\"k9\":9}")).isNotNull();
        assertThatThrownBy(() -> ENC.encodeJson(wide + "\"k8\":0}")).hasMessageContaining("duplicate key 'k8'");
        assertThatThrownBy(() -> ENC.encodeJson(wide + "\"k2\":0}")).hasMessageContaining("duplicate key 'k2'");
        assertThatThrownBy(() -> ENC.encodeJsonStriped("{\"a\":1,\"b\":2,\"a\":3}", 2))
                .hasMessageContaining("duplicate key 'a'");
        assertThatThrownBy(() -> ENC.encodeJson("1 2")).hasMessageContaining("end of the JSON document");
        assertThatThrownBy(() -> ENC.encodeJson("")).hasMessageContaining("empty");
    }

    @Test
    void referenceChecks() {
        assertThat(sim("{\"src_port\":53}", "{\"dst_port\":53}")).isLessThan(0.5);
        double billing = sim("{\"type\":\"billing\",\"amount\":100}", "{\"type\":\"billing\",\"amount\":200}");
        double other = sim("{\"type\":\"billing\",\"amount\":100}", "{\"type\":\"technical\",\"amount\":100}");
        assertThat(billing).isGreaterThan(other);
    }

    @Test
    void walkableMatchesJson() {
        Walkable packet = v -> {
            v.field("protocol", "TCP");
            v.field("dst_port", 443);
            v.field("tags", List.of("a", "b"));
            v.field("meta", Map.of("ok", true, "note", "none"));
        };
        HyperVector fromJson = ENC.encodeJson(
                "{\"protocol\":\"TCP\",\"dst_port\":443,\"tags\":[\"a\",\"b\"],\"meta\":{\"ok\":true,\"note\":\"none\"}}");
        assertThat(ENC.encodeWalkable(packet)).isEqualTo(fromJson);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("x", 1.0);
        map.put("y", null);
        // Walkable floats print as Rust Display ("1"), JSON floats as serde_json ("1.0"): close, not equal.
        assertThat(ENC.encodeWalkable(map)).isEqualTo(ENC.encodeJson("{\"x\":1,\"y\":null}"));
        assertThat(Similarity.cosine(ENC.encodeWalkable(map), ENC.encodeJson("{\"x\":1.0,\"y\":null}"))).isGreaterThan(0.3);
        Map<String, Object> rich = Map.of("a", "b", "c", 2, "d", 3.5);
        assertThat(Similarity.cosine(ENC.encodeWalkable(rich), ENC.encodeJson("{\"a\":\"b\",\"c\":2,\"d\":3.5}")))
                .isGreaterThan(0.8);
    }

    @Test
    void walkableSetsAndScalars() {
        HyperVector set = ENC.encodeWalkable(Map.of("s", Set.of("x", "y")));
        HyperVector expectedInner = Algebra.bind(VM.get("set_indicator"), Algebra.bundle(VM.get("s.x"), VM.get("s.y")));
        assertThat(set).isEqualTo(Algebra.bind(VM.get("s"), expectedInner));
        assertThat(ENC.encodeWalkable(Map.of("s", Set.of()))).isEqualTo(Algebra.bind(VM.get("s"), VM.get("s.#{}")));
        PositionalEncoder pos = new PositionalEncoder(4096);
        assertThat(ENC.encodeWalkable(Map.of("r", new ScalarValue.LogScale(100))))
                .isEqualTo(Algebra.bind(VM.get("r"), pos.encodeLog(100)));
        assertThat(ENC.encodeWalkable(Map.of("t", new ScalarValue.TimeScale(0))))
                .isEqualTo(Algebra.bind(VM.get("t"), new TimeEncoder(VM).encode(0)));
        assertThatThrownBy(() -> ENC.encodeWalkable(Map.of("bad", new Object())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> ENC.encodeWalkable(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
    }

    @Test
    void numberText() {
        assertThat(NumberText.json(100.0)).isEqualTo("100.0");
        assertThat(NumberText.json(1.5)).isEqualTo("1.5");
        assertThat(NumberText.json(0.001234)).isEqualTo("0.001234");
        assertThat(NumberText.json(1e-7)).isEqualTo("1e-7");
        assertThat(NumberText.json(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(NumberText.json(1e16)).isEqualTo("1e16");
        assertThat(NumberText.json(1234e13)).isEqualTo("1.234e16");
        assertThat(NumberText.json(1e15)).isEqualTo("1000000000000000.0");
        assertThat(NumberText.json(-2.5)).isEqualTo("-2.5");
        assertThat(NumberText.json(0.0)).isEqualTo("0.0");
        assertThat(NumberText.display(1.0)).isEqualTo("1");
        assertThat(NumberText.display(1e20)).isEqualTo("100000000000000000000");
        assertThat(NumberText.display(1e-7)).isEqualTo("0.0000001");
        assertThat(NumberText.display(-0.0)).isEqualTo("-0");
        assertThat(NumberText.display(0.1f)).isEqualTo("0.1");
        assertThat(NumberText.display(2.0f)).isEqualTo("2");
        assertThat(ENC.encodeWalkable(Map.of("f", 0.1f))).isEqualTo(ENC.encodeWalkable(Map.of("f", 0.1)));
    }

    @Test
    void sequences() {
        List<String> items = List.of("a", "b", "c", "d", "e");
        List<String> reversed = List.of("e", "d", "c", "b", "a");
        assertThat(Similarity.cosine(ENC.encodeSequence(items, SequenceMode.BUNDLE), ENC.encodeSequence(reversed, SequenceMode.BUNDLE)))
                .isGreaterThan(0.9);
        assertThat(Similarity.cosine(ENC.encodeSequence(items, SequenceMode.POSITIONAL),
                ENC.encodeSequence(reversed, SequenceMode.POSITIONAL))).isLessThan(0.8);
        SequenceMode bigram = new SequenceMode.Ngram(2);
        assertThat(Similarity.cosine(ENC.encodeSequence(List.of("x", "a", "b", "y"), bigram),
                ENC.encodeSequence(List.of("p", "a", "b", "q"), bigram))).isGreaterThan(0.1);
        assertThat(ENC.encodeSequence(List.of("a"), bigram)).isEqualTo(VM.get("a"));
        assertThat(ENC.encodeSequence(List.of(), SequenceMode.BUNDLE).nnz()).isZero();
        assertThat(ENC.encodeSequence(List.of("a", "b"), SequenceMode.CHAINED)).isEqualTo(Algebra.bind(VM.get("a"), VM.get("b")));
        assertThat(ENC.encodeSequence(List.of("a", "b"), SequenceMode.POSITIONAL))
                .isEqualTo(Algebra.bundle(VM.get("a"), Algebra.permute(VM.get("b"), 1)));
    }

    @Test
    void striped() {
        String doc = "{\"a\":\"x\",\"b\":{\"c\":1,\"d\":[1,2]},\"e\":{},\"r\":{\"$log\":10}}";
        HyperVector[] stripes = ENC.encodeJsonStriped(doc, 4);
        assertThat(stripes).hasSize(4);
        HyperVector[] again = ENC.encodeJsonStriped(doc, 4);
        assertThat(again).containsExactly(stripes);
        Map<String, Object> same = Map.of("a", "x", "b", Map.of("c", 1, "d", List.of(1, 2)), "e", Map.of(),
                "r", new ScalarValue.LogScale(10));
        assertThat(ENC.encodeWalkableStriped(same, 4)).containsExactly(stripes);
        // Every stripe is the bundle of its leaves' bindings.
        String[] paths = {"a", "b.c", "b.d", "e", "r"};
        Object[] values = {"x", 1, List.of(1, 2), Map.of(), new ScalarValue.LogScale(10)};
        for (int s = 0; s < 4; s++) {
            List<HyperVector> mine = new java.util.ArrayList<>();
            for (int i = 0; i < paths.length; i++) {
                if (StructureEncoder.fieldStripe(paths[i], 4) == s) {
                    mine.add(ENC.leafBinding(values[i], paths[i]));
                }
            }
            HyperVector expected = mine.isEmpty() ? HyperVector.zeros(4096) : Algebra.bundle(mine);
            assertThat(stripes[s]).as("stripe %d", s).isEqualTo(expected);
        }
        assertThat(StructureEncoder.fieldStripe("b.c", 4)).isEqualTo(StructureEncoder.fieldStripe("b.c", 4));
        Map<String, Object> spread = Map.of("s", new Spread(List.of("u", "v")));
        HyperVector[] sp = ENC.encodeWalkableStriped(spread, 1);
        assertThat(sp[0]).isEqualTo(Algebra.bundle(ENC.leafBinding("u", "s.[0]"), ENC.leafBinding("v", "s.[1]")));
        assertThatThrownBy(() -> ENC.encodeJsonStriped("[1]", 2)).hasMessageContaining("object at the root");
        // Non-leaves contribute nothing themselves; their leaves do.
        assertThat(ENC.leafBinding(Map.of("c", 1), "b").nnz()).isZero();
        assertThat(ENC.leafBinding(new Spread(List.of("u")), "s").nnz()).isZero();
        assertThat(ENC.leafBinding(Map.of(), "e")).isEqualTo(Algebra.bind(VM.get("e"), VM.get("e.{}")));
        assertThat(ENC.fieldBinding("b", Map.of("c", 1)))
                .isEqualTo(Algebra.bind(VM.get("b"), Algebra.bind(VM.get("b.c"), VM.get("b.c.1"))));
    }
}
