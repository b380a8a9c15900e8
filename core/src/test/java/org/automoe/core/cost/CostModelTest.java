package org.automoe.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.Fixtures;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.EncoderLayer;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.junit.jupiter.api.Test;

class CostModelTest {
  private static final SearchSpace PAPER = BuiltInSpaces.paper(6);
  private static final CostModel MODEL = new CostModel(CostSettings.of(PAPER));

  @Test
  void reproducesHatsPublishedParamsAndFlops() {
    Architecture hat = HatYamlCodec.read(Fixtures.hat(Fixtures.HAT_CHECK), PAPER);
    CostReport r = MODEL.cost(hat);
    // HAT README: 30.47 M params, 1.87 GFLOPs; REFERENCE.md: 30,465,536 and 1.873 G.
    assertEquals(30_465_536L, r.paramsNonEmbedding());
    assertEquals("1.873", String.format("%.3f", r.flops() / 1e9));
    assertEquals(1_873_336_320L, r.flops(), "hand-computed from the MAC conventions");
  }

  @Test
  void countsHeterogeneousDenseLayersExactly() {
    // Encoder FFN [1024, 3072, 3072, 2048, 2048, 2048], one decoder layer of 3072, by hand:
    // 6 x (attention 1,050,624 + 2 LayerNorms 2,048) + FFNs 13,647,872 + decoder 5,253,632.
    Architecture a =
        HatYamlCodec.read(Fixtures.hat("HAT_wmt14ende_raspberrypi@3.5s_bleu@25.8.yml"), PAPER);
    assertEquals(25_217_536L, MODEL.cost(a).paramsNonEmbedding());
  }

  @Test
  void attendingToMoreEncoderLayersCostsTheirKeyValueProjections() {
    long one = MODEL.cost(Fixtures.dense(3072, 1, -1)).flops();
    long two = MODEL.cost(Fixtures.dense(3072, 1, 1)).flops();
    long three = MODEL.cost(Fixtures.dense(3072, 1, 2)).flops();
    // Each extra layer adds 30 keys: K and V projections (2 x 30 x 512 x 512) and scores and
    // context (2 x 30 x 30 x 512), doubled to FLOPs.
    long perLayer = 2L * (2L * 30 * 512 * 512 + 2L * 30 * 30 * 512);
    assertEquals(perLayer, two - one);
    assertEquals(perLayer, three - two);
    assertEquals(
        MODEL.cost(Fixtures.dense(3072, 1, 1)).paramsNonEmbedding(),
        MODEL.cost(Fixtures.dense(3072, 1, 2)).paramsNonEmbedding());
  }

  @Test
  void moeLayerCountsRouterAllExpertsAndTheExpectedActiveExpert() {
    Architecture dense = Fixtures.dense(1024, 1, -1);
    List<EncoderLayer> enc = new ArrayList<>(dense.encoderLayers());
    enc.set(0, new EncoderLayer(8, List.of(1024, 3072)));
    Architecture moe = new Architecture(512, 512, enc, dense.decoderLayers());
    CostReport d = MODEL.cost(dense);
    CostReport m = MODEL.cost(moe);
    long router = 512L * 2;
    long expert3072 = 2L * 512 * 3072 + 3072 + 512;
    assertEquals(router + expert3072, m.paramsNonEmbedding() - d.paramsNonEmbedding());
    // Active: router + the mean of the two experts under uniform routing, minus the dense expert.
    long expert1024 = 2L * 512 * 1024 + 1024 + 512;
    assertEquals(router + (expert3072 - expert1024) / 2, m.paramsActive() - d.paramsActive());
    // FLOPs: router (30 x 512 x 2) + gate scaling (30 x 512) + half the tokens each, x2.
    long macs =
        30L * 512 * 2 + 30L * 512 + 30L * 2 * 512 * (1024 + 3072) / 2 - 30L * 2 * 512 * 1024;
    assertEquals(2 * macs, m.flops() - d.flops());
    assertEquals("uniform", m.routing());
  }

  @Test
  void denseModelsHaveAllParamsActive() {
    CostReport r = MODEL.cost(Fixtures.dense(2048, 3, 1));
    assertEquals(r.paramsNonEmbedding(), r.paramsActive());
  }

  @Test
  void totalsAddTheSharedEmbeddingAndTheOutputProjection() {
    Architecture a = Fixtures.dense(2048, 3, 1);
    CostReport r = MODEL.cost(a);
    assertEquals(r.paramsNonEmbedding() + 32768L * 512, r.paramsTotal());
    assertEquals(r.flops() + 2L * 30 * 512 * 32768, r.flopsWithOutput());
    assertEquals(r.flops(), r.encoderFlops() + r.decoderFlops());
    CostReport small = new CostModel(CostSettings.of(PAPER).withVocabSize(1000)).cost(a);
    assertEquals(r.paramsNonEmbedding() + 1000L * 512, small.paramsTotal());
  }

  @Test
  void largerChoicesNeverCostLess() {
    assertTrue(
        MODEL.cost(Fixtures.dense(3072, 6, 2)).flops()
            > MODEL.cost(Fixtures.dense(1024, 6, 2)).flops());
    assertTrue(
        MODEL.cost(Fixtures.dense(1024, 6, 2)).flops()
            > MODEL.cost(Fixtures.dense(1024, 1, 2)).flops());
  }
}
