package org.automoe.cluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Limits(OptionalDouble maxLatencyMs, OptionalLong maxFlops, Optional<String> failure) {}

  record Row(String arch, double loss, long flops, List<Integer> ids, Path file) {}

  @Test
  void recordsKeepTheirComponentOrderAndAbsentOptionalsDropTheirKey() {
    assertEquals(
        "{\"maxLatencyMs\":12.5}",
        Json.write(new Limits(OptionalDouble.of(12.5), OptionalLong.empty(), Optional.empty())));
    assertEquals(
        "{\"maxFlops\":7,\"failure\":\"no child\"}",
        Json.write(
            new Limits(OptionalDouble.empty(), OptionalLong.of(7), Optional.of("no child"))));
  }

  @Test
  void nonFiniteNumbersAreNullAndTextIsEscapedOnlyWhereJsonNeedsIt() {
    assertEquals(
        "{\"arch\":\"a<b> \\\"q\\\"\\n\",\"loss\":null,\"flops\":3,\"ids\":[1,2],\"file\":\"x/y\"}",
        Json.write(new Row("a<b> \"q\"\n", Double.NaN, 3, List.of(1, 2), Path.of("x/y"))));
  }

  @Test
  void mapsKeepInsertionOrderWithNestedValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1.5);
    m.put("a", Map.of("k", true));
    m.put("inf", Double.POSITIVE_INFINITY);
    assertEquals("{\"z\":1.5,\"a\":{\"k\":true},\"inf\":null}", Json.write(m));
  }

  @Test
  void shapesTellWholeNumbersFromFloatsAndKeepKeyOrder() {
    assertEquals(
        "{arch:string,loss:null,flops:int,ids:[int],file:string}",
        JsonShape.of(Json.write(new Row("a", Double.NaN, 3, List.of(1, 2), Path.of("x")))));
    assertEquals(
        "{z:float,a:{k:bool},e:[]}", JsonShape.of("{\"z\":1.0,\"a\":{\"k\":true},\"e\":[]}"));
  }
}
