package org.automoe.core.evo.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Genome;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.cost.CostModel;

/**
 * The test half of test-and-redraw: costs a batch of genomes, predicts their latency in one call,
 * and checks the constraints.
 */
public final class Screen {
  private final GenomeLayout layout;
  private final CostModel costModel;
  private final LatencyEstimator latency;
  private final List<Constraint> constraints;

  public Screen(
      GenomeLayout layout, CostModel costModel, LatencyEstimator latency, Constraints limits) {
    if (limits.needsLatency() && latency == LatencyEstimator.NONE) {
      throw new InvalidInputException("a latency limit needs a latency predictor");
    }
    this.layout = layout;
    this.costModel = costModel;
    this.latency = latency;
    this.constraints = limits.asList();
  }

  public GenomeLayout layout() {
    return layout;
  }

  public LatencyEstimator latency() {
    return latency;
  }

  /** A screened genome: its assessment and the first constraint it breaks, if any. */
  public record Screened(Genome genome, Assessment assessment, Optional<String> violation) {
    public boolean accepted() {
      return violation.isEmpty();
    }

    public String key() {
      return assessment.architecture().key();
    }
  }

  /** Screens a batch; the latency predictor is called once for the whole batch. */
  public List<Screened> screen(List<Genome> genomes) {
    List<Architecture> archs = decode(genomes);
    return judge(genomes, archs, latency.predictMs(archs));
  }

  public List<Architecture> decode(List<Genome> genomes) {
    return genomes.stream().map(layout::decode).toList();
  }

  /**
   * Costs decoded genomes and checks the constraints, given their predicted latency (from this
   * screen's predictor, or from a predictor actor holding the same model).
   */
  public List<Screened> judge(List<Genome> genomes, List<Architecture> archs, double[] ms) {
    if (ms.length != archs.size() || genomes.size() != archs.size()) {
      throw new IllegalStateException(
          "latency predictor returned "
              + ms.length
              + " values for "
              + archs.size()
              + " architectures");
    }
    List<Screened> out = new ArrayList<>(genomes.size());
    for (int i = 0; i < genomes.size(); i++) {
      Assessment a = new Assessment(archs.get(i), costModel.cost(archs.get(i)), ms[i]);
      out.add(new Screened(genomes.get(i), a, firstViolation(a)));
    }
    return out;
  }

  private Optional<String> firstViolation(Assessment a) {
    for (Constraint c : constraints) {
      Optional<String> v = c.violation(a);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }
}
