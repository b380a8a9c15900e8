package org.automoe.core.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class SearchSpaceCodecTest {
  private static Object yaml(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"paper", "small", "tiny", "paper:2", "paper:16"})
  void printedSpacesReadBackEqual(String name) {
    SearchSpace space = BuiltInSpaces.byName(name);
    assertEquals(space, SearchSpaceCodec.fromTree(yaml(SearchSpaceCodec.toYaml(space))));
  }

  @Test
  void paperSpaceMatchesTheReference() {
    SearchSpace p = BuiltInSpaces.byName("paper");
    assertEquals(List.of(512, 640), p.encoder().embedDims());
    assertEquals(List.of(6), p.encoder().layerCounts());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), p.decoder().layerCounts());
    assertEquals(List.of(-1, 1, 2), p.decoder().encDecAttention());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), p.encoder().expertCounts());
    assertEquals(List.of(1024, 2048, 3072), p.decoder().expertWidths());
    assertEquals(512, p.qkvDim());
    assertEquals(16, BuiltInSpaces.byName("paper:16").decoder().maxExperts());
  }

  @Test
  void acceptsRangesAndSortsChoices() {
    String text =
        SearchSpaceCodec.toYaml(BuiltInSpaces.tiny())
            .replace("experts: [1, 2, 3]", "experts: 1..3")
            .replace("self-heads: [2, 4]", "self-heads: [4, 2]");
    assertEquals(BuiltInSpaces.tiny(), SearchSpaceCodec.fromTree(yaml(text)));
  }

  @Test
  void namesTheKeyOfHeadsThatDoNotDivideQkv() {
    String text =
        SearchSpaceCodec.toYaml(BuiltInSpaces.small())
            .replaceFirst("self-heads: \\[2, 4\\]", "self-heads: [3, 4]");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(text)));
    assertEquals("encoder.self-heads: 3 heads do not divide qkv-dim 128", e.getMessage());
  }

  @Test
  void namesUnknownAndMissingKeys() {
    String unknown =
        SearchSpaceCodec.toYaml(BuiltInSpaces.tiny())
            .replace("  layers: [1, 2]", "  depth: [1, 2]");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(unknown)));
    assertTrue(e.getMessage().startsWith("decoder.depth: unknown key"), e.getMessage());
    String missing = SearchSpaceCodec.toYaml(BuiltInSpaces.tiny()).replace("qkv-dim: 64\n", "");
    e = assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(missing)));
    assertEquals("qkv-dim: missing", e.getMessage());
  }

  @Test
  void rejectsBadValuesWithTheirKey() {
    String dup =
        SearchSpaceCodec.toYaml(BuiltInSpaces.tiny())
            .replace("embed-dims: [32, 64]", "embed-dims: [32, 32]");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(dup)));
    assertEquals("encoder.embed-dims: 32 is listed twice", e.getMessage());
    String word =
        SearchSpaceCodec.toYaml(BuiltInSpaces.tiny())
            .replace("vocab-size: 1000", "vocab-size: many");
    e = assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(word)));
    assertEquals("vocab-size: expected a whole number, but found 'many'", e.getMessage());
  }

  @Test
  void refusesRangesAndValuesBeyondTheBoundsBeforeExpandingThem() {
    String tiny = SearchSpaceCodec.toYaml(BuiltInSpaces.tiny());
    String huge = tiny.replaceFirst("experts: \\[[^\\]]*\\]", "experts: \"1..2147483647\"");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(huge)));
    assertEquals(
        "encoder.experts: range '1..2147483647' holds 2147483647 values; a list holds at most 64",
        e.getMessage());
    String wide = tiny.replaceFirst("expert-widths: \\[[^\\]]*\\]", "expert-widths: [64, 100000]");
    e = assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(wide)));
    assertEquals(
        "encoder.expert-widths: 100000 is not allowed (must be in [1, 65536])", e.getMessage());
    String longList = tiny.replaceFirst("experts: \\[[^\\]]*\\]", "experts: \"1..64\"");
    SearchSpace s = SearchSpaceCodec.fromTree(yaml(longList));
    assertEquals(64, s.encoder().maxExperts());
  }

  @Test
  void rejectsEncDecAttentionReachingPastTheShallowestEncoder() {
    String text =
        SearchSpaceCodec.toYaml(BuiltInSpaces.tiny())
            .replace("enc-dec-attention: [-1, 1]", "enc-dec-attention: [-1, 1, 2]");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SearchSpaceCodec.fromTree(yaml(text)));
    assertTrue(
        e.getMessage().startsWith("decoder.enc-dec-attention: code 2 attends to the last 3"),
        e.getMessage());
  }

  @Test
  void unknownBuiltInNamesListTheChoices() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> BuiltInSpaces.byName("huge"));
    assertTrue(e.getMessage().contains("[paper, small, tiny]"));
    assertThrows(InvalidInputException.class, () -> BuiltInSpaces.byName("paper:x"));
  }
}
