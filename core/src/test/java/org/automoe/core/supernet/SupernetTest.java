package org.automoe.core.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.data.Batch;
import org.automoe.core.supernet.train.TrainingSettings;
import org.junit.jupiter.api.Test;

class SupernetTest {
  private static final TrainingSettings NO_DROPOUT =
      new TrainingSettings(3e-3f, 3e-3f, 0, 200, 0f, 0.01f, 4096, Regularization.NONE);

  /** Sum of absolute values of a slice of a parameter's gradient. */
  private static float grad(Supernet s, String name, String index) {
    NDArray g = s.weights().get(name).getGradient();
    return g.get(new NDIndex(index)).abs().sum().getFloat();
  }

  @Test
  void gradientsReachOnlyTheActiveSlices() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet s = TinySupernet.create(m, 1)) {
      Architecture a = TinySupernet.mixed();
      // lr 0: the update leaves weights as they are but gradients are computed; read them first.
      Set<String> used = new HashSet<>();
      try (NDScope scope = new NDScope();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        BatchArrays b = new BatchArrays(s.weights().manager(), TinySupernet.batch(16, 2));
        SubnetForward.Result r =
            s.forward(s.weights().recording(used), a, Regularization.NONE, true).run(b);
        gc.backward(
            Losses.labelSmoothed(r.logits(), b.targetOut, b.targetTokens, 0.1f, b.targetTokenCount)
                .smoothed()
                .add(r.balanceLoss()));
        assertTrue(grad(s, "embed", ":, :32") > 0);
        assertEquals(0f, grad(s, "embed", ":, 32:"), "embedding columns beyond d=32");
        assertTrue(grad(s, "enc0.self.q.w", ":, :32") > 0);
        assertEquals(0f, grad(s, "enc0.self.q.w", ":, 32:"), "query input columns beyond d");
        assertEquals(0f, grad(s, "enc0.self.o.w", "32:, :"), "output rows beyond d");
        assertTrue(grad(s, "enc0.expert1.fc1.w", ":32, :32") > 0);
        assertEquals(
            0f,
            grad(s, "enc0.expert1.fc1.w", "32:, :"),
            "hidden units beyond the expert's width 32");
        assertEquals(0f, grad(s, "enc0.expert2.fc1.w", ":, :"), "expert 2 of a 2-expert layer");
        assertEquals(0f, grad(s, "enc0.router.w", "2:, :"), "router rows beyond n=2");
        assertTrue(
            grad(s, "enc0.router.w", ":2, :32") > 0, "the gate probability trains the router");
        assertEquals(0f, grad(s, "enc1.router.w", ":, :"), "a dense layer has no router");
        assertEquals(0f, grad(s, "dec1.self.q.w", ":, :"), "decoder layer beyond depth 1");
        assertTrue(grad(s, "dec0.cross.k.w", ":, :32") > 0);
        assertTrue(!used.contains("dec1.self.q.w") && used.contains("dec0.expert2.fc1.w"));
      }
    }
  }

  @Test
  void eachTokenGoesToExactlyOneOfTheFirstNExperts() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet s = TinySupernet.create(m, 3)) {
      Batch b = TinySupernet.batch(12, 4);
      List<long[]> routing = s.routing(TinySupernet.mixed(), b);
      assertEquals(
          2, routing.size(), "two MoE layers: encoder 0 (2 experts), decoder 0 (3 experts)");
      assertEquals(
          b.source().length * b.source()[0].length,
          routing.get(0).length,
          "one choice per source token");
      assertEquals(b.targetIn().length * b.targetIn()[0].length, routing.get(1).length);
      for (long e : routing.get(0)) {
        assertTrue(e >= 0 && e < 2);
      }
      for (long e : routing.get(1)) {
        assertTrue(e >= 0 && e < 3);
      }
    }
  }

  @Test
  void lossFallsOnATinyTaskWithinAFewDozenSteps() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet s = TinySupernet.create(m, 5)) {
      Architecture a = Extremes.largest(TinySupernet.SPACE, false);
      List<Batch> valid = List.of(TinySupernet.batch(64, 99));
      double before = s.validationLoss(a, valid);
      for (int step = 0; step < 60; step++) {
        s.train(a, TinySupernet.batch(32, step), NO_DROPOUT, 3e-3f, step);
      }
      double after = s.validationLoss(a, valid);
      // Typically 0.5-0.7 of the start; MKL's alignment-dependent kernels make the exact path vary
      // between runs (seen: 0.69). A model that does not learn stays at or above the start.
      assertTrue(after < 0.8 * before, "validation loss " + before + " -> " + after);
    }
  }

  @Test
  void translationReadsTheSource() {
    // Targets are random source tokens shifted by one, so a decoder that does not attend to the
    // source cannot go below the entropy of a uniform token, ln 35 = 3.56 nats. Seen: 0.12.
    TrainingSettings schedule =
        new TrainingSettings(3e-3f, 1e-7f, 50, 300, 0f, 0.01f, 4096, Regularization.NONE);
    try (NDManager m = NDManager.newBaseManager();
        Supernet s = TinySupernet.create(m, 5)) {
      Architecture a = Extremes.largest(TinySupernet.SPACE, false);
      for (int step = 0; step < schedule.totalSteps(); step++) {
        s.train(a, TinySupernet.batch(32, step), schedule, schedule.learningRate(step), step);
      }
      double loss = s.validationLoss(a, List.of(TinySupernet.batch(64, 99)));
      assertTrue(loss < 1.0, "validation loss on the shift task " + loss);
    }
  }

  @Test
  void seededStepsReplayExactlyWithDropout() {
    TrainingSettings dropout =
        new TrainingSettings(1e-3f, 1e-3f, 0, 10, 0.1f, 0.01f, 4096, Regularization.PAPER);
    float[] a = train(dropout);
    float[] b = train(dropout);
    assertEquals(a.length, b.length);
    // MKL's BLAS may pick a different kernel for differently aligned buffers, so replays agree to
    // rounding (seen: 2e-7), not always bit for bit. A different dropout mask or data order moves
    // weights by about the learning rate (1e-3), far outside this tolerance.
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-5f, "weight " + i);
    }
  }

  private static float[] train(TrainingSettings t) {
    try (NDManager m = NDManager.newBaseManager();
        Supernet s = TinySupernet.create(m, 7)) {
      for (int step = 0; step < 3; step++) {
        s.train(TinySupernet.mixed(), TinySupernet.batch(8, step), t, 1e-3f, 1000 + step);
      }
      return s.weights().get("enc0.expert0.fc1.w").toFloatArray();
    }
  }

  @Test
  void adamLeavesNeverUsedParametersUnchanged() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet s = TinySupernet.create(m, 8)) {
      float[] before = s.weights().get("dec1.self.q.w").toFloatArray();
      float[] expertBefore = s.weights().get("enc0.expert2.fc1.w").toFloatArray();
      for (int step = 0; step < 3; step++) {
        s.train(TinySupernet.mixed(), TinySupernet.batch(8, step), NO_DROPOUT, 1e-2f, step);
      }
      assertArrayEquals(before, s.weights().get("dec1.self.q.w").toFloatArray());
      assertArrayEquals(expertBefore, s.weights().get("enc0.expert2.fc1.w").toFloatArray());
    }
  }

  @Test
  void anUpdateWithANonFiniteLossIsSkippedAndLeavesTheWeightsAlone() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 41)) {
      Architecture a = Extremes.largest(TinySupernet.SPACE, false);
      TrainingSettings s =
          new TrainingSettings(1e12f, 1e12f, 0, 100, 0f, 0.01f, 4096, Regularization.NONE);
      boolean skipped = false;
      for (int step = 0; step < 10 && !skipped; step++) {
        float[] before = net.weights().get("embed").toFloatArray();
        Supernet.Step r = net.train(a, TinySupernet.batch(8, step), s, 1e12f, step);
        if (r.skipped()) {
          skipped = true;
          assertTrue(!Float.isFinite(r.loss()) || !Float.isFinite(r.balanceLoss()));
          assertEquals("loss is not finite", r.skipReason());
          assertArrayEquals(before, net.weights().get("embed").toFloatArray(), "weights unchanged");
          // Its gradients were discarded, so the next step starts clean.
          for (float v : net.weights().get("embed").getGradient().toFloatArray()) {
            assertEquals(0f, v);
          }
        }
      }
      assertTrue(skipped, "a learning rate of 1e12 blows the loss up within ten steps");
    }
  }
}
