package org.automoe.core.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.cost.ExpertRouting;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Bpe;
import org.automoe.core.supernet.decode.BeamSearch;
import org.automoe.core.supernet.decode.Translator;
import org.automoe.core.supernet.train.TrainingSettings;
import org.junit.jupiter.api.Test;

class SubnetExportTest {
  private static final TrainingSettings SETTINGS =
      new TrainingSettings(3e-3f, 3e-3f, 0, 100, 0f, 0.01f, 4096, Regularization.NONE);

  @Test
  void anExportedSubnetReproducesTheSupernetSubnet() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 21)) {
      Architecture a = TinySupernet.mixed();
      for (int step = 0; step < 5; step++) {
        net.train(
            TinySupernet.largestOr(a, step), TinySupernet.batch(16, step), SETTINGS, 3e-3f, step);
      }
      try (NDManager em = NDManager.newBaseManager();
          Supernet exported = SubnetExport.export(net, a, em)) {
        Batch b = TinySupernet.batch(20, 77);
        float[] expected = logits(net, a, b);
        float[] actual = logits(exported, a, b);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 1e-4f, "logit " + i);
        }
        assertEquals(
            net.validationLoss(a, List.of(b)), exported.validationLoss(a, List.of(b)), 1e-5);
        assertArrayEquals(
            new Translator(net, a).translate(List.of(new int[] {5, 6, 7}), 1000).get(0),
            new Translator(exported, a).translate(List.of(new int[] {5, 6, 7}), 1000).get(0));
      }
    }
  }

  @Test
  void theExportHoldsExactlyTheSubnetsParameters() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 22)) {
      Architecture a = TinySupernet.mixed();
      try (NDManager em = NDManager.newBaseManager();
          Supernet exported = SubnetExport.export(net, a, em)) {
        long embedding = (long) TinySupernet.VOCAB * 32;
        long expected =
            new CostModel(new CostSettings(64, TinySupernet.VOCAB, 30, 30, ExpertRouting.UNIFORM))
                    .cost(a)
                    .paramsNonEmbedding()
                + embedding;
        assertEquals(
            expected,
            exported.weights().parameterCount(),
            "cost model and export agree on the parameter count");
        assertTrue(exported.weights().names().contains("enc0.expert1.fc2.w"));
        assertTrue(!exported.weights().names().contains("dec1.self.q.w"));
      }
    }
  }

  @Test
  void beamOfWidthOneIsGreedyAndWiderBeamsEndTheirSentences() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 24)) {
      Architecture a = TinySupernet.mixed();
      for (int step = 0; step < 40; step++) {
        net.train(a, TinySupernet.batch(32, step), SETTINGS, 3e-3f, step);
      }
      List<int[]> sources = List.of(new int[] {5, 6, 7}, new int[] {9, 10, 11, 12, 13});
      List<int[]> greedy = new Translator(net, a).translate(sources, 1000);
      List<int[]> beam1 = new BeamSearch(net, a, 1).translate(sources);
      for (int i = 0; i < sources.size(); i++) {
        assertArrayEquals(greedy.get(i), beam1.get(i), "sentence " + i);
      }
      for (int[] hyp : new BeamSearch(net, a, 4).translate(sources)) {
        assertTrue(hyp.length <= 3 * 1.5 + 10 + 5);
        for (int t : hyp) {
          assertTrue(t > Bpe.BOS && t != Bpe.EOS && t < TinySupernet.VOCAB);
        }
      }
    }
  }

  @Test
  void anExportTrainsOnItsOwn() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 23)) {
      Architecture a = TinySupernet.mixed();
      try (NDManager em = NDManager.newBaseManager();
          Supernet exported = SubnetExport.export(net, a, em)) {
        List<Batch> valid = List.of(TinySupernet.batch(32, 5));
        double before = exported.validationLoss(a, valid);
        for (int step = 0; step < 30; step++) {
          exported.train(a, TinySupernet.batch(32, step), SETTINGS, 3e-3f, step);
        }
        assertTrue(exported.validationLoss(a, valid) < before);
      }
    }
  }

  private static float[] logits(Supernet net, Architecture a, Batch batch) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      BatchArrays b = new BatchArrays(net.weights().manager(), batch);
      return net.forward(net.weights(), a, Regularization.NONE, false)
          .run(b)
          .logits()
          .toFloatArray();
    }
  }
}
