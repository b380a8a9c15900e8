package org.automoe.cluster.supernet;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Units;
import org.automoe.cluster.run.RunDirectory;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostReport;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.data.Batch;
import org.automoe.core.data.TokenBatcher;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.metric.RankCorrelation;
import org.automoe.core.supernet.Supernet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe supernet survey}: validation loss of N random subnets with inherited weights,
 * against their size. A trained supernet shows loss falling with size: a negative rank correlation.
 */
@Command(
    name = "survey",
    mixinStandardHelpOptions = true,
    description = "Validation loss of N random subnets against their size, with rank correlations.")
final class SupernetSurveyCommand implements Runnable {
  @Option(names = "--supernet", required = true, description = "supernet folder")
  Path dir;

  @Option(
      names = "--subnets",
      defaultValue = "20",
      description = "random subnets (default: ${DEFAULT-VALUE})")
  int subnets;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "seed of the draws (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--valid-sentences",
      defaultValue = "500",
      description = "validation sentences used")
  int validSentences;

  @Option(names = "--checkpoint", description = "best or last (default: best when present)")
  String checkpoint;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    TrainingData data = TrainingData.open(dir);
    try (NDManager manager = NDManager.newBaseManager();
        Supernet net = ModelFolder.load(ModelFolder.checkpoint(dir, checkpoint), data, manager)) {
      var valid = TrainingData.encode(data.bpe(), data.corpus().valid());
      List<Batch> batches =
          new TokenBatcher(4096, 256)
              .inOrder(valid.subList(0, Math.min(validSentences, valid.size())));
      GenomeLayout layout = new GenomeLayout(net.space());
      RandomSampler sampler = new RandomSampler(layout);
      CostModel cost =
          new CostModel(CostSettings.of(net.space()).withVocabSize(data.bpe().vocabSize()));
      double[] loss = new double[subnets];
      double[] active = new double[subnets];
      double[] flops = new double[subnets];
      StringBuilder csv = new StringBuilder("subnet,params_active,flops,valid_loss,key\n");
      for (int i = 0; i < subnets; i++) {
        Architecture a = layout.decode(sampler.sample(Seeds.rng(Seeds.derive(seed, i))));
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
        if (!json) {
          System.out.printf(
              Locale.ROOT,
              "subnet %2d: %s active params, %s FLOPs, validation loss %.4f%n",
              i,
              Units.millions(c.paramsActive()),
              Units.giga(c.flops()),
              loss[i]);
        }
      }
      new RunDirectory(dir).write("survey.csv", csv.toString());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("subnets", subnets);
      m.put("spearmanLossVsActiveParams", RankCorrelation.spearman(loss, active));
      m.put("kendallLossVsActiveParams", RankCorrelation.kendall(loss, active));
      m.put("spearmanLossVsFlops", RankCorrelation.spearman(loss, flops));
      m.put("csv", dir.resolve("survey.csv").toString());
      System.out.println(
          json
              ? Json.write(m)
              : String.format(
                  Locale.ROOT,
                  "rank correlation of validation loss with active params: Spearman %.3f, Kendall %.3f; with FLOPs: Spearman %.3f (-> survey.csv)",
                  m.get("spearmanLossVsActiveParams"),
                  m.get("kendallLossVsActiveParams"),
                  m.get("spearmanLossVsFlops")));
    }
  }
}
