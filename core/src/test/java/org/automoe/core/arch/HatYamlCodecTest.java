package org.automoe.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.automoe.core.Fixtures;
import org.automoe.core.InvalidInputException;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HatYamlCodecTest {
  private static final SearchSpace PAPER = BuiltInSpaces.paper(6);

  static Stream<String> hatFiles() {
    return Stream.of(
        "HAT_wmt14ende_xeon@137.9ms_bleu@25.8.yml",
        "HAT_wmt14ende_xeon@340.2ms_bleu@28.1.yml",
        "HAT_wmt14ende_xeon@369.6ms_bleu@28.2.yml",
        "HAT_wmt14ende_xeon@450.9ms_bleu@28.5.yml",
        "HAT_wmt14ende_raspberrypi@3.5s_bleu@25.8.yml",
        "HAT_wmt14ende_raspberrypi@4.0s_bleu@26.9.yml",
        "HAT_wmt14ende_raspberrypi@6.9s_bleu@28.4.yml",
        "HAT_wmt14ende_titanxp@91.2ms_bleu@27.6.yml",
        "HAT_wmt14ende_titanxp@208.1ms_bleu@28.5.yml");
  }

  @ParameterizedTest
  @MethodSource("hatFiles")
  void readsHatsDenseFilesAsOneExpertPerLayer(String file) {
    Architecture a = HatYamlCodec.read(Fixtures.hat(file), PAPER);
    assertEquals(6, a.encoderLayerCount());
    assertFalse(a.isMoe());
    assertEquals(
        a, HatYamlCodec.parse(HatYamlCodec.write(a), PAPER), "write then read gives it back");
  }

  @Test
  void readsTheFieldsOfAHatFile() {
    Architecture a =
        HatYamlCodec.read(Fixtures.hat("HAT_wmt14ende_xeon@340.2ms_bleu@28.1.yml"), PAPER);
    assertEquals(4, a.decoderLayerCount());
    assertEquals(
        List.of(4, 4, 8, 8, 8, 4),
        a.encoderLayers().stream().map(EncoderLayer::selfHeads).toList());
    assertEquals(
        List.of(-1, 1, 1, -1),
        a.decoderLayers().stream().map(DecoderLayer::encDecAttention).toList());
    assertEquals(
        List.of(4, 8, 8, 8), a.decoderLayers().stream().map(DecoderLayer::crossHeads).toList());
  }

  @Test
  void acceptsListsPaddedToTheMaximumDepth() {
    Architecture padded = HatYamlCodec.read(Fixtures.hat("padded-to-max-depth.yml"), PAPER);
    Architecture plain = HatYamlCodec.read(Fixtures.hat(Fixtures.HAT_CHECK), PAPER);
    assertEquals(plain, padded);
  }

  @Test
  void readsAutoMoeExpertKeys() {
    Architecture a = HatYamlCodec.read(Fixtures.hat("automoe-moe.yml"), PAPER);
    assertTrue(a.isMoe());
    assertEquals(640, a.encoderEmbedDim());
    assertEquals(List.of(3072, 1024), a.encoderLayers().get(0).expertWidths());
    assertEquals(
        List.of(1024, 2048, 3072, 1024, 2048, 3072), a.encoderLayers().get(5).expertWidths());
    assertEquals(List.of(3072, 1024), a.decoderLayers().get(1).expertWidths());
    assertEquals(2, a.decoderLayers().get(0).encDecAttention());
  }

  @ParameterizedTest
  @ValueSource(strings = {"paper", "small", "tiny", "paper:16"})
  void writeThenReadIsIdentityForSampledArchitectures(String spaceName) {
    SearchSpace space = BuiltInSpaces.byName(spaceName);
    GenomeLayout layout = new GenomeLayout(space);
    RandomSampler sampler = new RandomSampler(layout);
    for (int i = 0; i < 200; i++) {
      Architecture a = layout.decode(sampler.sample(Seeds.rng(Seeds.derive(7, i))));
      assertEquals(a, HatYamlCodec.parse(HatYamlCodec.write(a), space));
    }
  }

  @Test
  void expertCountsWithoutWidthsGiveHomogeneousExperts() {
    String yaml = base(1) + "encoder-n-experts: [2, 1, 1, 1, 1, 1]\n";
    Architecture a = HatYamlCodec.parse(yaml, PAPER);
    assertEquals(List.of(3072, 3072), a.encoderLayers().get(0).expertWidths());
  }

  @Test
  void namesTheFileAndKeyOfAListShorterThanTheLayerCount(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("short.yml");
    Files.writeString(
        f,
        base(4)
            .replace(
                "decoder-self-attention-heads-all-subtransformer: [8, 8, 8, 8]",
                "decoder-self-attention-heads-all-subtransformer: [8, 8, 8]"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> HatYamlCodec.read(f, PAPER));
    assertEquals(
        f
            + ": decoder-self-attention-heads-all-subtransformer: has 3 entries, but "
            + "decoder-layer-num-subtransformer is 4",
        e.getMessage());
  }

  @Test
  void rejectsAListLongerThanTheLayersThatIsNotPaddedToTheMaximum() {
    String yaml =
        base(2)
            .replace(
                "decoder-ende-attention-heads-all-subtransformer: [8, 8]",
                "decoder-ende-attention-heads-all-subtransformer: [8, 8, 8]");
    assertMessage(yaml, "decoder-ende-attention-heads-all-subtransformer: has 3 entries");
  }

  @Test
  void namesKeyAndLayerOfAValueOutsideTheSpace() {
    String yaml =
        base(2)
            .replace(
                "decoder-ende-attention-heads-all-subtransformer: [8, 8]",
                "decoder-ende-attention-heads-all-subtransformer: [8, 6]");
    assertMessage(
        yaml,
        "decoder-ende-attention-heads-all-subtransformer[1]: 6 is outside the space "
            + "(space 'paper' allows [4, 8])");
  }

  @Test
  void blamesTheKeyOfTheBadValueItself() {
    assertMessage(
        base(2)
            .replace(
                "decoder-embed-dim-subtransformer: 512", "decoder-embed-dim-subtransformer: -512"),
        "decoder-embed-dim-subtransformer: must be positive, but was -512");
    assertMessage(
        base(2)
            .replace(
                "decoder-arbitrary-ende-attn-all-subtransformer: [-1, -1]",
                "decoder-arbitrary-ende-attn-all-subtransformer: [-1, 0]"),
        "decoder-arbitrary-ende-attn-all-subtransformer[1]: must be -1, 1 or 2");
    assertMessage(
        base(1)
            .replace(
                "encoder-self-attention-heads-all-subtransformer: [8, 8, 8, 8, 8, 8]",
                "encoder-self-attention-heads-all-subtransformer: [8, 8, -8, 8, 8, 8]"),
        "encoder-self-attention-heads-all-subtransformer[2]: must be positive, but was -8");
    assertMessage(
        base(1)
            + "encoder-each-expert-ffn-dim-listoflist: ['0', '3072', '3072', '3072', '3072', '3072']\n",
        "encoder-each-expert-ffn-dim-listoflist[0]: expert widths must be positive, but were [0]");
  }

  @Test
  void rejectsUnknownKeysByName() {
    assertMessage(
        base(1) + "encoder-drop-mha-sublayer: [0, 0, 0, 0, 0, 0]\n",
        "encoder-drop-mha-sublayer: unknown key");
  }

  @Test
  void rejectsMalformedYamlWithItsLine() {
    assertMessage(
        "encoder-embed-dim-subtransformer: 512\ndecoder: [1, 2\n", "not valid YAML at line");
  }

  @Test
  void rejectsMissingKeys() {
    assertMessage(
        base(1).replace("encoder-embed-dim-subtransformer: 512\n", ""),
        "encoder-embed-dim-subtransformer: missing");
  }

  @Test
  void rejectsNonNumbers() {
    assertMessage(
        base(1)
            .replace(
                "decoder-layer-num-subtransformer: 1", "decoder-layer-num-subtransformer: one"),
        "decoder-layer-num-subtransformer: expected a whole number, but found 'one'");
  }

  @Test
  void rejectsWidthListsThatDisagreeWithTheExpertCount() {
    String yaml =
        base(1)
            + "encoder-n-experts: [2, 1, 1, 1, 1, 1]\n"
            + "encoder-each-expert-ffn-dim-listoflist: ['3072', '3072', '3072', '3072', '3072', '3072']\n";
    assertMessage(
        yaml,
        "encoder-each-expert-ffn-dim-listoflist[0]: lists 1 expert widths, but encoder-n-experts[0] is 2");
  }

  @Test
  void rejectsRoutingToMoreThanOneExpert() {
    assertMessage(
        base(1) + "decoder-num-experts-to-route: [2]\n", "only top-1 routing is supported");
  }

  @Test
  void rejectsFilesThatAreNotMaps() {
    assertMessage("- 1\n- 2\n", "the file holds a list");
    assertMessage("", "empty file");
  }

  private static void assertMessage(String yaml, String expectedPart) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> HatYamlCodec.parse(yaml, PAPER));
    assertTrue(e.getMessage().contains(expectedPart), () -> "message was: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  private static String base(int decLayers) {
    String dec = String.join(", ", Collections.nCopies(decLayers, "8"));
    String ffn = String.join(", ", Collections.nCopies(decLayers, "3072"));
    String codes = String.join(", ", Collections.nCopies(decLayers, "-1"));
    return "encoder-embed-dim-subtransformer: 512\n"
        + "decoder-embed-dim-subtransformer: 512\n"
        + "encoder-ffn-embed-dim-all-subtransformer: [3072, 3072, 3072, 3072, 3072, 3072]\n"
        + "decoder-ffn-embed-dim-all-subtransformer: ["
        + ffn
        + "]\n"
        + "encoder-layer-num-subtransformer: 6\n"
        + "decoder-layer-num-subtransformer: "
        + decLayers
        + "\n"
        + "encoder-self-attention-heads-all-subtransformer: [8, 8, 8, 8, 8, 8]\n"
        + "decoder-self-attention-heads-all-subtransformer: ["
        + dec
        + "]\n"
        + "decoder-ende-attention-heads-all-subtransformer: ["
        + dec
        + "]\n"
        + "decoder-arbitrary-ende-attn-all-subtransformer: ["
        + codes
        + "]\n";
  }
}
