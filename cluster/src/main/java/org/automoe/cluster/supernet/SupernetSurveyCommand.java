package org.automoe.cluster.supernet;

import java.nio.file.Path;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Units;
import org.automoe.core.model.SupernetSurvey;
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
    SupernetSurvey.Result r =
        SupernetSurvey.run(
            new SupernetSurvey.Settings(dir, checkpoint, subnets, seed, validSentences),
            this::surveyed);
    System.out.println(
        json
            ? Json.write(SurveyJson.of(subnets, r))
            : String.format(
                Locale.ROOT,
                "rank correlation of validation loss with active params: Spearman %.3f, Kendall %.3f; with FLOPs: Spearman %.3f (-> survey.csv)",
                r.spearmanLossVsActiveParams(),
                r.kendallLossVsActiveParams(),
                r.spearmanLossVsFlops()));
  }

  /** The {@code --json} object: how many subnets, the rank correlations, and the CSV's path. */
  record SurveyJson(
      int subnets,
      double spearmanLossVsActiveParams,
      double kendallLossVsActiveParams,
      double spearmanLossVsFlops,
      Path csv) {
    static SurveyJson of(int subnets, SupernetSurvey.Result r) {
      return new SurveyJson(
          subnets,
          r.spearmanLossVsActiveParams(),
          r.kendallLossVsActiveParams(),
          r.spearmanLossVsFlops(),
          r.csv());
    }
  }

  /** One line per subnet as it is scored (not with --json). */
  private void surveyed(SupernetSurvey.Subnet s) {
    if (!json) {
      System.out.printf(
          Locale.ROOT,
          "subnet %2d: %s active params, %s FLOPs, validation loss %.4f%n",
          s.index(),
          Units.millions(s.cost().paramsActive()),
          Units.giga(s.cost().flops()),
          s.validLoss());
    }
  }
}
