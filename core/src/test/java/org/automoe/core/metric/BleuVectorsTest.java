package org.automoe.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** sacreBLEU 2.6.0's own outputs, matched to 1e-6. */
class BleuVectorsTest {
  static Stream<JsonObject> vectors() throws IOException {
    try (var in = BleuVectorsTest.class.getResourceAsStream("/bleu/bleu-vectors.json")) {
      JsonArray all =
          JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .getAsJsonArray();
      List<JsonObject> out = new ArrayList<>();
      all.forEach(e -> out.add(e.getAsJsonObject()));
      return out.stream();
    }
  }

  static Stream<JsonObject> scoreVectors() throws IOException {
    return vectors().filter(v -> v.has("hyps"));
  }

  static Stream<JsonObject> tokenizerVectors() throws IOException {
    return vectors().filter(v -> v.has("input"));
  }

  @ParameterizedTest
  @MethodSource("scoreVectors")
  void matchesSacreBleu(JsonObject v) {
    JsonObject o = v.getAsJsonObject("options");
    BleuSettings s =
        new BleuSettings(
            o.has("tokenize") ? o.get("tokenize").getAsString() : "13a",
            o.has("lowercase") && o.get("lowercase").getAsBoolean(),
            o.has("smooth_method") ? o.get("smooth_method").getAsString() : "exp",
            Double.NaN,
            false);
    List<List<String>> refs = new ArrayList<>();
    v.getAsJsonArray("refs").forEach(r -> refs.add(strings(r.getAsJsonArray())));
    BleuScore b = Bleu.corpus(strings(v.getAsJsonArray("hyps")), refs, s);
    String name = v.get("name").getAsString();
    assertEquals(v.get("score").getAsDouble(), b.score(), 1e-6, name);
    assertEquals(longs(v.getAsJsonArray("counts")), b.counts(), name);
    assertEquals(longs(v.getAsJsonArray("totals")), b.totals(), name);
    assertEquals(v.get("sys_len").getAsLong(), b.sysLen(), name);
    assertEquals(v.get("ref_len").getAsLong(), b.refLen(), name);
    assertEquals(v.get("bp").getAsDouble(), b.bp(), 1e-9, name);
    assertEquals(v.get("signature").getAsString(), b.signature(), name);
  }

  @ParameterizedTest
  @MethodSource("tokenizerVectors")
  void tokenizes13aLikeSacreBleu(JsonObject v) {
    assertEquals(
        v.get("output").getAsString(), Tokenizer13a.tokenize(v.get("input").getAsString()));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : a) {
      out.add(e.getAsString());
    }
    return out;
  }

  private static List<Long> longs(JsonArray a) {
    List<Long> out = new ArrayList<>();
    for (JsonElement e : a) {
      out.add(e.getAsLong());
    }
    return out;
  }
}
