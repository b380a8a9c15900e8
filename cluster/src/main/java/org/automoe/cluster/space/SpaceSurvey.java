package org.automoe.cluster.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import org.automoe.cluster.cli.Units;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostReport;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.SearchSpace;

/**
 * The survey stage of a run: seeded uniform draws from the space with their exact cost, so a user
 * sees the range the constraints will cut into before any training.
 */
public final class SpaceSurvey {
  /** One surveyed architecture. */
  public record Row(int index, long seed, Architecture arch, CostReport cost) {}

  private SpaceSurvey() {}

  public static List<Row> draw(SearchSpace space, long rootSeed, int samples) {
    GenomeLayout layout = new GenomeLayout(space);
    RandomSampler sampler = new RandomSampler(layout);
    CostModel cost = new CostModel(CostSettings.of(space));
    List<Row> rows = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      long seed = Seeds.derive(rootSeed, 0x5ABE11, i);
      Architecture a = layout.decode(sampler.sample(Seeds.rng(seed)));
      rows.add(new Row(i, seed, a, cost.cost(a)));
    }
    return rows;
  }

  public static String csv(List<Row> rows) {
    StringBuilder out =
        new StringBuilder(
            "index,draw_seed,encoder_layers,decoder_layers,moe_layers,params_non_embedding,params_active,flops,flops_with_output,key\n");
    for (Row r : rows) {
      Architecture a = r.arch();
      long moe =
          a.encoderLayers().stream().filter(l -> l.experts() > 1).count()
              + a.decoderLayers().stream().filter(l -> l.experts() > 1).count();
      out.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%d,%d,%d,%d,%d,%d,%s%n",
              r.index(),
              r.seed(),
              a.encoderLayerCount(),
              a.decoderLayerCount(),
              moe,
              r.cost().paramsNonEmbedding(),
              r.cost().paramsActive(),
              r.cost().flops(),
              r.cost().flopsWithOutput(),
              a.key()));
    }
    return out.toString();
  }

  public static String summary(List<Row> rows) {
    LongSummaryStatistics params =
        rows.stream().mapToLong(r -> r.cost().paramsNonEmbedding()).summaryStatistics();
    LongSummaryStatistics active =
        rows.stream().mapToLong(r -> r.cost().paramsActive()).summaryStatistics();
    LongSummaryStatistics flops =
        rows.stream().mapToLong(r -> r.cost().flops()).summaryStatistics();
    long moe = rows.stream().filter(r -> r.arch().isMoe()).count();
    return String.format(
        Locale.ROOT,
        "%d architectures (%d with MoE layers): params %s to %s, active %s to %s, FLOPs %s to %s",
        rows.size(),
        moe,
        Units.millions(params.getMin()),
        Units.millions(params.getMax()),
        Units.millions(active.getMin()),
        Units.millions(active.getMax()),
        Units.giga(flops.getMin()),
        Units.giga(flops.getMax()));
  }
}
