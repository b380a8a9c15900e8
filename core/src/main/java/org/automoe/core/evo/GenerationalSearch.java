package org.automoe.core.evo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automoe.core.evo.constraint.Assessment;
import org.automoe.core.evo.pareto.ParetoArchive;
import org.automoe.core.search.Evaluator;

/**
 * A synchronous driver of {@link GenerationalStep}: the paper's search with a pluggable evaluator.
 * Unlike the original, the children of the last generation are evaluated too, and no architecture
 * is evaluated twice.
 */
public final class GenerationalSearch {
  private final GenerationalStep step;

  public GenerationalSearch(GenerationalStep step) {
    this.step = step;
  }

  /** Everything a finished search knows. */
  public record Result(
      List<Individual> evaluated,
      Individual best,
      List<Individual> front,
      int generations,
      long rejectedByConstraint,
      long duplicates) {}

  /** Evaluates the initial population, then {@code generations} bred generations. */
  public Result run(long rootSeed, int generations, Evaluator evaluator) {
    List<Individual> evaluated = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ParetoArchive<Individual> archive = new ParetoArchive<>(GenerationalSearch::objectives);
    long[] nextId = {1};
    long rejected = 0;
    long duplicates = 0;

    GenerationalStep.Offspring initial = step.initial(rootSeed, k -> !seen.contains(k));
    List<Individual> population = evaluate(initial, 0, evaluator, nextId, seen, archive, evaluated);
    rejected += initial.rejectedByConstraint();
    duplicates += initial.duplicates();
    for (int g = 1; g <= generations; g++) {
      List<Individual> parents = step.parents(population);
      GenerationalStep.Offspring kids = step.breed(parents, rootSeed, g, k -> !seen.contains(k));
      rejected += kids.rejectedByConstraint();
      duplicates += kids.duplicates();
      List<Individual> next = new ArrayList<>(parents);
      next.addAll(evaluate(kids, g, evaluator, nextId, seen, archive, evaluated));
      population = next;
    }
    Individual best = evaluated.stream().min(TopKSelection.BY_LOSS).orElseThrow();
    List<Individual> front = new ArrayList<>(archive.front());
    front.sort(Comparator.comparingDouble(Individual::validationLoss));
    return new Result(List.copyOf(evaluated), best, front, generations, rejected, duplicates);
  }

  /** The Pareto objectives: validation loss, predicted latency (0 when unknown), FLOPs. */
  public static double[] objectives(Individual i) {
    double latency = i.candidate().predictedLatencyMs();
    return new double[] {
      i.validationLoss(), Double.isNaN(latency) ? 0 : latency, i.candidate().cost().flops()
    };
  }

  private static List<Individual> evaluate(
      GenerationalStep.Offspring offspring,
      int generation,
      Evaluator evaluator,
      long[] nextId,
      Set<String> seen,
      ParetoArchive<Individual> archive,
      List<Individual> evaluated) {
    List<Individual> out = new ArrayList<>(offspring.children().size());
    for (Breeder.Child child : offspring.children()) {
      Assessment a = child.screened().assessment();
      Candidate c =
          new Candidate(
              nextId[0]++,
              child.seed(),
              generation,
              a.architecture(),
              a.cost(),
              a.predictedLatencyMs());
      Individual ind = new Individual(c, child.screened().genome(), evaluator.validationLoss(c));
      seen.add(ind.key());
      archive.offer(ind);
      evaluated.add(ind);
      out.add(ind);
    }
    return out;
  }
}
