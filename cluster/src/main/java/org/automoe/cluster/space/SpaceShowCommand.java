package org.automoe.cluster.space;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import org.automoe.cluster.cli.Units;
import org.automoe.core.arch.Extremes;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostReport;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;
import org.automoe.core.space.SpaceSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code automoe space show NAME}: prints a space in the file format {@code --space FILE} reads,
 * with its size and cost range as comments.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Print a search space (built-in name or file) as YAML, with its size and cost range.")
final class SpaceShowCommand implements Runnable {
  @Parameters(
      index = "0",
      paramLabel = "SPACE",
      description = "paper, paper:M, small, tiny, or a .yml/.conf file")
  String space;

  @Override
  public void run() {
    SearchSpace s = SpaceFiles.resolve(space);
    CostModel cost = new CostModel(CostSettings.of(s));
    CostReport small = cost.cost(Extremes.smallest(s));
    CostReport dense = cost.cost(Extremes.largest(s, true));
    CostReport supernet = cost.cost(Extremes.largest(s, false));
    System.out.printf(
        Locale.ROOT,
        "# %s distinct architectures (expert order counts)%n",
        sci(SpaceSize.count(s)));
    System.out.printf(
        Locale.ROOT,
        "# smallest: %s params, %s FLOPs%n",
        Units.millions(small.paramsNonEmbedding()),
        Units.giga(small.flops()));
    System.out.printf(
        Locale.ROOT,
        "# largest dense: %s params, %s FLOPs%n",
        Units.millions(dense.paramsNonEmbedding()),
        Units.giga(dense.flops()));
    System.out.printf(
        Locale.ROOT,
        "# supernet: %s params (%s active per token)%n",
        Units.millions(supernet.paramsNonEmbedding()),
        Units.millions(supernet.paramsActive()));
    System.out.print(SearchSpaceCodec.toYaml(s));
  }

  private static String sci(BigInteger n) {
    if (n.bitLength() < 40) {
      return n.toString();
    }
    return new BigDecimal(n).round(new MathContext(3)).toString();
  }
}
