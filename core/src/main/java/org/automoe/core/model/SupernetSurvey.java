package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostReport;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Batch;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.metric.RankCorrelation;
import org.automoe.core.supernet.Supernet;

/**
 * Validation loss of random subnets with inherited weights, against their size, written to {@code
 * DIR/survey.csv}. A trained supernet shows loss falling with size: a negative rank correlation.
 */
public final class SupernetSurvey {
  /**
   * @param dir the supernet folder
   * @param checkpoint best or last; null for best when present
   * @param subnets random subnets to draw
   * @param seed seed of the draws
   * @param validSentences validation sentences each subnet is scored on
   */
  public record Settings(Path dir, String checkpoint, int subnets, long seed, int validSentences) {}

  /** One surveyed subnet, the {@code index}-th draw. */
  public record Subnet(int index, Architecture arch, CostReport cost, double validLoss) {}

  /** The subnets in draw order, and rank correlations of their loss with their size. */
  public record Result(
      List<Subnet> subnets,
      double spearmanLossVsActiveParams,
      double kendallLossVsActiveParams,
      double spearmanLossVsFlops,
      Path csv) {
    public Result {
      subnets = List.copyOf(subnets);
    }
  }

  private SupernetSurvey() {}

  /**
   * @param onSubnet called after each subnet is scored, for progress
   */
  public static Result run(Settings s, Consumer<Subnet> onSubnet) {
    TrainingData data = TrainingData.open(s.dir());
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net =
            ModelFolder.load(ModelFolder.checkpoint(s.dir(), s.checkpoint()), data, manager)) {
      List<Example> valid = TrainingData.encode(data.bpe(), data.corpus().valid());
      List<Batch> batches =
          new TokenBatcher(4096, 256)
              .inOrder(valid.subList(0, Math.min(s.validSentences(), valid.size())));
      GenomeLayout layout = new GenomeLayout(net.space());
      RandomSampler sampler = new RandomSampler(layout);
      CostModel cost =
          new CostModel(CostSettings.of(net.space()).withVocabSize(data.bpe().vocabSize()));
      List<Subnet> subnets = new ArrayList<>();
      double[] loss = new double[s.subnets()];
      double[] active = new double[s.subnets()];
      double[] flops = new double[s.subnets()];
      StringBuilder csv = new StringBuilder("subnet,params_active,flops,valid_loss,key\n");
      for (int i = 0; i < s.subnets(); i++) {
        Architecture a = layout.decode(sampler.sample(Seeds.rng(Seeds.derive(s.seed(), i))));
        CostReport c = cost.cost(a);
        loss[i] = net.validationLoss(a, batches);
        active[i] = c.paramsActive();
        flops[i] = c.flops();
        csv.append(
            String.format(
                Locale.ROOT,
                "%d,%d,%d,%.6f,%s%n",
                i,
                c.paramsActive(),
                c.flops(),
                loss[i],
                a.key()));
        Subnet subnet = new Subnet(i, a, c, loss[i]);
        subnets.add(subnet);
        onSubnet.accept(subnet);
      }
      Path file = new RunDirectory(s.dir()).write("survey.csv", csv.toString());
      return new Result(
          subnets,
          RankCorrelation.spearman(loss, active),
          RankCorrelation.kendall(loss, active),
          RankCorrelation.spearman(loss, flops),
          file);
    }
  }
}
