package org.automoe.core.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.LoggedLines;
import org.automoe.core.data.Example;
import org.automoe.core.supernet.train.SupernetTrainer;
import org.automoe.core.supernet.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final TrainingSettings SETTINGS =
      new TrainingSettings(2e-3f, 1e-5f, 2, 6, 0.1f, 0.01f, 256, Regularization.PAPER);

  private static SupernetTrainer.Config config() {
    return new SupernetTrainer.Config(11, 2, 3, 60, 3, 32, 2, 32);
  }

  private static final List<Example> TRAIN = TinySupernet.shiftTask(200, 1);
  private static final List<Example> VALID = TinySupernet.shiftTask(40, 2);

  @Test
  void aResumedRunEndsExactlyWhereAnUninterruptedOneDoes(@TempDir Path dir) {
    float[] straight;
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 4)) {
      new SupernetTrainer(net, SETTINGS, config(), dir.resolve("a"), "sha").run(TRAIN, VALID, 0);
      straight = allWeights(net);
    }
    // Interrupted after step 3: only the checkpoint of step 3 survives.
    TrainingSettings firstHalf = SETTINGS;
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 4)) {
      SupernetTrainer t = new SupernetTrainer(net, firstHalf, config(), dir.resolve("b"), "sha");
      t.runUntil(TRAIN, VALID, 0, 3);
    }
    CheckpointInfo info = Checkpoints.info(dir.resolve("b/last"));
    assertEquals(3, info.step());
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = Checkpoints.load(dir.resolve("b/last"), m)) {
      new SupernetTrainer(net, info.settings(), config(), dir.resolve("b"), "sha")
          .run(TRAIN, VALID, info.step());
      // To rounding: MKL may choose kernels by buffer alignment (see SupernetTest); a lost RNG
      // state or a replayed batch would move weights by about the learning rate instead.
      assertArrayEquals(straight, allWeights(net), 1e-5f);
    }
  }

  @Test
  void writesProgressValidationCsvAndBestAndLastCheckpoints(@TempDir Path dir) throws IOException {
    List<String> lines;
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 4);
        LoggedLines log = new LoggedLines(SupernetTrainer.class)) {
      SupernetTrainer.Result r =
          new SupernetTrainer(net, SETTINGS, config(), dir, "sha").run(TRAIN, VALID, 0);
      assertEquals(6, r.steps());
      assertTrue(r.targetTokensPerSecond() > 0);
      lines = log.messages();
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("step 2/6  loss ")), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("validation at step 6: mean ")),
        lines.toString());
    List<String> csv = Files.readAllLines(dir.resolve("validation.csv"));
    assertEquals("step,subnet,params_active,valid_loss,key", csv.get(0));
    assertEquals(
        1 + 2 * 4,
        csv.size(),
        "4 subnets (largest, smallest, 2 random) validated at steps 3 and 6");
    assertEquals(6, Checkpoints.info(dir.resolve("last")).step());
    assertTrue(Files.isRegularFile(dir.resolve("best/weights.ndlist")));
  }

  @Test
  void truncatedOrForeignCheckpointsAreOneLineErrors(@TempDir Path dir) throws IOException {
    try (NDManager m = NDManager.newBaseManager();
        Supernet net = TinySupernet.create(m, 4)) {
      Checkpoints.save(dir.resolve("ck"), net, 0, 1, SETTINGS, "sha", Double.NaN);
    }
    Path weights = dir.resolve("ck/weights.ndlist");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
    try (NDManager m = NDManager.newBaseManager()) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> Checkpoints.load(dir.resolve("ck"), m));
      assertTrue(e.getMessage().contains("weights.ndlist: truncated"), e.getMessage());
      Files.writeString(dir.resolve("ck/checkpoint.json"), "{\"hello\": 1}");
      e = assertThrows(InvalidInputException.class, () -> Checkpoints.load(dir.resolve("ck"), m));
      assertTrue(e.getMessage().contains("not an automoe checkpoint"), e.getMessage());
      e = assertThrows(InvalidInputException.class, () -> Checkpoints.load(dir, m));
      assertTrue(
          e.getMessage().endsWith("not a supernet checkpoint (checkpoint.json is missing)"),
          e.getMessage());
    }
  }

  private static float[] allWeights(Supernet net) {
    List<Float> all = new ArrayList<>();
    for (String name : net.weights().names()) {
      for (float f : net.weights().get(name).toFloatArray()) {
        all.add(f);
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }
}
