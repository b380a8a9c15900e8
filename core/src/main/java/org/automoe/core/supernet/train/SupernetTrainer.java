package org.automoe.core.supernet.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.core.Durations;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.Supernet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a supernet by sampling one random subnet per update (every dimension uniform and
 * independent, the draw seeded by (run seed, update)), with periodic validation of a fixed set of
 * real subnets and checkpoints. Everything random derives from the run seed and the step, so a run
 * resumed from a checkpoint continues exactly as if it had not stopped.
 */
public final class SupernetTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SupernetTrainer.class);

  private static final long SUBNET = 0x5B;
  private static final long DROPOUT = 0xD0;
  private static final long VALID_SUBNETS = 0xFA;

  /** Non-finite losses in a row after which a run stops instead of skipping on. */
  static final int MAX_SKIPPED_IN_A_ROW = 20;

  /**
   * @param seed the run's root seed
   * @param logEvery steps between progress lines
   * @param checkpointEvery steps between checkpoints (also taken every {@code checkpointMinutes})
   * @param checkpointMinutes minutes between checkpoints
   * @param validateEvery steps between validations
   * @param validSentences validation sentences used (the first ones of the split)
   * @param randomValidSubnets random subnets validated besides the largest and smallest
   * @param maxLength longest example side kept, in tokens
   */
  public record Config(
      long seed,
      int logEvery,
      int checkpointEvery,
      double checkpointMinutes,
      int validateEvery,
      int validSentences,
      int randomValidSubnets,
      int maxLength) {}

  /** What a finished (or interrupted-and-finished) run did. */
  public record Result(
      long steps, double targetTokensPerSecond, double lastLoss, double bestValidLoss) {}

  private final Supernet net;
  private final TrainingSettings settings;
  private final Config config;
  private final Path out;
  private final String bpeSha256;
  private final GenomeLayout layout;
  private final RandomSampler sampler;
  private final TokenBatcher batcher;

  /** Set for standalone training of one architecture; null for supernet training. */
  private final Architecture fixedArch;

  public SupernetTrainer(
      Supernet net, TrainingSettings settings, Config config, Path out, String bpeSha256) {
    this(net, settings, config, out, bpeSha256, null);
  }

  private SupernetTrainer(
      Supernet net,
      TrainingSettings settings,
      Config config,
      Path out,
      String bpeSha256,
      Architecture fixedArch) {
    this.fixedArch = fixedArch;
    this.net = net;
    this.settings = settings;
    this.config = config;
    this.out = out;
    this.bpeSha256 = bpeSha256;
    this.layout = new GenomeLayout(net.space());
    this.sampler = new RandomSampler(layout);
    this.batcher = new TokenBatcher(settings.maxTokens(), config.maxLength());
  }

  /**
   * Trains only {@code arch}, validates only it: standalone training of one architecture (a
   * baseline, or a searched model retrained from scratch or from inherited weights).
   */
  public SupernetTrainer fixed(Architecture arch) {
    return new SupernetTrainer(net, settings, config, out, bpeSha256, arch);
  }

  /** The subnet trained at {@code step}. */
  public Architecture subnetAt(long step) {
    if (fixedArch != null) {
      return fixedArch;
    }
    return layout.decode(sampler.sample(Seeds.rng(Seeds.derive(config.seed(), SUBNET, step))));
  }

  /** The fixed validation set: largest, smallest, then seeded random subnets. */
  public Map<String, Architecture> validationSubnets() {
    Map<String, Architecture> m = new LinkedHashMap<>();
    if (fixedArch != null) {
      m.put("trained", fixedArch);
      return m;
    }
    m.put("largest", Extremes.largest(net.space(), false));
    m.put("smallest", Extremes.smallest(net.space()));
    for (int i = 0; i < config.randomValidSubnets(); i++) {
      m.put(
          "random" + (i + 1),
          layout.decode(sampler.sample(Seeds.rng(Seeds.derive(config.seed(), VALID_SUBNETS, i)))));
    }
    return m;
  }

  /** Trains from {@code startStep} to the schedule's end. */
  public Result run(List<Example> train, List<Example> valid, long startStep) {
    return runUntil(train, valid, startStep, settings.totalSteps());
  }

  /**
   * Trains from {@code startStep} up to {@code stopStep} of the schedule (an interruption at a step
   * boundary, as tests and time-boxed runs need), checkpointing at the stop.
   */
  public Result runUntil(List<Example> train, List<Example> valid, long startStep, long stopStep) {
    List<Batch> validBatches =
        batcher.inOrder(valid.subList(0, Math.min(config.validSentences(), valid.size())));
    // Greedy packing of length-sorted examples gives every epoch the same batch count, so step s
    // is batch s % perEpoch of epoch s / perEpoch; the epoch in use is kept, never rebuilt.
    List<Batch> epochBatches = batcher.epoch(train, config.seed(), 0).batches();
    int loadedEpoch = 0;
    int perEpoch = epochBatches.size();
    if (perEpoch == 0) {
      throw new InvalidInputException(
          "no training example fits in " + config.maxLength() + " tokens");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    trimValidationCsv(startStep);
    long windowTokens = 0;
    long windowStart = System.nanoTime();
    long runStart = windowStart;
    long runTokens = 0;
    long lastSave = System.nanoTime();
    double lastLoss = Double.NaN;
    double bestValid = bestSoFar();
    int total = settings.totalSteps();
    long stop = Math.min(stopStep, total);
    int skippedInARow = 0;
    for (long step = startStep; step < stop; step++) {
      int epoch = (int) (step / perEpoch);
      if (epoch != loadedEpoch) {
        epochBatches = batcher.epoch(train, config.seed(), epoch).batches();
        loadedEpoch = epoch;
      }
      Batch batch = epochBatches.get((int) (step % perEpoch));
      float lr = settings.learningRate(step);
      Supernet.Step r =
          net.train(
              subnetAt(step), batch, settings, lr, Seeds.derive(config.seed(), DROPOUT, step));
      if (r.skipped()) {
        skippedInARow++;
        LOG.warn(
            String.format(
                Locale.ROOT,
                "step %d: %s (loss %s); update skipped, weights unchanged",
                step + 1,
                r.skipReason(),
                r.loss()));
        if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
          throw new TrainingDivergedException(
              "training diverged: "
                  + skippedInARow
                  + " updates in a row up to step "
                  + (step + 1)
                  + " had a non-finite loss or gradient; "
                  + out.resolve("best")
                  + " holds the best weights so far; retrain with a lower --lr");
        }
      } else {
        skippedInARow = 0;
        lastLoss = r.loss();
        windowTokens += r.targetTokens();
        runTokens += r.targetTokens();
      }
      long done = step + 1;
      if (done % config.logEvery() == 0 || done == total) {
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        double tps = windowTokens / Math.max(seconds, 1e-9);
        double eta =
            (total - done) * ((System.nanoTime() - runStart) / 1e9) / Math.max(1, done - startStep);
        LOG.info(
            String.format(
                Locale.ROOT,
                "step %d/%d  loss %.3f  nll %.3f  balance %.3f  lr %.2e  %.0f tok/s  epoch %d  ETA %s",
                done,
                total,
                r.loss(),
                r.nll(),
                r.balanceLoss(),
                lr,
                tps,
                epoch,
                Durations.format(eta)));
        windowTokens = 0;
        windowStart = System.nanoTime();
      }
      double validLoss = Double.NaN;
      if (done % config.validateEvery() == 0 || done == total) {
        validLoss = validate(done, validBatches);
        if (!(validLoss >= bestValid)) {
          bestValid = validLoss;
          Checkpoints.save(
              out.resolve("best"), net, done, config.seed(), settings, bpeSha256, validLoss);
          LOG.info(
              String.format(
                  Locale.ROOT,
                  "new best validation loss %.4f at step %d -> best/",
                  validLoss,
                  done));
        }
      }
      boolean timeUp = (System.nanoTime() - lastSave) / 6e10 >= config.checkpointMinutes();
      if (done % config.checkpointEvery() == 0 || done == stop || timeUp) {
        Checkpoints.save(
            out.resolve("last"), net, done, config.seed(), settings, bpeSha256, validLoss);
        lastSave = System.nanoTime();
      }
    }
    double seconds = (System.nanoTime() - runStart) / 1e9;
    return new Result(stop, runTokens / Math.max(seconds, 1e-9), lastLoss, bestValid);
  }

  /** Validation loss of every fixed subnet, appended to validation.csv; returns their mean. */
  double validate(long step, List<Batch> validBatches) {
    CostModel cost =
        new CostModel(CostSettings.of(net.space()).withVocabSize(net.weights().shape().vocab()));
    StringBuilder rows = new StringBuilder();
    double sum = 0;
    List<String> parts = new ArrayList<>();
    Map<String, Architecture> subnets = validationSubnets();
    for (Map.Entry<String, Architecture> e : subnets.entrySet()) {
      double loss = net.validationLoss(e.getValue(), validBatches);
      sum += loss;
      rows.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%d,%.6f,%s%n",
              step,
              e.getKey(),
              cost.cost(e.getValue()).paramsActive(),
              loss,
              e.getValue().key()));
      parts.add(String.format(Locale.ROOT, "%s %.3f", e.getKey(), loss));
    }
    appendCsv(rows.toString());
    double mean = sum / subnets.size();
    LOG.info(
        String.format(
            Locale.ROOT,
            "validation at step %d: mean %.4f (%s)",
            step,
            mean,
            String.join(", ", parts)));
    return mean;
  }

  private double bestSoFar() {
    Path best = out.resolve("best");
    return Files.isDirectory(best) ? Checkpoints.info(best).validLoss() : Double.POSITIVE_INFINITY;
  }

  private void appendCsv(String rows) {
    Path csv = out.resolve("validation.csv");
    try {
      if (!Files.exists(csv)) {
        Files.writeString(
            csv, "step,subnet,params_active,valid_loss,key\n", StandardCharsets.UTF_8);
      }
      Files.writeString(csv, rows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops rows written after the checkpoint a run resumes from, so the CSV has no duplicates. */
  private void trimValidationCsv(long startStep) {
    Path csv = out.resolve("validation.csv");
    if (!Files.exists(csv)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      List<String> kept = new ArrayList<>();
      kept.add(lines.get(0));
      for (String l : lines.subList(1, lines.size())) {
        if (Long.parseLong(l.substring(0, l.indexOf(','))) <= startStep) {
          kept.add(l);
        }
      }
      Files.write(csv, kept, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
