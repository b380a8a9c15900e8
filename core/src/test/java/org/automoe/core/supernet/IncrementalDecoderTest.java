package org.automoe.core.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;
import org.automoe.core.data.Batch;
import org.automoe.core.supernet.train.TrainingSettings;
import org.junit.jupiter.api.Test;

class IncrementalDecoderTest {
  private static final TrainingSettings SETTINGS =
      new TrainingSettings(3e-3f, 3e-3f, 0, 100, 0f, 0.01f, 4096, Regularization.NONE);

  /** A two-layer decoder whose first layer attends both encoder outputs. */
  private static Architecture deepDecoder() {
    return new Architecture(
        64,
        32,
        List.of(new EncoderLayer(2, List.of(64, 32)), new EncoderLayer(4, List.of(128))),
        List.of(
            new DecoderLayer(2, 4, 1, List.of(32, 128, 64)),
            new DecoderLayer(4, 2, -1, List.of(64))));
  }

  @Test
  void cachedStepsGiveTheLogitsOfTheFullForwardPass() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 31)) {
      for (int step = 0; step < 4; step++) {
        net.train(
            TinySupernet.largestOr(deepDecoder(), step),
            TinySupernet.batch(16, step),
            SETTINGS,
            3e-3f,
            step);
      }
      for (Architecture a : List.of(TinySupernet.mixed(), deepDecoder())) {
        Batch b = TinySupernet.batch(6, 99);
        float[] full = fullLogProbs(net, a, b);
        int rows = b.size();
        int time = b.targetIn()[0].length;
        int vocab = TinySupernet.VOCAB;
        List<int[]> sources = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
          sources.add(Arrays.copyOf(b.source()[r], b.sourceLengths()[r]));
        }
        try (IncrementalDecoder decoder = IncrementalDecoder.open(net, a)) {
          decoder.encode(sources, 1);
          for (int t = 0; t < time; t++) {
            long[] tokens = new long[rows];
            for (int r = 0; r < rows; r++) {
              tokens[r] = b.targetIn()[r][t];
            }
            float[] step = decoder.stepLogProbs(tokens);
            for (int r = 0; r < rows; r++) {
              for (int v = 0; v < vocab; v++) {
                assertEquals(
                    full[(r * time + t) * vocab + v],
                    step[r * vocab + v],
                    1e-4f,
                    "row " + r + " position " + t + " token " + v);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void reorderingRowsReordersTheirCaches() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 32)) {
      Architecture a = deepDecoder();
      List<int[]> sources = List.of(new int[] {5, 6, 7, 2}, new int[] {9, 10, 2});
      try (IncrementalDecoder one = IncrementalDecoder.open(net, a);
          IncrementalDecoder swapped = IncrementalDecoder.open(net, a)) {
        one.encode(sources, 1);
        swapped.encode(sources, 1);
        one.stepLogProbs(new long[] {1, 1});
        swapped.stepLogProbs(new long[] {1, 1});
        swapped.reorder(new long[] {1, 0, 1});
        float[] expected = one.stepLogProbs(new long[] {12, 13});
        float[] actual = swapped.stepLogProbs(new long[] {13, 12, 13});
        int vocab = TinySupernet.VOCAB;
        for (int v = 0; v < vocab; v++) {
          assertEquals(expected[vocab + v], actual[v], 1e-5f);
          assertEquals(expected[v], actual[vocab + v], 1e-5f);
          assertEquals(expected[vocab + v], actual[2 * vocab + v], 1e-5f);
        }
        assertEquals(3, swapped.rows());
        assertEquals(2, swapped.position());
      }
    }
  }

  @Test
  void stepsNeedAnEncodedSourceAndOneTokenPerRow() {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 33);
        IncrementalDecoder decoder = IncrementalDecoder.open(net, TinySupernet.mixed())) {
      assertThrows(IllegalStateException.class, () -> decoder.stepGreedy(new long[] {1}));
      decoder.encode(List.of(new int[] {5, 2}), 2);
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> decoder.stepGreedy(new long[] {1}));
      assertEquals("a step needs one token per row (2), but got 1", e.getMessage());
    }
  }

  private static float[] fullLogProbs(Supernet net, Architecture a, Batch batch) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      BatchArrays b = new BatchArrays(net.weights().manager(), batch);
      return net.forward(net.weights(), a, Regularization.NONE, false)
          .run(b)
          .logits()
          .logSoftmax(-1)
          .toFloatArray();
    }
  }
}
